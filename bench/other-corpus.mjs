#!/usr/bin/env node
// other-corpus.mjs — a second generator of ecap content folders, written apart from
// generate.mjs (without reading it), so that the benchmark can be repeated on a corpus the
// runner did not write: `npm run bench -- --corpus DIR`.
//
// Writes a valid ecap content folder (activity.yaml, sources.yaml, themes/,
// missions/, practices/, meetings/, recommendations/, statistics/) of about N
// records, shaped like real IPR-enforcement mission material but written from
// its own vocabulary and sentence templates. Node 20 built-ins only; fully
// deterministic for a given --records and --seed (own PRNG, no clock).
//
//   node bench/other-corpus.mjs --records N --out DIR [--seed S] [--force]

import { mkdirSync, writeFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { countOf, optionsOf, usageError } from './args.mjs';

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

const USAGE = 'node bench/other-corpus.mjs [--records N] --out DIR [--seed S] [--force]';

/** Exits 2 with the usage: see bench/args.mjs. */
const fail = (message) => usageError(USAGE, message);

/**
 * --records: about how many records (at least 50: the fixed ones alone are 34; default 1000).
 * --out: the content folder, missing or empty unless --force, which first removes the
 * collections a previous run wrote there and nothing else. --seed: the same N and seed always
 * give the same bytes (default 1).
 */
function parseCommandLine() {
  const values = optionsOf(USAGE, { records: { type: 'string', default: '1000' }, out: { type: 'string' }, seed: { type: 'string', default: '1' }, force: { type: 'boolean', default: false } });
  if (!values.out) fail('--out is required');
  const records = countOf(USAGE, 'records', values.records, 50);
  if (records > 200000) fail(`--records must be at most 200000, not "${values.records}"`);
  return { records, seed: countOf(USAGE, 'seed', values.seed, 0), out: values.out, force: values.force };
}

// ---------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------

function hash32(str) {
  // FNV-1a, then an avalanche step.
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

class Rng {
  constructor(seed) { this.s = seed >>> 0; }
  static of(...parts) { return new Rng(hash32(parts.join('\u0001'))); }
  next() { // mulberry32
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  chance(p) { return this.next() < p; }
  pick(arr) { return arr[Math.floor(this.next() * arr.length)]; }
  weighted(pairs) { // [[item, weight], ...]
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [item, w] of pairs) { r -= w; if (r < 0) return item; }
    return pairs[pairs.length - 1][0];
  }
  shuffle(arr) {
    const a = arr.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  sample(arr, k) { return this.shuffle(arr).slice(0, Math.min(k, arr.length)); }
}

// ---------------------------------------------------------------------------
// Reference data: member states, agencies, places
// ---------------------------------------------------------------------------

const A = (id, name, kind, extra = {}) => ({ id, name, kind, ...extra });

const COUNTRIES = [
  {
    code: 'BN', name: 'Brunei Darussalam', native: { text: 'بروني دارالسلام', lang: 'ms-Arab' },
    currency: 'BND', language: 'Malay', weight: 3,
    agencies: [
      A('bruipo', 'Brunei Darussalam Intellectual Property Office', 'ip-office', { acronym: 'BruIPO', parent: 'Energy and Industry Department, Prime Minister\'s Office', native: { text: 'Pejabat Harta Intelek Brunei Darussalam', lang: 'ms' } }),
      A('rbpf', 'Royal Brunei Police Force', 'police', { acronym: 'RBPF', native: { text: 'Pasukan Polis Diraja Brunei', lang: 'ms' } }),
      A('customs', 'Royal Customs and Excise Department', 'customs', { acronym: 'RCED', parent: 'Ministry of Finance', native: { text: 'Jabatan Kastam Diraja Brunei', lang: 'ms' } }),
      A('agc', 'Attorney General\'s Chambers', 'prosecution', { acronym: 'AGC', native: { text: 'Jabatan Peguam Negara', lang: 'ms' } }),
      A('judiciary', 'Intermediate Courts and High Court', 'court', { parent: 'Judiciary of Brunei Darussalam' }),
      A('mipr', 'Ministry of Industry and Primary Resources', 'ministry', { acronym: 'MIPR' }),
      A('aiti', 'Authority for Info-communications Technology Industry', 'regulator', { acronym: 'AITI' }),
    ],
    places: ['Bandar Seri Begawan', 'Kuala Belait', 'Seria', 'Tutong', 'Bangar', 'Muara', 'Gadong', 'Kiulap'],
    provinces: [['Brunei-Muara', 'بروني-موارا'], ['Belait', 'بلاءيت'], ['Tutong', 'توتوڠ'], ['Temburong', 'تمبوروڠ']],
    markets: ['the Gadong night market', 'Tamu Kianggeh', 'the Kiulap shophouses', 'the Seria town shops', 'the Tutong tamu'],
    borders: ['Kuala Lurah–Tedungan', 'Sungai Tujoh', 'Labu', 'Ujung Jalan'],
    ports: ['Muara Port', 'the Brunei International Airport cargo terminal'],
    neighbours: ['MY', 'ID'],
    laws: ['the Trade Marks Act (Cap. 98)', 'the Emergency (Copyright) Order 1999', 'the Customs Order 2006', 'the Emergency (Geographical Indications) Order 2000', 'the Penal Code (Cap. 22)'],
    terms: [['Pejabat Harta Intelek', 'IP office'], ['barangan tiruan', 'counterfeit goods'], ['tamu', 'open-air market'], ['ڤرنياݢاءن', 'trade (in Jawi script)']],
    gis: [],
    domain: 'www.bruipo.gov.bn',
  },
  {
    code: 'KH', name: 'Cambodia', native: { text: 'កម្ពុជា', lang: 'km' },
    currency: 'KHR', language: 'Khmer', weight: 8,
    agencies: [
      A('dipr', 'Department of Intellectual Property Rights', 'ip-office', { acronym: 'DIPR', parent: 'Ministry of Commerce', native: { text: 'នាយកដ្ឋានកម្មសិទ្ធិបញ្ញា', lang: 'km' } }),
      A('camcontrol', 'Import-Export Inspection and Fraud Repression Directorate-General', 'regulator', { acronym: 'CamControl', parent: 'Ministry of Commerce', native: { text: 'អគ្គនាយកដ្ឋានកាំកុងត្រូល', lang: 'km' } }),
      A('economic-police', 'Department of Anti-Economic Crime (Economic Police)', 'police', { parent: 'Ministry of Interior' }),
      A('customs', 'General Department of Customs and Excise', 'customs', { acronym: 'GDCE', parent: 'Ministry of Economy and Finance', native: { text: 'អគ្គនាយកដ្ឋានគយ និងរដ្ឋាករកម្ពុជា', lang: 'km' } }),
      A('ncipm', 'National Committee for Intellectual Property Management', 'coordination-body'),
      A('copyright', 'Department of Copyright and Related Rights', 'ministry', { parent: 'Ministry of Culture and Fine Arts' }),
      A('pp-court', 'Phnom Penh Municipal Court of First Instance', 'court', { native: { text: 'សាលាដំបូងរាជធានីភ្នំពេញ', lang: 'km' } }),
    ],
    places: ['Phnom Penh', 'Siem Reap', 'Battambang', 'Sihanoukville', 'Poipet', 'Kampot', 'Bavet', 'Kampong Cham'],
    provinces: [['Phnom Penh', 'ភ្នំពេញ'], ['Kampot', 'កំពត'], ['Siem Reap', 'សៀមរាប'], ['Battambang', 'បាត់ដំបង'], ['Banteay Meanchey', 'បន្ទាយមានជ័យ'], ['Svay Rieng', 'ស្វាយរៀង'], ['Preah Sihanouk', 'ព្រះសីហនុ'], ['Kampong Cham', 'កំពង់ចាម'], ['Takeo', 'តាកែវ'], ['Kandal', 'កណ្ដាល'], ['Koh Kong', 'កោះកុង'], ['Kep', 'កែប']],
    markets: ['Orussey market', 'Central Market (Phsar Thmei)', 'the Russian Market (Phsar Tuol Tom Poung)', 'Olympic market', 'the Poipet border market'],
    borders: ['Poipet–Aranyaprathet', 'Bavet–Moc Bai', 'Cham Yeam–Hat Lek', 'Trapeang Kriel–Nong Nok Khiene'],
    ports: ['Sihanoukville Autonomous Port', 'Phnom Penh Autonomous Port', 'Phnom Penh International Airport'],
    neighbours: ['TH', 'VN', 'LA'],
    laws: ['the Law concerning Marks, Trade Names and Acts of Unfair Competition (2002)', 'the Law on Copyright and Related Rights (2003)', 'the Law on Customs (2007)', 'the Law on Geographical Indications of Goods (2014 draft)', 'Sub-Decree No. 142 of 2008'],
    terms: [['ទំនិញក្លែងក្លាយ', 'counterfeit goods'], ['ផ្សារ', 'market'], ['ម្រេចកំពត', 'Kampot pepper'], ['ពាក្យបណ្ដឹង', 'complaint']],
    gis: ['Kampot pepper', 'Kampong Speu palm sugar'],
    domain: 'www.cambodiaip.gov.kh',
  },
  {
    code: 'ID', name: 'Indonesia', native: null,
    currency: 'IDR', language: 'Indonesian', weight: 14,
    agencies: [
      A('dgipr', 'Directorate General of Intellectual Property Rights', 'ip-office', { acronym: 'DGIPR', parent: 'Ministry of Law and Human Rights', native: { text: 'Direktorat Jenderal Hak Kekayaan Intelektual', lang: 'id' } }),
      A('bareskrim', 'Criminal Investigation Agency, Indonesian National Police', 'police', { acronym: 'Bareskrim', native: { text: 'Badan Reserse Kriminal Polri', lang: 'id' } }),
      A('customs', 'Directorate General of Customs and Excise', 'customs', { acronym: 'DGCE', parent: 'Ministry of Finance', native: { text: 'Direktorat Jenderal Bea dan Cukai', lang: 'id' } }),
      A('timnas', 'National Team for the Prevention of IPR Infringements', 'coordination-body', { acronym: 'Timnas PPHKI' }),
      A('bpom', 'National Agency of Drug and Food Control', 'regulator', { acronym: 'BPOM', native: { text: 'Badan Pengawas Obat dan Makanan', lang: 'id' } }),
      A('ago', 'Attorney General\'s Office', 'prosecution', { native: { text: 'Kejaksaan Agung', lang: 'id' } }),
      A('commercial-court', 'Commercial Court at the Central Jakarta District Court', 'court', { native: { text: 'Pengadilan Niaga Jakarta Pusat', lang: 'id' } }),
      A('ppns', 'Civil Servant Investigators of the DGIPR', 'other', { acronym: 'PPNS', parent: 'Directorate General of Intellectual Property Rights' }),
    ],
    places: ['Jakarta', 'Surabaya', 'Medan', 'Batam', 'Denpasar', 'Makassar', 'Semarang', 'Bandung', 'Pontianak'],
    provinces: [['DKI Jakarta', 'DKI Jakarta'], ['Jawa Barat', 'Jawa Barat'], ['Jawa Timur', 'Jawa Timur'], ['Sumatera Utara', 'Sumatera Utara'], ['Kepulauan Riau', 'Kepulauan Riau'], ['Bali', 'Bali'], ['Sulawesi Selatan', 'Sulawesi Selatan'], ['Kalimantan Barat', 'Kalimantan Barat'], ['Jawa Tengah', 'Jawa Tengah'], ['Banten', 'Banten'], ['Riau', 'Riau'], ['Nusa Tenggara Timur', 'Nusa Tenggara Timur']],
    markets: ['Glodok', 'Mangga Dua', 'Tanah Abang', 'Pasar Baru', 'the Batam harbour shops', 'ITC Roxy Mas'],
    borders: ['Entikong–Tebedu', 'Motaain–Batugade', 'the Batam–Singapore ferry terminals', 'Skouw–Wutung'],
    ports: ['Tanjung Priok', 'Tanjung Perak', 'Belawan', 'Soekarno-Hatta airport cargo terminal', 'Batu Ampar, Batam'],
    neighbours: ['MY', 'SG', 'TL'],
    laws: ['Law No. 15 of 2001 on Marks', 'Law No. 19 of 2002 on Copyright', 'Law No. 17 of 2006 on Customs', 'Presidential Decree No. 4 of 2006', 'Government Regulation No. 51 of 2007 on Geographical Indications'],
    terms: [['barang palsu', 'counterfeit goods'], ['delik aduan', 'complaint-based offence'], ['Penyidik Pegawai Negeri Sipil', 'civil servant investigators'], ['penggerebekan', 'raid']],
    gis: ['Kintamani Bali Arabica coffee', 'Muntok white pepper', 'Gayo Arabica coffee'],
    domain: 'www.dgip.go.id',
  },
  {
    code: 'LA', name: 'Lao PDR', native: { text: 'ສປປ ລາວ', lang: 'lo' },
    currency: 'LAK', language: 'Lao', weight: 6,
    agencies: [
      A('dip', 'Department of Intellectual Property', 'ip-office', { acronym: 'DIP', parent: 'Ministry of Science and Technology', native: { text: 'ກົມຊັບສິນທາງປັນຍາ', lang: 'lo' } }),
      A('economic-police', 'Economic Police Department', 'police', { parent: 'Ministry of Public Security' }),
      A('customs', 'Customs Department', 'customs', { parent: 'Ministry of Finance', native: { text: 'ກົມພາສີ', lang: 'lo' } }),
      A('domestic-trade', 'Department of Domestic Trade', 'ministry', { parent: 'Ministry of Industry and Commerce', native: { text: 'ກົມການຄ້າພາຍໃນ', lang: 'lo' } }),
      A('fdd', 'Food and Drug Department', 'regulator', { acronym: 'FDD', parent: 'Ministry of Health' }),
      A('prosecutor', 'Office of the Supreme People\'s Prosecutor', 'prosecution'),
      A('court', 'People\'s Supreme Court', 'court', { native: { text: 'ສານປະຊາຊົນສູງສຸດ', lang: 'lo' } }),
    ],
    places: ['Vientiane', 'Luang Prabang', 'Savannakhet', 'Pakse', 'Thakhek', 'Boten', 'Houayxay', 'Oudomxay'],
    provinces: [['Vientiane Capital', 'ນະຄອນຫຼວງວຽງຈັນ'], ['Luang Prabang', 'ຫຼວງພະບາງ'], ['Savannakhet', 'ສະຫວັນນະເຂດ'], ['Champasak', 'ຈຳປາສັກ'], ['Khammouane', 'ຄຳມ່ວນ'], ['Luang Namtha', 'ຫຼວງນ້ຳທາ'], ['Bokeo', 'ບໍ່ແກ້ວ'], ['Oudomxay', 'ອຸດົມໄຊ'], ['Xayaboury', 'ໄຊຍະບູລີ'], ['Bolikhamxay', 'ບໍລິຄຳໄຊ']],
    markets: ['Talat Sao (the Morning Market)', 'Khua Din market', 'the Savannakhet central market', 'the Pakse Dao Heuang market', 'the Boten trading zone'],
    borders: ['the First Thai–Lao Friendship Bridge (Thanaleng)', 'Boten–Mohan', 'Lao Bao–Densavanh', 'the Second Friendship Bridge (Savannakhet)', 'Vang Tao–Chong Mek'],
    ports: ['Thanaleng dry port', 'Wattay International Airport cargo terminal', 'the Savan-Seno logistics park'],
    neighbours: ['TH', 'VN', 'KH', 'MM'],
    laws: ['the Law on Intellectual Property (Amended) of 2011', 'the Customs Law (Amended) of 2011', 'the Law on Handling Economic Disputes', 'the Penal Law of 2005', 'Decree No. 322 on the Implementation of the IP Law'],
    terms: [['ສິນຄ້າປອມ', 'counterfeit goods'], ['ຕະຫຼາດເຊົ້າ', 'Talat Sao, the Morning Market'], ['ໃບແຈ້ງຄວາມ', 'complaint form'], ['ກົມພາສີ', 'Customs Department']],
    gis: ['Bolaven Plateau coffee', 'Khao Kai Noi rice'],
    domain: 'www.dip.gov.la',
  },
  {
    code: 'MY', name: 'Malaysia', native: { text: 'مليسيا', lang: 'ms-Arab' },
    currency: 'MYR', language: 'Malay', weight: 12,
    agencies: [
      A('myipo', 'Intellectual Property Corporation of Malaysia', 'ip-office', { acronym: 'MyIPO', native: { text: 'Perbadanan Harta Intelek Malaysia', lang: 'ms' } }),
      A('kpdnkk', 'Enforcement Division, Ministry of Domestic Trade, Co-operatives and Consumerism', 'ministry', { acronym: 'KPDNKK', native: { text: 'Kementerian Perdagangan Dalam Negeri, Koperasi dan Kepenggunaan', lang: 'ms' } }),
      A('customs', 'Royal Malaysian Customs Department', 'customs', { acronym: 'RMCD', parent: 'Ministry of Finance', native: { text: 'Jabatan Kastam Diraja Malaysia', lang: 'ms' } }),
      A('pdrm', 'Royal Malaysia Police', 'police', { acronym: 'PDRM', native: { text: 'Polis Diraja Malaysia', lang: 'ms' } }),
      A('agc', 'Attorney General\'s Chambers', 'prosecution', { acronym: 'AGC' }),
      A('ip-courts', 'Sessions Courts and High Court divisions designated for IP cases', 'court'),
      A('mcmc', 'Malaysian Communications and Multimedia Commission', 'regulator', { acronym: 'MCMC' }),
    ],
    places: ['Kuala Lumpur', 'Johor Bahru', 'Penang', 'Kota Kinabalu', 'Kuching', 'Ipoh', 'Port Klang', 'Bukit Kayu Hitam'],
    provinces: [['Kuala Lumpur', 'كوالا لومڤور'], ['Selangor', 'سلاڠور'], ['Johor', 'جوهر'], ['Pulau Pinang', 'ڤولاو ڤينڠ'], ['Perak', 'ڤيرق'], ['Kedah', 'قدح'], ['Sabah', 'صباح'], ['Sarawak', 'سراوق'], ['Melaka', 'ملاك'], ['Kelantan', 'کلنتن'], ['Pahang', 'ڤهڠ'], ['Negeri Sembilan', 'نݢري سمبيلن'], ['Terengganu', 'ترڠݢانو']],
    markets: ['Petaling Street', 'the Low Yat Plaza stalls', 'Jalan Masjid India', 'the Johor Bahru night markets', 'Batu Ferringhi night market'],
    borders: ['Bukit Kayu Hitam–Sadao', 'the Johor Causeway', 'the Second Link at Tuas', 'Rantau Panjang–Sungai Kolok', 'Tebedu–Entikong'],
    ports: ['Port Klang', 'Port of Tanjung Pelepas', 'Penang Port', 'KLIA cargo terminal'],
    neighbours: ['TH', 'SG', 'ID', 'BN'],
    laws: ['the Trade Marks Act 1976', 'the Copyright Act 1987', 'the Trade Descriptions Act 2011', 'the Customs Act 1967', 'the Geographical Indications Act 2000'],
    terms: [['barang tiruan', 'counterfeit goods'], ['kompaun', 'compound, an administrative fine that closes a case'], ['Akta Perihal Dagangan 2011', 'Trade Descriptions Act 2011'], ['ڤربادنن هرتا اينتيليک', 'Intellectual Property Corporation, in Jawi']],
    gis: ['Sarawak pepper', 'Bario rice', 'Borneo virgin coconut oil'],
    domain: 'www.myipo.gov.my',
  },
  {
    code: 'MM', name: 'Myanmar', native: { text: 'မြန်မာ', lang: 'my' },
    currency: 'MMK', language: 'Burmese', weight: 5,
    agencies: [
      A('ip-section', 'Intellectual Property Section, Ministry of Science and Technology', 'ip-office'),
      A('mpf', 'Myanmar Police Force', 'police', { acronym: 'MPF', parent: 'Ministry of Home Affairs', native: { text: 'မြန်မာနိုင်ငံရဲတပ်ဖွဲ့', lang: 'my' } }),
      A('customs', 'Customs Department', 'customs', { parent: 'Ministry of Finance and Revenue', native: { text: 'အကောက်ခွန်ဦးစီးဌာန', lang: 'my' } }),
      A('commerce', 'Department of Trade', 'ministry', { parent: 'Ministry of Commerce', native: { text: 'ကူးသန်းရောင်းဝယ်ရေးဝန်ကြီးဌာန', lang: 'my' } }),
      A('fda', 'Food and Drug Administration', 'regulator', { acronym: 'FDA', parent: 'Ministry of Health' }),
      A('uago', 'Union Attorney General\'s Office', 'prosecution'),
      A('yangon-court', 'Yangon Region High Court', 'court'),
    ],
    places: ['Yangon', 'Mandalay', 'Nay Pyi Taw', 'Myawaddy', 'Muse', 'Tachileik', 'Kawthaung', 'Lashio'],
    provinces: [['Yangon Region', 'ရန်ကုန်တိုင်း'], ['Mandalay Region', 'မန္တလေးတိုင်း'], ['Shan State', 'ရှမ်းပြည်နယ်'], ['Kayin State', 'ကရင်ပြည်နယ်'], ['Tanintharyi Region', 'တနင်္သာရီတိုင်း'], ['Nay Pyi Taw Union Territory', 'နေပြည်တော်'], ['Sagaing Region', 'စစ်ကိုင်းတိုင်း'], ['Mon State', 'မွန်ပြည်နယ်']],
    markets: ['Bogyoke Aung San Market', 'the Theingyi Zei market', 'Zegyo market in Mandalay', 'the Muse 105th Mile trade zone', 'the Tachileik border market'],
    borders: ['Muse–Ruili', 'Myawaddy–Mae Sot', 'Tachileik–Mae Sai', 'Kawthaung–Ranong'],
    ports: ['Yangon port (Asia World terminal)', 'Thilawa port', 'Yangon International Airport cargo terminal'],
    neighbours: ['TH', 'LA'],
    laws: ['the Registration Act (1909)', 'the Penal Code (sections 478 to 489)', 'the Sea Customs Act (1878)', 'the Copyright Act (1914)', 'the Merchandise Marks Act (1889)'],
    terms: [['ကုန်အမှတ်တံဆိပ်', 'trade mark'], ['ဈေး', 'market'], ['အကောက်ခွန်', 'customs'], ['တရားရုံး', 'court']],
    gis: ['Shan tea', 'Mandalay mangoes'],
    domain: 'www.most.gov.mm',
  },
  {
    code: 'PH', name: 'Philippines', native: { text: 'Pilipinas', lang: 'fil' },
    currency: 'PHP', language: 'Filipino', weight: 13,
    agencies: [
      A('ipophl', 'Intellectual Property Office of the Philippines', 'ip-office', { acronym: 'IPOPHL', parent: 'Department of Trade and Industry' }),
      A('nbi', 'National Bureau of Investigation', 'police', { acronym: 'NBI', parent: 'Department of Justice' }),
      A('cidg', 'Criminal Investigation and Detection Group, Philippine National Police', 'police', { acronym: 'PNP-CIDG' }),
      A('boc', 'Bureau of Customs', 'customs', { acronym: 'BOC', parent: 'Department of Finance', native: { text: 'Kawanihan ng Adwana', lang: 'fil' } }),
      A('omb', 'Optical Media Board', 'regulator', { acronym: 'OMB' }),
      A('fda', 'Food and Drug Administration', 'regulator', { acronym: 'FDA', parent: 'Department of Health' }),
      A('nps', 'National Prosecution Service', 'prosecution', { acronym: 'NPS', parent: 'Department of Justice' }),
      A('ncipr', 'National Committee on Intellectual Property Rights', 'coordination-body', { acronym: 'NCIPR' }),
      A('commercial-courts', 'Special Commercial Courts', 'court', { parent: 'Supreme Court of the Philippines' }),
    ],
    places: ['Manila', 'Quezon City', 'Cebu', 'Davao', 'Makati', 'Pasay', 'Zamboanga', 'Iloilo', 'Angeles'],
    provinces: [['Metro Manila', 'Kalakhang Maynila'], ['Cebu', 'Sugbo'], ['Davao del Sur', 'Davao del Sur'], ['Pampanga', 'Kapampangan'], ['Bulacan', 'Bulacan'], ['Cavite', 'Kabite'], ['Laguna', 'Laguna'], ['Iloilo', 'Iloilo'], ['Zamboanga del Sur', 'Zamboanga del Sur'], ['Batangas', 'Batangas'], ['Benguet', 'Benguet'], ['Misamis Oriental', 'Misamis Oriental']],
    markets: ['Divisoria', 'the 168 Shopping Mall', 'Greenhills Shopping Center', 'Baclaran', 'Quiapo', 'the Carbon market in Cebu'],
    borders: ['the Sulu Sea barter trade routes', 'the Zamboanga–Sandakan ferry route'],
    ports: ['the Manila International Container Terminal', 'the Port of Manila South Harbor', 'the Port of Cebu', 'NAIA cargo terminal', 'Subic Bay Freeport'],
    neighbours: ['MY', 'ID'],
    laws: ['the Intellectual Property Code (Republic Act No. 8293)', 'Republic Act No. 10372 of 2013', 'Executive Order No. 736 of 2008', 'the Optical Media Act of 2003', 'A.M. No. 10-3-10-SC, the Rules of Procedure for IPR Cases'],
    terms: [['peke', 'fake'], ['tiangge', 'bazaar stall'], ['ukay-ukay', 'second-hand clothing stall'], ['Pambansang Kawanihan ng Pagsisiyasat', 'National Bureau of Investigation']],
    gis: ['Guimaras mangoes', 'Bicol pili nuts'],
    domain: 'www.ipophil.gov.ph',
  },
  {
    code: 'SG', name: 'Singapore', native: { text: 'Singapura', lang: 'ms' },
    currency: 'SGD', language: 'English', weight: 9,
    agencies: [
      A('ipos', 'Intellectual Property Office of Singapore', 'ip-office', { acronym: 'IPOS', parent: 'Ministry of Law' }),
      A('spf', 'Intellectual Property Rights Branch, Criminal Investigation Department, Singapore Police Force', 'police', { acronym: 'IPRB' }),
      A('customs', 'Singapore Customs', 'customs', { parent: 'Ministry of Finance' }),
      A('ica', 'Immigration & Checkpoints Authority', 'other', { acronym: 'ICA', parent: 'Ministry of Home Affairs' }),
      A('agc', 'Attorney-General\'s Chambers', 'prosecution', { acronym: 'AGC' }),
      A('courts', 'Subordinate Courts (State Courts from 2014)', 'court'),
      A('hsa', 'Health Sciences Authority', 'regulator', { acronym: 'HSA' }),
    ],
    places: ['Singapore', 'Jurong', 'Changi', 'Woodlands', 'Tuas', 'Pasir Panjang', 'Geylang', 'Bugis'],
    provinces: [['Central Region', 'Central Region'], ['East Region', 'East Region'], ['North Region', 'North Region'], ['North-East Region', 'North-East Region'], ['West Region', 'West Region']],
    markets: ['Sim Lim Square', 'the Bugis Street stalls', 'Lucky Plaza', 'the Geylang night stalls', 'online marketplaces'],
    borders: ['Woodlands Checkpoint', 'Tuas Checkpoint', 'Changi Airfreight Centre', 'the Tanah Merah ferry terminal'],
    ports: ['Pasir Panjang Terminal', 'Keppel Distripark', 'Changi Airfreight Centre', 'Jurong Port'],
    neighbours: ['MY', 'ID'],
    laws: ['the Trade Marks Act (Cap. 332)', 'the Copyright Act (Cap. 63)', 'the Regulation of Imports and Exports Act', 'the Customs Act (Cap. 70)', 'the Geographical Indications Act (Cap. 117B)'],
    terms: [['“parallel import”', 'goods put on the market abroad with the right holder\'s consent'], ['transhipment', 'goods moved between vessels without entering the market'], ['Singapura', 'Singapore, in Malay'], ['Singapur', 'Singapore, in Tamil transliteration']],
    gis: [],
    domain: 'www.ipos.gov.sg',
  },
  {
    code: 'TH', name: 'Thailand', native: { text: 'ประเทศไทย', lang: 'th' },
    currency: 'THB', language: 'Thai', weight: 14,
    agencies: [
      A('dip', 'Department of Intellectual Property', 'ip-office', { acronym: 'DIP', parent: 'Ministry of Commerce', native: { text: 'กรมทรัพย์สินทางปัญญา', lang: 'th' } }),
      A('ecsd', 'Economic Crime Suppression Division, Royal Thai Police', 'police', { acronym: 'ECSD', native: { text: 'กองบังคับการปราบปรามการกระทำความผิดเกี่ยวกับเศรษฐกิจ', lang: 'th' } }),
      A('dsi', 'Department of Special Investigation', 'police', { acronym: 'DSI', parent: 'Ministry of Justice', native: { text: 'กรมสอบสวนคดีพิเศษ', lang: 'th' } }),
      A('customs', 'Customs Department', 'customs', { parent: 'Ministry of Finance', native: { text: 'กรมศุลกากร', lang: 'th' } }),
      A('oag', 'Office of the Attorney General', 'prosecution', { acronym: 'OAG', native: { text: 'สำนักงานอัยการสูงสุด', lang: 'th' } }),
      A('ipitc', 'Central Intellectual Property and International Trade Court', 'court', { acronym: 'IP&IT Court', native: { text: 'ศาลทรัพย์สินทางปัญญาและการค้าระหว่างประเทศกลาง', lang: 'th' } }),
      A('fda', 'Food and Drug Administration', 'regulator', { acronym: 'Thai FDA', parent: 'Ministry of Public Health', native: { text: 'สำนักงานคณะกรรมการอาหารและยา', lang: 'th' } }),
    ],
    places: ['Bangkok', 'Chiang Mai', 'Pattaya', 'Phuket', 'Hat Yai', 'Nong Khai', 'Mae Sot', 'Aranyaprathet', 'Sadao'],
    provinces: [['Bangkok', 'กรุงเทพมหานคร'], ['Chiang Mai', 'เชียงใหม่'], ['Chon Buri', 'ชลบุรี'], ['Phuket', 'ภูเก็ต'], ['Songkhla', 'สงขลา'], ['Nong Khai', 'หนองคาย'], ['Tak', 'ตาก'], ['Sa Kaeo', 'สระแก้ว'], ['Chiang Rai', 'เชียงราย'], ['Surat Thani', 'สุราษฎร์ธานี'], ['Udon Thani', 'อุดรธานี'], ['Nonthaburi', 'นนทบุรี'], ['Samut Prakan', 'สมุทรปราการ'], ['Ubon Ratchathani', 'อุบลราชธานี']],
    markets: ['MBK Center', 'Patpong night market', 'the Chatuchak weekend market', 'Rong Kluea market in Aranyaprathet', 'the Sukhumvit street stalls', 'the Khlong Thom market'],
    borders: ['Sadao–Bukit Kayu Hitam', 'Aranyaprathet–Poipet', 'Mae Sot–Myawaddy', 'Nong Khai–Thanaleng', 'Mae Sai–Tachileik', 'Chong Mek–Vang Tao'],
    ports: ['Laem Chabang', 'Bangkok Port (Khlong Toei)', 'the Suvarnabhumi airport cargo terminal', 'Songkhla port'],
    neighbours: ['MY', 'KH', 'LA', 'MM'],
    laws: ['the Trademark Act B.E. 2534 (1991)', 'the Copyright Act B.E. 2537 (1994)', 'the Customs Act B.E. 2469 (1926)', 'the Act on the Protection of Geographical Indications B.E. 2546 (2003)', 'the Optical Disc Manufacture Act B.E. 2548 (2005)'],
    terms: [['ของปลอม', 'fakes'], ['ตลาดนัด', 'weekend market'], ['ข้าวหอมมะลิทุ่งกุลาร้องไห้', 'Thung Kula Rong-Hai Hom Mali rice'], ['พื้นที่สีแดง', '“red zone”, a market under watch']],
    gis: ['Thung Kula Rong-Hai Hom Mali rice', 'Doi Tung coffee', 'Nakhon Pathom pomelo', 'Lamphun silk'],
    domain: 'www.ipthailand.go.th',
  },
  {
    code: 'VN', name: 'Viet Nam', native: { text: 'Việt Nam', lang: 'vi' },
    currency: 'VND', language: 'Vietnamese', weight: 13,
    agencies: [
      A('noip', 'National Office of Intellectual Property', 'ip-office', { acronym: 'NOIP', parent: 'Ministry of Science and Technology', native: { text: 'Cục Sở hữu trí tuệ', lang: 'vi' } }),
      A('mmd', 'Market Management Department', 'regulator', { acronym: 'MMD', parent: 'Ministry of Industry and Trade', native: { text: 'Cục Quản lý thị trường', lang: 'vi' } }),
      A('customs', 'General Department of Viet Nam Customs', 'customs', { acronym: 'GDVC', parent: 'Ministry of Finance', native: { text: 'Tổng cục Hải quan', lang: 'vi' } }),
      A('c46', 'Economic Police Department', 'police', { acronym: 'C46', parent: 'Ministry of Public Security', native: { text: 'Cục Cảnh sát điều tra tội phạm về trật tự quản lý kinh tế và chức vụ', lang: 'vi' } }),
      A('most-inspectorate', 'Inspectorate of the Ministry of Science and Technology', 'regulator', { native: { text: 'Thanh tra Bộ Khoa học và Công nghệ', lang: 'vi' } }),
      A('cov', 'Copyright Office of Viet Nam', 'ministry', { acronym: 'COV', parent: 'Ministry of Culture, Sports and Tourism', native: { text: 'Cục Bản quyền tác giả', lang: 'vi' } }),
      A('spp', 'Supreme People\'s Procuracy', 'prosecution', { native: { text: 'Viện kiểm sát nhân dân tối cao', lang: 'vi' } }),
      A('hanoi-court', 'People\'s Court of Hà Nội', 'court', { native: { text: 'Tòa án nhân dân thành phố Hà Nội', lang: 'vi' } }),
      A('bcd389', 'National Steering Committee 389 on smuggling, trade fraud and counterfeit goods', 'coordination-body', { native: { text: 'Ban Chỉ đạo quốc gia 389', lang: 'vi' } }),
    ],
    places: ['Hà Nội', 'Hồ Chí Minh City', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Lạng Sơn', 'Móng Cái', 'Lào Cai', 'Tây Ninh'],
    provinces: [['Hà Nội', 'Hà Nội'], ['Hồ Chí Minh City', 'Thành phố Hồ Chí Minh'], ['Hải Phòng', 'Hải Phòng'], ['Đà Nẵng', 'Đà Nẵng'], ['Quảng Ninh', 'Quảng Ninh'], ['Lạng Sơn', 'Lạng Sơn'], ['Lào Cai', 'Lào Cai'], ['An Giang', 'An Giang'], ['Tây Ninh', 'Tây Ninh'], ['Cần Thơ', 'Cần Thơ'], ['Đắk Lắk', 'Đắk Lắk'], ['Kiên Giang', 'Kiên Giang'], ['Nghệ An', 'Nghệ An'], ['Bình Dương', 'Bình Dương']],
    markets: ['Đồng Xuân market', 'Bến Thành market', 'Ninh Hiệp market', 'the Tân Thanh border market', 'Saigon Square', 'Chợ Lớn (Bình Tây market)'],
    borders: ['Hữu Nghị–Youyiguan', 'Móng Cái–Dongxing', 'Lào Cai–Hekou', 'Mộc Bài–Bavet', 'Cầu Treo–Nam Phao'],
    ports: ['Cát Lái port', 'Hải Phòng port', 'Tân Sơn Nhất airport cargo terminal', 'Nội Bài airport cargo terminal', 'Cái Mép–Thị Vải'],
    neighbours: ['KH', 'LA'],
    laws: ['the Law on Intellectual Property of 2005 (amended 2009)', 'Decree No. 99/2013/ND-CP on administrative sanctions in industrial property', 'the Customs Law of 2001 (amended 2005)', 'Decree No. 105/2006/ND-CP on the protection and enforcement of IP rights', 'the Penal Code of 1999 (articles 156 to 158 and 171)'],
    terms: [['hàng giả', 'counterfeit goods'], ['biên bản vi phạm hành chính', 'record of an administrative violation'], ['xử phạt hành chính', 'administrative sanction'], ['chỉ dẫn địa lý', 'geographical indication'], ['Ban Chỉ đạo 389', 'Steering Committee 389']],
    gis: ['Phú Quốc fish sauce', 'Buôn Ma Thuột coffee', 'Shan Tuyết Mộc Châu tea', 'Lục Ngạn lychee'],
    domain: 'www.noip.gov.vn',
  },
  {
    code: 'TL', name: 'Timor-Leste', native: { text: 'Timór Lorosa\'e', lang: 'tet' },
    currency: 'USD', language: 'Tetum', weight: 3,
    agencies: [
      A('mcie', 'Directorate-General of Commerce, Ministry of Commerce, Industry and Environment', 'ministry', { native: { text: 'Ministério do Comércio, Indústria e Ambiente', lang: 'pt' } }),
      A('customs', 'Timor-Leste Customs Service', 'customs', { parent: 'Ministry of Finance', native: { text: 'Alfândega de Timor-Leste', lang: 'pt' } }),
      A('pntl', 'National Police of Timor-Leste', 'police', { acronym: 'PNTL', native: { text: 'Polícia Nacional de Timor-Leste', lang: 'pt' } }),
      A('prosecutor', 'Office of the Prosecutor-General', 'prosecution', { native: { text: 'Procuradoria-Geral da República', lang: 'pt' } }),
      A('dili-court', 'Dili District Court', 'court', { native: { text: 'Tribunal Distrital de Díli', lang: 'pt' } }),
      A('food-inspection', 'Food Safety and Economic Activity Inspectorate', 'regulator'),
    ],
    places: ['Dili', 'Baucau', 'Maliana', 'Suai', 'Batugade', 'Oecusse'],
    provinces: [['Dili', 'Díli'], ['Baucau', 'Baucau'], ['Bobonaro', 'Bobonaro'], ['Covalima', 'Covalima'], ['Oecusse', 'Oe-Cusse Ambeno'], ['Ermera', 'Ermera']],
    markets: ['the Comoro market', 'Taibesi market', 'the Halilaran market', 'the Becora market'],
    borders: ['Batugade–Motaain', 'Salele–Motamasin', 'Sakato–Wini'],
    ports: ['Dili port', 'Presidente Nicolau Lobato International Airport'],
    neighbours: ['ID'],
    laws: ['the Customs Code (Decree-Law No. 14/2017, then in draft)', 'the Penal Code (Decree-Law No. 19/2009)', 'the draft Industrial Property Law', 'the Commercial Licensing Law'],
    terms: [['merkadu', 'market'], ['sasán falsu', 'fake goods'], ['Alfândega', 'Customs'], ['kafé Timor', 'Timor coffee']],
    gis: ['Ermera coffee'],
    domain: 'www.mcie.gov.tl',
  },
];
const BY_CODE = Object.fromEntries(COUNTRIES.map((c) => [c.code, c]));

for (const c of COUNTRIES) {
  const ofKind = (...kinds) => c.agencies.filter((a) => kinds.includes(a.kind)).map((a) => a.id);
  c.ipo = ofKind('ip-office')[0] || c.agencies[0].id;
  c.police = ofKind('police');
  c.customs = ofKind('customs')[0];
  c.court = ofKind('court')[0];
  c.prosecution = ofKind('prosecution')[0];
  c.coord = ofKind('coordination-body')[0] || null;
  c.regulators = ofKind('regulator', 'ministry', 'other');
  c.byId = Object.fromEntries(c.agencies.map((a) => [a.id, a]));
  c.lower = c.code.toLowerCase();
  c.inText = c.code === 'PH' ? 'the Philippines' : c.name; // the name as it reads inside a sentence
}

const THEMES = [
  { id: 'interagency-cooperation', title: 'Interagency cooperation', order: 1, summary: 'How the IP offices, police, customs, trade-ministry enforcement units, prosecutors and courts of each member state coordinate their work on IPR enforcement, nationally and across ASEAN.' },
  { id: 'intelligence', title: 'Intelligence-led enforcement', order: 2, summary: 'How enforcement agencies collect, analyse and share information to target the sources and distribution networks of infringing goods rather than individual retail outlets.' },
  { id: 'enforcement', title: 'Enforcement operations', order: 3, summary: 'How raids, inspections and seizures are planned and carried out, how seized goods are stored and destroyed, and how operations are followed through to sanctions.' },
  { id: 'courts', title: 'Courts', order: 4, summary: 'How IP cases are heard, which courts are specialised, and what prosecutors and judges need to deal with IP cases consistently and without undue delay.' },
  { id: 'customs', title: 'Customs and border measures', order: 5, summary: 'How customs administrations detain suspected infringing goods at import, export and in transit, work with right holders through recordation, and dispose of detained goods.' },
  { id: 'statistics', title: 'Statistics on infringements', order: 6, summary: 'How agencies record and report the scope and scale of IP infringements, and what a common minimum dataset would need for figures to be compared across agencies and member states.' },
  { id: 'right-holders', title: 'Right holders', order: 7, summary: 'How right holders and their associations support enforcement through complaints, product identification, evidence and cost sharing, and how agencies organise their contact with them.' },
  { id: 'awareness-raising', title: 'Awareness raising', order: 8, summary: 'How member states inform the public, traders and officials about IP rights and the harm done by counterfeiting and piracy, and how they measure the effect.' },
  { id: 'sme-gi-support', title: 'Support for SMEs and GI producers', order: 9, summary: 'How IP offices and enforcement agencies help small and medium-sized enterprises and producers of geographical-indication goods to protect and enforce their rights.' },
];
const THEME_WEIGHTS = [
  ['interagency-cooperation', 12], ['intelligence', 11], ['enforcement', 16], ['courts', 9], ['customs', 15],
  ['statistics', 8], ['right-holders', 10], ['awareness-raising', 10], ['sme-gi-support', 9],
];

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

const PRODUCTS = [
  'counterfeit motorcycle spare parts', 'fake engine oil', 'counterfeit cosmetics', 'pirated optical discs', 'counterfeit mobile telephone accessories',
  'fake branded garments', 'counterfeit footwear', 'counterfeit handbags and leather goods', 'fake medicines', 'counterfeit cigarettes',
  'fake spirits', 'counterfeit pesticides', 'mislabelled fertiliser', 'counterfeit electrical cables', 'fake circuit breakers',
  'counterfeit batteries', 'pirated textbooks', 'unlicensed software', 'counterfeit toys', 'counterfeit watches',
  'fake infant formula', 'counterfeit sunglasses', 'fake seasoning powder', 'counterfeit household detergents', 'counterfeit printer cartridges',
  'fake helmets', 'counterfeit brake pads', 'fake energy drinks', 'counterfeit sports equipment', 'set-top boxes loaded with pirated channels',
];
const RIGHTS = ['trade mark', 'copyright', 'geographical indication', 'industrial design', 'trade mark and copyright'];
const HOLDERS = [
  'a motorcycle manufacturer', 'the local agent of a sportswear brand', 'an association of film distributors', 'a regional lubricant producer',
  'a cosmetics group', 'a software industry association', 'a pharmaceutical company', 'a domestic instant-noodle maker', 'a cooperative of coffee growers',
  'a tobacco company', 'a spirits producer', 'an agrochemical manufacturer', 'a music collecting society', 'a consumer-electronics brand',
  'a luxury goods house', 'a publisher of school textbooks', 'a battery manufacturer', 'a family-owned garment exporter', 'a domestic fish sauce producer',
];
const DOCS = [
  'seizure record', 'inventory of goods', 'chain-of-custody form', 'standard complaint form', 'sampling report', 'expert statement',
  'photographic record', 'storage register', 'destruction certificate', 'case transfer note', 'power of attorney', 'certificate of registration',
  'product identification guide', 'monthly return', 'inspection report', 'recordation application',
];
const OFFICERS = [
  'a senior investigator', 'the head of the IPR unit', 'a customs appraiser', 'a deputy director', 'a provincial inspector', 'a prosecutor',
  'a judge of the specialised court', 'an examiner of the IP office', 'a market inspector', 'the unit\'s legal adviser', 'a border post commander',
  'a data clerk', 'an intelligence analyst', 'a trainer from the police academy',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CONNECTORS = [
  'In practice, ', 'Even so, ', 'In most cases, ', 'At the time of the mission, ', 'According to the officers met, ',
  'Since then, ', 'Over time, ', 'As a rule, ', 'In the provinces, ', 'Officers stressed that ', 'It is worth noting that ',
  'The expert was told that ', 'Here too, ', 'Importantly, ',
];
const ADVERBS = ['usually', 'often', 'sometimes', 'regularly', 'rarely', 'now', 'increasingly', 'still', 'almost always', 'in principle'];
const INTERNATIONAL_LINKS = [
  ['WIPO Advisory Committee on Enforcement', 'https://www.wipo.int/enforcement/en/ace/'],
  ['WIPO Lex', 'https://www.wipo.int/wipolex/en/'],
  ['the EU customs enforcement report', 'https://taxation-customs.ec.europa.eu/customs-4/prohibitions-and-restrictions/intellectual-property-rights_en'],
  ['the TRIPS Agreement, Part III', 'https://www.wto.org/english/docs_e/legal_e/27-trips_05_e.htm'],
  ['the ASEAN IP Portal', 'https://www.aseanip.org/'],
  ['the EUIPO Observatory', 'https://euipo.europa.eu/ohimportal/en/web/observatory/home'],
  ['the WCO IPR guidance', 'https://www.wcoomd.org/en/topics/enforcement-and-compliance/activities-and-programmes/ipr.aspx'],
  ['the OECD work on trade in counterfeit goods', 'https://www.oecd.org/gov/risk/counterfeits-and-pirated-goods.htm'],
  ['the ASEAN IPR Action Plan 2011–2015', 'https://www.asean.org/'],
  ['the IP Key South-East Asia programme', 'https://ipkey.eu/en/south-east-asia'],
  ['the INTERPOL work on illicit goods', 'https://www.interpol.int/en/Crimes/Illicit-goods'],
];

// ---------------------------------------------------------------------------
// Sentence templates, by topic. {slot} names are resolved by Writer.slot().
// ---------------------------------------------------------------------------

const T = {
  background: [
    'Before {y1}, {A} acted only when {holder} filed a written complaint, and most files stopped at the first seizure.',
    'The practice grew out of a series of operations against {prod} in {city} that left {A} with warehouses full of goods and no one to prosecute.',
    'Officers described the situation before the change as “seize, store and forget”{dash}goods were taken off the market but nobody followed the file.',
    'Complaints about {prod} rose sharply after {y1}, when cheaper copies began to arrive through {port} in mixed consignments.',
    'The legal basis was already there: {law} gives {A} the power to act, but until {y1} the power was {adverb} used.',
    '{A} and {B} had worked side by side for years without a written arrangement, each keeping its own files and its own contacts with right holders.',
    'A consumer complaint about {prod} sold in {market} reached the press in {month} {y1} and pushed the ministry to act.',
    'The trigger was a case in which {holder} found its own products, relabelled, on sale in {market} within weeks of a seizure.',
    'At the start, the unit had {small} officers, one vehicle and no budget line of its own for IP work.',
    'Much of the trade in {prod} in {country} is small-scale and mobile: stock moves between stalls, homes and vans within a day.',
    'The IP office had registered more than {big} marks by {y1}, but knew little of what happened to them once they were infringed.',
    'Earlier attempts, such as an ad hoc committee convened in {y0}, met twice and then stopped for lack of a secretariat.',
    'Right holders complained that files were closed without explanation, while officers complained that right holders never came to court.',
    'The problem was not a lack of powers but a lack of follow-through between the agencies that held them.',
    '{country} shares long land borders with its neighbours, and much of the trade in {prod} crosses them in small lots.',
  ],
  planning: [
    'Each operation starts with a planning meeting at which {A}, {B} and the right holder agree the targets, the lead agency and who will file the complaint.',
    'The planning note names a case officer, the premises to be visited, the expected quantities and the storage site for the goods.',
    'Right holders are asked to confirm in writing, {days} days before the operation, that they will identify the goods and attend any hearing.',
    'Targets are chosen from the complaint register and from earlier seizures, with priority for warehouses and repeat offenders over single stalls.',
    'A short checklist, in {language} and English, lists what each team must bring: forms, seals, cameras, sample bags and a copy of the registration certificate.',
    'Operations are timed to avoid the days before public holidays, when markets are crowded and officers are needed elsewhere.',
    'Where goods may be dangerous, such as {prod}, {reg} is invited to the planning meeting so that samples can be tested.',
    'The lead agency informs the prosecutor before the operation, so that the file is built to the standard the prosecutor will expect.',
    'Leaks were a problem in the past; the list of targets is now shared only on the morning of the operation.',
    'The planning meeting also decides in advance what will happen to goods that turn out to be genuine or parallel imports.',
    'For large operations the team agrees a single spokesperson, so that figures given to the press match those in the seizure record.',
    'Planning takes {days} to {days2} days for a routine market operation and several weeks for a warehouse or a factory.',
  ],
  operations: [
    'On the day, teams from {A} and {B} visit the premises together, with an officer of {ipo} present to confirm that the rights are registered.',
    'Goods are counted, photographed and sealed on the spot, and the owner or the person in charge signs the inventory.',
    'In {y2} the teams carried out {num} operations in {city} and the surrounding districts, most of them against {prod}.',
    'Warehouse operations yield far more goods per hour than market sweeps, and more often lead to a person who can be charged.',
    'Where the owner is absent, two witnesses from the neighbourhood sign the record, as {law} requires.',
    'The team leader decides on the spot whether to seize all goods or only samples, depending on storage capacity and on the right holder\'s instructions.',
    'Operations in {market} now follow a fixed rotation, so that traders cannot predict which lanes will be visited next.',
    'The teams {adverb} find {prod} hidden under genuine stock or in rented rooms behind the stall.',
    'An operation closes with a debriefing at which the case officer checks that every document is complete before the team leaves.',
    'Follow-up visits {weeks} weeks later check whether the trader has restocked; repeat offenders are referred to the prosecutor rather than fined.',
    'Night operations are rare and need the approval of the head of {A}.',
    'A typical market operation involves {small} to {small2} officers and lasts between two and four hours.',
  ],
  evidence: [
    'Every seizure produces the same {doc}, on a form agreed between {A} and {pros}.',
    'Photographs are taken of each type of product, of the labels and of the premises, and are numbered to match the inventory.',
    'The right holder supplies an {doc2} within {days} days, stating why the goods are not genuine.',
    'Samples of {small} pieces per product line are kept as evidence; the rest may be destroyed once the court agrees.',
    'Prosecutors reported that files built this way are {adverb} returned for further investigation.',
    'The chain of custody is recorded each time the goods move: from the premises to the store, from the store to the laboratory, and from there to the court.',
    'A certified copy of the registration certificate is attached to every file, which spares the court a separate request to {ipo}.',
    'Where the label is in a foreign language, {ipo} provides a short translation for the file.',
    'The form asks for the value of the goods and states the basis used, so that figures can later be added up without mixing bases.',
    'Electronic copies of the record are kept by the case officer and sent to the prosecutor with the file.',
    'Statements are taken from the seller on the spot, with an interpreter where the seller does not speak {language}.',
  ],
  storage: [
    'Seized goods used to stay in police stores for years; the store of {A} in {city} held more than {big} items in {y1}.',
    'Under the arrangement, bulk goods may be destroyed after sampling, with the agreement of the prosecutor and the right holder.',
    'Storage costs are shared: the right holder pays for transport and destruction, and {A} provides the store.',
    'Goods that are dangerous, such as {prod}, are destroyed first, under the supervision of {reg}.',
    'Destruction is witnessed by the agencies involved and by the right holder, and a certificate is signed by all of them.',
    'Methods have changed: crushing and recycling have replaced open burning, which had drawn complaints from residents.',
    'A register lists every lot in the store, its case number, its date of entry and the decision that allows its release or destruction.',
    'Leakage of seized goods back into the market was reported in {y0}; the register and seals were introduced in response.',
    'The store is inspected every {months} months by an officer of {pros}.',
  ],
  intelligence: [
    'Every seizure is entered in a shared register that {A} and {B} can both search by trader, address, product and right holder.',
    'An analyst in {A} reviews the register each month and flags traders, landlords and suppliers that appear more than once.',
    'Risk profiles for {prod} combine the declared origin, the consignee\'s history, the route and the declared value per unit.',
    'Tips from the public, right holders and other agencies are graded for reliability before any action is taken.',
    'The analysis showed that a handful of suppliers in {city} served most of the stalls raided in {market}.',
    'Information from right holders on authorised importers and genuine packaging is held centrally rather than case by case.',
    'Requests to counterpart agencies in {foreign} go through a named contact point rather than through personal contacts.',
    'The register replaced {small} separate spreadsheets kept by different units, none of which used the same fields.',
    'Courier and postal parcels are selected for examination using a short list of indicators agreed with {holder}.',
    'Analysts also follow payment channels and delivery addresses used by sellers on social media.',
    'Intelligence reports are short, one or two pages, and go to the heads of the units concerned within {days} days.',
    'Since the register was introduced, the share of operations aimed at warehouses and importers rose from {pctlo} to {pcthi} per cent.',
  ],
  data: [
    'Each unit sends a monthly return to {A}, using the same measures and units for every agency.',
    'The return separates operations, cases, items and value, and states for each value whether it is a declared value, a retail price or an estimate of damage.',
    'Figures are reported by calendar year; agencies whose budget follows a fiscal year report it separately.',
    'Part-year figures are marked as such, with the months covered, so that they are not compared with full years.',
    'Before the common return, the same seizure was {adverb} counted by each of the agencies that took part in it.',
    'The consolidated report is published each year and presented to the coordination body with a short commentary.',
    'Court figures are the weakest link: courts do not yet separate IP cases from other commercial or criminal cases.',
    'The return fits on one page, which officers said was the main reason it is actually filled in.',
    'Values in {cur} are not converted into US dollars; where a conversion is needed, the rate and date are stated.',
    'Coverage of the returns rose from {pctlo} per cent of the enforcement units two years before {y2} to {pcthi} per cent in {y2}.',
    'Data clerks were trained to check totals and units before sending the return, which cut the number of corrections by half.',
  ],
  customs: [
    'Right holders may record their rights with {cus}, supplying product identification material and a contact who answers within {days} working days.',
    'Officers at {port} detain suspected goods for {days} working days, during which the right holder must confirm infringement and take action.',
    '{cus} also acts on its own initiative when an officer suspects that goods infringe a recorded right.',
    'Detentions at {border} concern mostly small lots of {prod} carried by traders on foot or by motorcycle.',
    'Goods in transit are checked when the risk profile points to them, although the legal basis for detaining them remains contested.',
    'Recordation is free of charge and valid for {small} years, renewable with the registration of the right.',
    'Customs officers at remote posts receive pocket guides and photographs supplied by right holders.',
    'Small consignments sent by post or courier are a growing share of detentions; they are handled under a simplified procedure.',
    'Where the right holder does not respond in time, the goods are released and the case is recorded as such.',
    'Contact points at paired crossings, such as {border}, exchange lists of detained goods and suspected consignees.',
    'Detained goods that are confirmed as infringing are destroyed at the importer\'s cost where the importer can be found.',
    'In {y2}, {cus} recorded {num} detentions of suspected infringing goods, {pct} per cent of them on its own initiative.',
  ],
  courts: [
    'IP cases are assigned to designated judges in {court}, who have followed specific training on trade mark and copyright law.',
    'Judges noted that files now arrive with the evidence they need, and that the time from filing to judgment has shortened.',
    'Hearings in simple counterfeiting cases are grouped on fixed days each month, so that right holders\' witnesses can attend once.',
    'Sentences remain low: most convictions end in fines well below the value of the goods seized.',
    'The court publishes summaries of its IP judgments, which prosecutors and enforcement officers use as guidance.',
    'Judges asked for regional exchanges on the assessment of damages and on the use of expert evidence.',
    'A bench book, prepared with {ipo}, sets out the elements of each offence and the evidence that proves them.',
    'Appeals are few, which judges attribute to better files rather than to satisfied parties.',
    'Preliminary measures, such as orders to preserve evidence, are {adverb} granted within {days} days.',
    'Civil actions are still rare; right holders prefer criminal complaints, which cost them less.',
  ],
  prosecution: [
    'A prosecutor assigned to IP cases reviews each file within {days} days of receiving it.',
    'Guidelines agreed with {A} list the evidence a prosecutor expects in every counterfeiting file.',
    'Prosecutors attend the planning of large operations, which reduces the number of files returned to investigators.',
    'Where the offence is complaint-based, the prosecutor checks that the complaint was filed in time and by the proper person.',
    'Prosecutors noted that the same traders appear again and again, but that earlier convictions are hard to trace.',
  ],
  rightholders: [
    'A memorandum of understanding signed with {holder} and others sets response times, contact points and the sharing of costs.',
    'Right holders take part in training, bringing genuine and fake products side by side for officers to compare.',
    'Each right holder names one contact for {A}, reachable by telephone within office hours and by e-mail at all times.',
    'Right holders are informed of the outcome of every case in which they filed a complaint, which was their main request.',
    'Domestic right holders, including small firms, were invited to join; {small} of them did so in the first year.',
    'Some right holders were reluctant to commit to attend court, fearing the cost of long proceedings.',
    'An industry association acts as a single channel for its members, which spares officers dozens of separate contacts.',
    'Product identification material is updated every {months} months, since counterfeiters copy new packaging quickly.',
    'Right holders noted that the speed of the response, more than the size of seizures, decides whether they keep filing complaints.',
  ],
  awareness: [
    'Campaigns in {language} explain the harm done by {prod} to health, safety and local jobs.',
    'Traders in {market} were visited before the operations started and given a leaflet explaining the law and the penalties.',
    'Schools and universities host short sessions on copyright and on the value of trade marks for local firms.',
    'Destruction ceremonies are open to the press and attended by ministers, which gives them wide coverage.',
    'Surveys before and after the campaign measured what shoppers knew about fakes and where they would report them.',
    'Radio spots in local languages reached provinces that printed material does not.',
    'The campaign slogan, *“{slogan}”*, appeared on posters in markets and bus stations.',
    'Officers noted that awareness work with landlords was more effective than work with individual traders.',
    'Social media accounts of {A} publish the results of operations each week, with photographs of the goods seized.',
    'Awareness material is designed with right holders, who pay for printing, while {A} distributes it.',
  ],
  sme: [
    'An IP clinic at {ipo} helps small firms find out what to do when they discover copies of their products.',
    'The clinic helps prepare the complaint, checks the registration and passes the file to the competent agency.',
    'SMEs pay reduced fees for recordation with {cus}, and their contact details are kept in the same database as those of large brands.',
    'Chambers of commerce in {city} relay the clinic\'s services to their members.',
    'Small firms rarely have product identification material; the clinic helps them prepare a simple one-page guide.',
    'Many small firms had not registered their marks at all; the clinic\'s first task is often to help them do so.',
    'Costs of storage and destruction are waived for small firms in the first case they bring.',
  ],
  gi: [
    'The producer association for {gi} has set up a control body that checks origin and quality before each harvest is sold.',
    'Genuine {gi} is sold with a numbered logo, which gives market inspectors a simple first test.',
    'Misuse of the name {gi} on blended or imported products is the most frequent problem reported by producers.',
    'Inspectors of {A} check shops and markets selling {gi} twice a year, with a member of the producer association.',
    'The association cannot pay for monitoring abroad; it relies on {ipo} and on contacts with importers.',
    'Registration of {gi} was followed by a rise in the farm-gate price, which producers attribute to the logo.',
  ],
  online: [
    'Sellers of {prod} increasingly use social media and online marketplaces rather than physical stalls.',
    'A notice-and-takedown channel agreed with the main marketplaces removes listings within {days} days of a complaint.',
    'Officers of {A} make test purchases online, which provide evidence of the sale and the delivery address.',
    'Websites offering pirated content are referred to {reg}, which may order access to be blocked.',
    'Takedowns are counted as websites or listings, never mixed with physical seizures.',
  ],
  training: [
    'Joint training brings together officers of {A}, {B} and {pros}, so that each learns what the others need.',
    'A two-day course, repeated in {small} provinces, covers the law, product identification, evidence and the forms.',
    'Trainers from {ipo} and right holders deliver the course; {A} provides the venue and the participants.',
    'Newly posted officers follow the course within {months} months of their arrival.',
    'Training material is in {language}, with a glossary of legal terms in English for regional use.',
    'Participants are tested at the end of the course, and the results are used to adjust the next session.',
    'Officers at border posts asked for short videos and pocket guides rather than manuals.',
  ],
  coordination: [
    'A coordination committee chaired by {coord} meets every {months} months, with a secretariat provided by {ipo}.',
    'Each member agency names a focal point who attends the meetings and follows up on decisions.',
    'The committee adopts a yearly work plan and reports against it with the consolidated figures.',
    'Liaison officers from {B} are posted in {A} for two days a week.',
    'Disputes over which agency leads an operation are settled by the committee rather than on the spot.',
    'The committee\'s decisions are recorded in minutes circulated within {days} days.',
    'Joint operations are now planned through the committee, which has ended duplicate raids on the same premises.',
    'A written protocol sets out which agency acts on which kind of complaint, and how files pass from one to the next.',
    'The coordination body has its own budget line since {y2}, which officers described as the decisive change.',
  ],
  resources: [
    'The practice costs little beyond staff time: the forms, the register and the meetings need no new budget.',
    'The main costs are storage and destruction, estimated at {money} a year.',
    'Two officers work full time on the register; the others give part of their time.',
    'Donor support paid for the first training round and the equipment; the agencies now fund the running costs.',
    'A vehicle and a secure store were the only new items of equipment needed.',
    'Right holders contribute to the costs of destruction and of training material.',
  ],
  results: [
    'In {y2}, {num} files were opened under the practice, and {pct} per cent of them reached the prosecutor.',
    'The share of operations ending in a sanction rose from {pctlo} to {pcthi} per cent in three years.',
    'Goods seized at warehouse level made up most of the {big} items seized in {y2}.',
    'The average time from seizure to destruction fell from over a year to {months} months.',
    'Repeat offences in {market} declined, although officers were careful not to claim that the trade had gone.',
    'Right holders filed more complaints, which officers read as a sign of confidence rather than of more infringement.',
    'The figures are modest in absolute terms, but they are consistent from one year to the next, which was not the case before.',
    'Court figures are not yet available in a form that shows whether sentences have become more deterrent.',
  ],
  risks: [
    'The practice depends on a few committed officers; staff rotation is the main risk to it.',
    'Right holders who do not respond in time undermine the whole chain, since goods must then be released.',
    'Storage capacity remains the limiting factor in the provinces.',
    'Without a legal basis in a decree, the arrangement depends on the goodwill of each agency\'s management.',
    'There is a risk that the register is filled in but not analysed, as happened with earlier databases.',
    'Traders adapt quickly: stock is moved to homes and vans once operations become regular.',
    'The practice has not yet been evaluated independently.',
  ],
  transfer: [
    'Another member state would need a lead agency willing to host the secretariat and a legal basis for sharing information.',
    'The practice could be adopted with little cost where the agencies already meet regularly.',
    'States with complaint-based offences would need a right holder\'s commitment before each operation.',
    'The forms and checklists can be translated and adapted; the officers met offered to share them.',
    'A pilot in one province or one market would show whether the approach fits before it is extended.',
    'Regional training, delivered by officers who run the practice, would be the quickest route to transfer.',
    'The main condition is political: the agencies involved must accept that one of them leads.',
    'States with smaller enforcement units could start with the register and the common forms, and add the rest later.',
  ],
  regional: [
    'Contacts with counterpart agencies in {foreign} were set up through the practice and are used for specific cases.',
    'Officers from {foreign} observed an operation in {y2} and asked for the forms.',
    'Cross-border requests remain slow when they go through diplomatic channels; direct contact points are faster.',
    'The practice could feed a regional exchange of information on routes and consignees of {prod}.',
    'Goods detained at {border} often come from the same suppliers that serve markets on the other side of the border.',
  ],
};

// Recommendation text: what the agencies are asked to do.
const REC_SENTENCES = {
  'interagency-cooperation': [
    'Each member state should give its national coordination body a written mandate, a secretariat and a budget line of its own.',
    'Member agencies should each name a focal point who attends every meeting and answers for follow-up.',
    'The coordination body should adopt a yearly work plan and report against it with consolidated figures.',
    'Agencies should agree in writing which of them acts on which kind of complaint, and how files pass between them.',
  ],
  intelligence: [
    'Enforcement agencies should record every seizure in a register that the other agencies of the same state can search.',
    'A designated analyst should review the register each month for repeat traders, landlords, suppliers and routes.',
    'Requests to counterpart agencies in other member states should go through named contact points.',
    'Right holders should be asked to supply information on authorised importers and genuine packaging once, to be held centrally.',
  ],
  enforcement: [
    'Operations should be planned with the right holder, who commits in writing to identify the goods and file the complaint.',
    'Where a retail seizure points to a warehouse or an importer, the operation should follow the lead rather than stop at the stall.',
    'Bulk goods should be sampled, photographed and destroyed early, with the agreement of the prosecutor and the right holder.',
    'Every seizure should have a case officer who follows the file until it is closed.',
  ],
  courts: [
    'Member states should designate judges for IP cases and give them regular training.',
    'Prosecutors and investigators should agree guidelines on the evidence needed in counterfeiting cases.',
    'Courts should publish summaries of their IP judgments, and court statistics should separate IP cases.',
    'Simple counterfeiting cases should be heard on fixed days so that right holders\' witnesses attend once.',
  ],
  customs: [
    'Customs administrations should offer recordation free of charge, with a named contact for each right holder.',
    'Contact points at paired land border crossings should exchange information on detained goods and consignees.',
    'Small consignments sent by post and courier should be handled under a simplified procedure.',
    'Officers at remote posts should receive pocket guides and photographs of genuine and fake goods.',
  ],
  statistics: [
    'Agencies should report a minimum common dataset each calendar year: operations, cases, items with their unit, and values with their currency and basis.',
    'Part-year and fiscal-year figures should be marked as such and never added to calendar-year figures.',
    'The IP office or the coordination body should consolidate the figures and publish them once a year.',
    'Values should be stated in local currency with the basis used, and converted only with the rate and date given.',
  ],
  'right-holders': [
    'Agencies and right holders should sign memoranda setting response times, contact points and the sharing of costs.',
    'Right holders who file a complaint should be told what became of it.',
    'Domestic right holders, including small firms, should be brought into training and recordation alongside international brands.',
    'Right holders should keep product identification material up to date and available to every agency.',
  ],
  'awareness-raising': [
    'Seized goods should be destroyed in public, with the press, right holders and the agencies involved present.',
    'Campaigns should be designed with right holders, run in local languages and evaluated with a survey before and after.',
    'Landlords of notorious markets should be briefed on the law and on their own exposure.',
    'Member states should run a joint ASEAN campaign with a common message and shared material.',
  ],
  'sme-gi-support': [
    'IP offices should open a contact point that helps small firms prepare a complaint and pass it to the competent agency.',
    'GI producer associations should be helped to set up control bodies and logos that inspectors can check.',
    'Customs recordation should be open to GI names and to small firms at reduced or no cost.',
    'The costs of storage and destruction should be waived for a small firm\'s first case.',
  ],
};

// Topics that each theme draws on, in order of emphasis.
const THEME_TOPICS = {
  'interagency-cooperation': ['coordination', 'planning', 'training', 'prosecution', 'intelligence'],
  intelligence: ['intelligence', 'data', 'online', 'customs', 'coordination'],
  enforcement: ['operations', 'planning', 'evidence', 'storage', 'prosecution'],
  courts: ['courts', 'prosecution', 'evidence', 'training'],
  customs: ['customs', 'intelligence', 'rightholders', 'storage'],
  statistics: ['data', 'intelligence', 'coordination'],
  'right-holders': ['rightholders', 'evidence', 'storage', 'training'],
  'awareness-raising': ['awareness', 'online', 'rightholders'],
  'sme-gi-support': ['sme', 'gi', 'rightholders', 'awareness'],
};

const SLOGANS = [
  'Real or fake? Ask before you buy', 'Fakes cost jobs', 'Genuine parts, safe roads', 'Original is worth it',
  'Say no to fakes', 'Protect what is ours', 'Ask for the genuine article', 'Copies can kill',
];

// ---------------------------------------------------------------------------
// The writer: fills templates with country- and practice-specific words
// ---------------------------------------------------------------------------

const fmtInt = (n) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function shortName(agency) {
  return agency.acronym || agency.name.replace(/,.*$/, '');
}

class Writer {
  constructor(rng, country, focus = {}) {
    this.rng = rng;
    this.c = country;
    this.agencyIds = focus.agencies && focus.agencies.length ? focus.agencies : [country.ipo];
    this.prod = focus.product || rng.pick(PRODUCTS);
    const y1 = rng.int(2007, 2011);
    this.y0 = y1 - rng.int(2, 5);
    this.y1 = y1;
    this.y2 = Math.min(2013, y1 + rng.int(1, 3));
    this.city = focus.city || rng.pick(country.places);
    this.gi = focus.gi || (country.gis.length ? rng.pick(country.gis) : null);
  }
  agencyShort(id) { return shortName(this.c.byId[id]); }
  slot(name) {
    const r = this.rng, c = this.c;
    switch (name) {
      case 'A': return this.agencyShort(this.agencyIds[0]);
      case 'B': return this.agencyShort(this.agencyIds[1] || this.otherAgency(this.agencyIds[0]));
      case 'ipo': return this.agencyShort(c.ipo);
      case 'pol': return this.agencyShort(c.police.length ? r.pick(c.police) : c.ipo);
      case 'cus': return c.customs ? this.agencyShort(c.customs) : 'customs';
      case 'court': return c.court ? c.byId[c.court].name.replace(/ \(.*\)$/, '') : 'the courts';
      case 'pros': return c.prosecution ? this.agencyShort(c.prosecution) : 'the prosecutor';
      case 'coord': return c.coord ? this.agencyShort(c.coord) : `the ministry to which ${this.agencyShort(c.ipo)} reports`;
      case 'reg': return this.agencyShort(c.regulators.length ? r.pick(c.regulators) : c.ipo);
      case 'agency': return this.agencyShort(r.pick(c.agencies).id);
      case 'country': return c.inText;
      case 'city': return r.chance(0.6) ? this.city : r.pick(c.places);
      case 'market': return r.pick(c.markets);
      case 'border': return r.pick(c.borders);
      case 'port': return r.pick(c.ports);
      case 'prod': return r.chance(0.92) ? this.prod : r.pick(PRODUCTS);
      case 'product': return r.pick(PRODUCTS);
      case 'holder': return r.pick(HOLDERS);
      case 'law': return r.pick(c.laws);
      case 'language': return c.language;
      case 'cur': return c.currency;
      case 'money': return `${c.currency}\u00a0${fmtInt(r.int(2, 950) * (c.currency === 'USD' || c.currency === 'SGD' || c.currency === 'BND' ? 100 : c.currency === 'VND' || c.currency === 'IDR' || c.currency === 'LAK' || c.currency === 'KHR' ? 1000000 : 10000))}`;
      case 'doc': case 'doc2': return r.pick(DOCS);
      case 'officer': return r.pick(OFFICERS);
      case 'y0': return String(this.y0);
      case 'y1': return String(this.y1);
      case 'y2': return String(this.y2);
      case 'month': return r.pick(MONTHS);
      case 'small': case 'small2': return String(r.int(2, 12));
      case 'num': return fmtInt(r.int(12, 980));
      case 'big': return fmtInt(r.int(8, 900) * 1000 + r.int(0, 999));
      case 'pct': case 'pct2': return String(r.int(8, 92));
      case 'pctlo': this._lo = r.int(6, 45); return String(this._lo);
      case 'pcthi': return String((this._lo || 30) + r.int(8, 40));
      case 'days': return String(r.int(3, 15));
      case 'days2': return String(r.int(16, 30));
      case 'weeks': return String(r.int(2, 10));
      case 'months': return String(r.int(2, 6));
      case 'adverb': return r.pick(ADVERBS);
      case 'dash': return r.pick(['\u00a0— ', ' — ', ' – ']);
      case 'foreign': return BY_CODE[r.pick(c.neighbours)].inText;
      case 'gi': return this.gi || 'a local speciality';
      case 'slogan': return r.pick(SLOGANS);
      case 'right': return r.pick(RIGHTS);
      default: throw new Error(`unknown slot {${name}}`);
    }
  }
  otherAgency(id) {
    const others = this.c.agencies.filter((a) => a.id !== id);
    return others.length ? this.rng.pick(others).id : id;
  }
  fill(tpl) {
    let s = tpl.replace(/\{(\w+)\}/g, (_, n) => this.slot(n));
    // "a" before a vowel sound, for slots that start a noun phrase.
    s = s.replace(/\ba ([AEIOU])/g, 'an $1').replace(/\ban (expert statement|inventory|inspection|certificate)/g, 'an $1');
    return s[0].toUpperCase() + s.slice(1);
  }
  pickTemplate(topic) {
    // Prefer the templates this writer has used least, so one document rarely repeats itself.
    const list = T[topic];
    this.used ||= new Map();
    let min = Infinity;
    for (const t of list) min = Math.min(min, this.used.get(t) || 0);
    const fresh = list.filter((t) => (this.used.get(t) || 0) === min);
    const tpl = this.rng.pick(fresh);
    this.used.set(tpl, min + 1);
    return tpl;
  }
  sentence(topic, plain = false) {
    const tpl = this.pickTemplate(topic);
    let s = this.fill(tpl);
    if (plain) return s;
    // An opening connector, only where the sentence starts with an ordinary word.
    if (this.rng.chance(0.14) && /^[A-Z][a-z]/.test(tpl) && !/^(IP|SMEs|Right holders who)/.test(tpl)) {
      s = this.rng.pick(CONNECTORS) + s[0].toLowerCase() + s.slice(1);
    }
    return this.decorate(s);
  }
  decorate(s) {
    const r = this.rng;
    const roll = r.next();
    if (roll < 0.035 && this.c.terms.length) {
      const [term, gloss] = r.pick(this.c.terms);
      s += ` ${r.pick(['In the field the word is', 'Officers speak of', 'The local term is', 'On the forms this appears as'])} *${term}* (${gloss}).`;
    } else if (roll < 0.06) {
      s = s.replace(/\b(the practice|the register|the return|the committee|the form)\b/, '**$1**');
    } else if (roll < 0.08) {
      const [text, url] = r.pick(INTERNATIONAL_LINKS);
      s = s.replace(/\.$/, ` (compare [${text}](${url})).`);
    } else if (roll < 0.09) {
      s = s.replace(/\.$/, ' — at least on paper.');
    }
    return s;
  }
  paragraph(topic, min = 3, max = 6) {
    const n = this.rng.int(min, max);
    const used = new Set();
    const out = [];
    let guard = 0;
    while (out.length < n && guard++ < 40) {
      const t = this.rng.next() < 0.8 ? topic : this.rng.pick(['results', 'risks', 'resources', 'regional', 'training']);
      const s = this.sentence(t);
      if (used.has(s)) continue;
      used.add(s);
      out.push(s);
    }
    return out.join(' ');
  }
  quote() {
    const r = this.rng;
    const lines = [
      `We used to count stalls; now we count suppliers.`,
      `A seizure without a complaint is a loss for everyone: we store the goods, and nobody is punished.`,
      `The right holder has to answer the telephone, otherwise the goods go back to the trader.`,
      `The form is one page. If it were two pages, nobody would fill it in.`,
      `Traders in ${r.pick(this.c.markets)} know our vehicles better than we do.`,
      `We do not need a new law. We need the agencies to read the same file.`,
      `Before, the judge saw the goods for the first time at the hearing. Now the photographs arrive with the file.`,
      `People buy ${this.prod} because they are cheap, not because they want fakes. They need to see the difference.`,
      `The border is long, and our officers are few. Information is the only thing that helps.`,
      `Small firms come to us when it is already too late: the copies are everywhere.`,
    ];
    const who = `${r.pick(OFFICERS)}, ${this.agencyShort(r.pick(this.agencyIds))}`;
    let q = `> “${r.pick(lines)}”\n>\n> — ${who}`;
    if (r.chance(0.3)) q = `> ${this.paragraph(r.pick(['risks', 'results', 'planning']), 2, 3)}\n>\n` + q;
    return q;
  }
}

// ---------------------------------------------------------------------------
// Markdown building blocks
// ---------------------------------------------------------------------------

function table(header, rows, align) {
  const a = align || header.map(() => '---');
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(a), ...rows.map(line)].join('\n');
}

function bulletList(items, marker = '-') {
  return items.map((it) => {
    if (Array.isArray(it)) {
      const [head, subs] = it;
      return `${marker} ${head}\n` + subs.map((s) => `  - ${s}`).join('\n');
    }
    return `${marker} ${it}`;
  }).join('\n');
}

function numberedList(items) {
  return items.map((it, i) => {
    const num = `${i + 1}.`;
    const pad = ' '.repeat(num.length + 1);
    if (Array.isArray(it)) {
      const [head, subs] = it;
      return `${num} ${head}\n` + subs.map((s) => {
        if (Array.isArray(s)) return `${pad}- ${s[0]}\n` + s[1].map((x) => `${pad}  - ${x}`).join('\n');
        return `${pad}- ${s}`;
      }).join('\n');
    }
    return `${num} ${it}`;
  }).join('\n');
}

const STEP_NAMES = ['Complaint or tip', 'Screening', 'Planning', 'Operation', 'Inventory and sealing', 'Identification by the right holder',
  'Sampling', 'Storage', 'Transfer to the prosecutor', 'Hearing', 'Destruction', 'Feedback to the right holder', 'Entry in the register', 'Review'];

// ---------------------------------------------------------------------------
// YAML writing
// ---------------------------------------------------------------------------

const q = (s) => JSON.stringify(s); // JSON strings are valid YAML double-quoted scalars

function folded(key, text, indent = '') {
  // A folded block scalar (>-), wrapped at about 88 columns.
  const words = text.split(' ');
  const lines = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > 88) { lines.push(cur); cur = w; } else cur = cur ? cur + ' ' + w : w;
  }
  if (cur) lines.push(cur);
  return `${indent}${key}: >-\n` + lines.map((l) => `${indent}  ${l}`).join('\n');
}

function flowList(items) { return `[${items.join(', ')}]`; }

// ---------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------

function slugify(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function trimSlug(slug, max) {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : max).replace(/-+$/, '');
}

const wordCount = (s) => (s.match(/\S+/g) || []).length;

function pad2(n) { return String(n).padStart(2, '0'); }
function isoDate(y, m, d) { return `${y}-${pad2(m)}-${pad2(d)}`; }
function addDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days)); // pure arithmetic, not the clock
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

// ---------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------

const REGIONAL_SOURCES = [
  { id: 'asean-ipr-action-plan-2011-2015', title: 'ASEAN Intellectual Property Rights Action Plan 2011–2015', publisher: 'ASEAN Secretariat', date: '2011', url: 'https://www.asean.org/' },
  { id: 'asean-aec-blueprint-2008', title: 'ASEAN Economic Community Blueprint', publisher: 'ASEAN Secretariat', date: '2008-01', url: 'https://www.asean.org/' },
  { id: 'wto-trips-agreement', title: 'Agreement on Trade-Related Aspects of Intellectual Property Rights, Part III: Enforcement', publisher: 'World Trade Organization', date: '1994-04-15', url: 'https://www.wto.org/english/docs_e/legal_e/27-trips_05_e.htm' },
  { id: 'ecap3-activity-terms-of-reference', title: 'Terms of reference: best practices on IPR enforcement for interested ASEAN enforcement agencies', publisher: 'ECAP III Project Management Team', date: '2013-06' },
  { id: 'ecap3-regional-consultation-2014', title: 'Regional consultation on IPR enforcement: programme and list of participants', publisher: 'ECAP III Project Management Team', date: '2014-01' },
  { id: 'wco-safe-framework-2012', title: 'SAFE Framework of Standards to Secure and Facilitate Global Trade', publisher: 'World Customs Organization', date: '2012-06', url: 'https://www.wcoomd.org/' },
  { id: 'oecd-counterfeiting-2008', title: 'The Economic Impact of Counterfeiting and Piracy', publisher: 'OECD Publishing', date: '2008-06-04', url: 'https://www.oecd.org/' },
  { id: 'eu-customs-ipr-report-2012', title: 'Report on EU customs enforcement of intellectual property rights: results at the EU border, 2012', publisher: 'European Commission, Taxation and Customs Union', date: '2013-07', url: 'https://taxation-customs.ec.europa.eu/' },
  { id: 'wipo-ace-8-2012', title: 'Eighth session of the WIPO Advisory Committee on Enforcement: documents', publisher: 'World Intellectual Property Organization', date: '2012-12', url: 'https://www.wipo.int/meetings/en/details.jsp?meeting_id=27402' },
  { id: 'interpol-illicit-goods-2013', title: 'Trafficking in illicit goods and counterfeiting: activity report', publisher: 'INTERPOL', date: '2013' },
];

const OUTLETS = {
  BN: ['Borneo Bulletin', 'The Brunei Times', 'Pelita Brunei'],
  KH: ['The Phnom Penh Post', 'The Cambodia Daily', 'Khmer Times'],
  ID: ['The Jakarta Post', 'Kompas', 'Tempo'],
  LA: ['Vientiane Times', 'KPL Lao News Agency', 'Pasaxon'],
  MY: ['The Star', 'New Straits Times', 'Utusan Malaysia', 'Berita Harian'],
  MM: ['The Myanmar Times', 'The New Light of Myanmar', 'Eleven Media'],
  PH: ['Philippine Daily Inquirer', 'BusinessWorld', 'The Philippine Star', 'Manila Bulletin'],
  SG: ['The Straits Times', 'TODAY', 'Lianhe Zaobao'],
  TH: ['Bangkok Post', 'The Nation', 'Matichon', 'National News Bureau of Thailand'],
  VN: ['Tuổi Trẻ', 'Thanh Niên', 'Viet Nam News', 'VnExpress'],
  TL: ['Tempo Semanal', 'Timor Post', 'Suara Timor Lorosae'],
};

const HEADLINE_TEMPLATES = [
  '{A} seizes {product} in {city}',
  '{product} destroyed at ceremony in {city}',
  'Traders warned over {product} in {market}',
  '{A} and {B} sign enforcement agreement',
  'Court jails seller of {product}',
  'Customs detains {product} at {port}',
  'Campaign against fakes launched in {city}',
  'Right holders call for faster action against {product}',
  'New unit to fight counterfeiting in {city}',
  'Officials trained to spot {product}',
];

function buildSources(N, seed) {
  const all = REGIONAL_SOURCES.map((s) => ({ ...s }));
  const byCountry = {};
  const perCountryPress = 6 + Math.floor(N / 250);
  for (const c of COUNTRIES) {
    const r = Rng.of(seed, 'sources', c.code);
    const w = new Writer(r, c);
    const list = [];
    const ipoName = c.byId[c.ipo].name;
    list.push({ id: `${c.lower}-ecap-figures-2013`, title: `Enforcement figures compiled for the ECAP III expert mission to ${c.name}, 2013 (illustrative)`, publisher: 'ECAP III', date: '2013', kind: 'figures' });
    list.push({ id: `${c.lower}-ip-office-website`, title: `${ipoName}: enforcement pages`, publisher: ipoName, url: `https://${c.domain}/`, kind: 'web' });
    for (const y of [2010, 2011, 2012]) {
      list.push({ id: `${c.lower}-enforcement-report-${y}`, title: `Annual report on the enforcement of intellectual property rights, ${y}`, publisher: ipoName, date: String(y + 1), kind: 'report' });
    }
    c.laws.forEach((law, i) => {
      const title = law.replace(/^the /, '');
      const year = (title.match(/\b(1[89]\d\d|20\d\d)\b/) || [])[1];
      const src = { id: `${c.lower}-law-${trimSlug(slugify(title), 40)}`, title: title[0].toUpperCase() + title.slice(1), publisher: `Government of ${c.name}`, kind: 'law' };
      if (year) src.date = year;
      if (!list.some((x) => x.id === src.id)) list.push(src);
      void i;
    });
    const usedIds = new Set(list.map((x) => x.id));
    for (let k = 1; k <= perCountryPress; k++) {
      const title = w.fill(r.pick(HEADLINE_TEMPLATES));
      const y = r.int(2009, 2013), m = r.int(1, 12), d = r.int(1, 28);
      const outlet = r.pick(OUTLETS[c.code]);
      let id = `${c.lower}-press-${y}-${trimSlug(slugify(title), 36)}`;
      let n = 2;
      while (usedIds.has(id)) id = `${c.lower}-press-${y}-${trimSlug(slugify(title), 36)}-${n++}`;
      usedIds.add(id);
      const src = { id, title, publisher: outlet, date: r.chance(0.7) ? isoDate(y, m, d) : `${y}-${pad2(m)}`, kind: 'press' };
      if (r.chance(0.55)) src.url = `https://www.${slugify(outlet).replace(/-/g, '')}.example/${y}/${pad2(m)}/${slugify(title)}`;
      list.push(src);
    }
    byCountry[c.code] = list;
    all.push(...list);
  }
  return { all, byCountry };
}

function sourcesYaml(all) {
  const out = ['# Documents the records cite by id. Generated by make-corpus.mjs (independent corpus).'];
  for (const s of all) {
    out.push(`- id: ${s.id}`);
    out.push(`  title: ${q(s.title)}`);
    if (s.publisher) out.push(`  publisher: ${q(s.publisher)}`);
    if (s.date) out.push(`  date: ${q(s.date)}`);
    if (s.url) out.push(`  url: ${q(s.url)}`);
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// activity.yaml
// ---------------------------------------------------------------------------

function activityYaml(r) {
  const states = COUNTRIES.slice().sort((a, b) => (a.code < b.code ? -1 : 1));
  const lines = [
    '# Independent benchmark corpus written by make-corpus.mjs. Eleven member states,',
    '# Timor-Leste included, each with a mission note.',
    `title: ${q('Best practices on IPR enforcement for interested ASEAN enforcement agencies')}`,
    'programme:',
    '  name: ECAP III',
    `  full_name: ${q('EU-ASEAN Project on the Protection of Intellectual Property Rights (ECAP III), Phase II')}`,
    `  implementer: ${q('Office for Harmonization in the Internal Market (OHIM)')}`,
    '  funders: [European Commission, OHIM]',
    'period: { start: 2013-08-01, end: 2014-01-31 }',
    'aims:',
    `  - ${q('Document what works in IPR enforcement across the member states, agency by agency.')}`,
    `  - ${q('Turn the practices found into guidelines, checklists and training material.')}`,
    `  - ${q('Help enforcement agencies set up standing coordination, nationally and across ASEAN.')}`,
    `notice: ${q('Synthetic content. This corpus was generated to exercise ecap; agencies are real bodies, but every practice, figure and quotation in it is invented.')}`,
    'member_states:',
  ];
  for (const c of states) {
    lines.push(`  - code: ${c.code}`);
    lines.push(`    name: ${q(c.name)}`);
    if (c.native) lines.push(`    native_name: { text: ${q(c.native.text)}, lang: ${c.native.lang} }`);
  }
  void r;
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// Themes
// ---------------------------------------------------------------------------

function themeFile(theme, seed) {
  const r = Rng.of(seed, 'theme', theme.id);
  const c = r.pick(COUNTRIES);
  const w = new Writer(r, c);
  const topics = THEME_TOPICS[theme.id];
  const parts = [];
  parts.push(w.paragraph(topics[0], 4, 6));
  parts.push(w.paragraph(topics[1] || topics[0], 3, 5));
  parts.push(`### ${r.pick(['What the missions found', 'Patterns across the region', 'Common ground'])}`);
  parts.push(w.paragraph(topics[0], 3, 5));
  const states = r.sample(COUNTRIES, r.int(4, 7));
  parts.push(bulletList(states.map((s) => {
    const ww = new Writer(r, s);
    return `**${s.name}**: ${ww.sentence(r.pick(topics)).replace(/\.$/, '')}.`;
  })));
  parts.push(w.paragraph(r.pick(['transfer', 'risks', 'regional']), 3, 5));
  const fm = ['---', `title: ${q(theme.title)}`, `summary: ${q(theme.summary)}`, `order: ${theme.order}`, '---'];
  return fm.join('\n') + '\n' + parts.join('\n\n') + '\n';
}

// ---------------------------------------------------------------------------
// Planning the corpus
// ---------------------------------------------------------------------------

const TITLE_TEMPLATES = {
  'interagency-cooperation': [
    'Standing task force of {A} and {B} on {product}', 'Monthly case conference between {A} and {pros}',
    'Written protocol dividing IP cases between {A} and {B}', 'Liaison officers from {B} posted at {A}',
    'Joint enforcement working group in {city}', 'Provincial coordination committee in {province}',
    'Shared work plan of the national enforcement committee', 'Joint planning cell for operations against {product}',
  ],
  intelligence: [
    'Risk profiles for {product} at {port}', 'Shared seizure register of {A} and {B}', 'Analysis of repeat suppliers in {market}',
    'Targeting of courier parcels at {port}', 'Graded tip-off system at {A}', 'Monitoring of online sellers of {product}',
    'Landlord mapping in {market}', 'Supplier tracing after retail seizures in {province}',
  ],
  enforcement: [
    'Warehouse operations against {product} in {city}', 'Planning checklist for operations in {market}',
    'Sampling and early destruction of {product}', 'Case officer follow-up from seizure to sanction in {province}',
    'Rotating inspections of {market}', 'Secure store and register for seized goods in {city}',
    'Follow-up visits to repeat offenders in {market}', 'Joint raids on {product} workshops in {province}',
  ],
  courts: [
    'Designated IP judges at {courtname}', 'Bench book on counterfeiting offences', 'Fixed hearing days for {product} cases',
    'Evidence guidelines agreed by {pros} and {A}', 'Published summaries of IP judgments', 'Preservation orders granted within days in {province}',
    'Expert statements by right holders in {product} cases',
  ],
  customs: [
    'Recordation of rights with {cus}', 'Ex officio detention of {product} at {port}', 'Paired contact points at {border}',
    'Simplified procedure for small consignments at {port}', 'Pocket guides for officers at {border}',
    'Transit checks on {product} at {port}', 'Right-holder hotline for detentions at {port}',
  ],
  statistics: [
    'One-page monthly enforcement return to {A}', 'Common seizure record for {A} and {B}', 'Valuation basis stated on every seizure report',
    'Consolidated annual enforcement report of {A}', 'Provincial case reporting from {province}', 'Calendar-year reporting of {cus} detentions',
    'Separate count of {product} cases in court records',
  ],
  'right-holders': [
    'Memorandum between {A} and right holders in the {sector} sector', 'Single contact point for right holders at {A}',
    'Cost sharing for the storage and destruction of {product}', 'Product identification workshops with {holder}',
    'Case outcome letters to complainants at {A}', 'Right-holder response times agreed with {cus}',
  ],
  'awareness-raising': [
    'Campaign on the dangers of {product}', 'Public destruction of seized goods in {city}', 'Landlord briefings in {market}',
    'Radio spots on fakes in {language}', 'School programme on copyright in {province}', 'Shopper survey before and after the {city} campaign',
  ],
  'sme-gi-support': [
    'IP clinic for small firms in {city}', 'Control logo for {gi}', 'Assisted complaints for SMEs at {ipo}',
    'Market checks on the use of the name {gi}', 'Reduced-fee customs recordation for SMEs', 'One-page identification guides for small brands in {province}',
  ],
};
const SECTORS = ['motor parts', 'pharmaceutical', 'cosmetics', 'music and film', 'software', 'apparel', 'agrochemical', 'beverages', 'electrical goods', 'tobacco'];

function titleFill(w, tpl, focus, agencies) {
  const r = w.rng, c = w.c;
  const named = (id) => { if (id && !agencies.includes(id)) agencies.push(id); return shortName(c.byId[id]); };
  return tpl.replace(/\{(\w+)\}/g, (_, n) => {
    switch (n) {
      case 'A': return named(agencies[0]);
      case 'B': return named(agencies[1] || w.otherAgency(agencies[0]));
      case 'cus': return c.customs ? named(c.customs) : 'customs';
      case 'pros': return c.prosecution ? named(c.prosecution) : 'the prosecutor';
      case 'ipo': return named(c.ipo);
      case 'product': return focus.product;
      case 'province': return r.pick(w.c.provinces)[0];
      case 'sector': return r.pick(SECTORS);
      case 'courtname': if (!c.court) return 'the district courts'; named(c.court); return c.byId[c.court].name.replace(/ \(.*\)$/, '');
      case 'holder': return r.pick(HOLDERS).replace(/^(a|an|the) /, '');
      case 'city': return focus.city;
      default: return w.slot(n);
    }
  }).replace(/^./, (ch) => ch.toUpperCase());
}

function agenciesForTheme(r, c, theme) {
  const pick = [];
  const add = (id) => { if (id && !pick.includes(id)) pick.push(id); };
  switch (theme) {
    case 'customs': add(c.customs); add(r.chance(0.6) ? c.ipo : null); break;
    case 'courts': add(c.court); add(c.prosecution); break;
    case 'interagency-cooperation': add(c.coord || c.ipo); add(r.pick(c.police.length ? c.police : [c.ipo])); add(c.customs); break;
    case 'intelligence': add(r.pick(c.police.length ? c.police : [c.customs])); add(r.chance(0.5) ? c.customs : null); break;
    case 'enforcement': add(r.pick(c.police.length ? c.police : c.regulators)); add(r.chance(0.5) ? r.pick(c.regulators.length ? c.regulators : [c.ipo]) : null); break;
    case 'statistics': add(c.coord || c.ipo); add(r.pick(c.agencies).id); break;
    case 'right-holders': add(c.ipo); add(r.pick(c.agencies).id); break;
    case 'awareness-raising': add(c.ipo); add(r.chance(0.5) ? r.pick(c.agencies).id : null); break;
    case 'sme-gi-support': add(c.ipo); add(r.chance(0.4) ? c.customs : null); break;
    default: add(c.ipo);
  }
  if (r.chance(0.35)) add(r.pick(c.agencies).id);
  return pick.filter(Boolean);
}

function planCorpus(N, seed) {
  const fixed = COUNTRIES.length /* missions */ + THEMES.length + 1 /* meeting */ + COUNTRIES.length /* statistics */ + 2 /* activity, sources */;
  const R = Math.max(THEMES.length, Math.round(N / 30));
  const P = Math.max(COUNTRIES.length, N - fixed - R);
  const r = Rng.of(seed, 'plan');

  // Missions: one per member state, a working week each between August and December 2013.
  const weeks = ['2013-08-12', '2013-08-19', '2013-08-26', '2013-09-09', '2013-09-16', '2013-09-23', '2013-10-07', '2013-10-14', '2013-10-21', '2013-11-04', '2013-11-11', '2013-11-18'];
  const order = r.shuffle(COUNTRIES);
  const missions = {};
  order.forEach((c, i) => {
    const start = addDays(weeks[i], r.int(0, 1));
    missions[c.code] = { start, end: addDays(start, r.int(3, 4)) };
  });

  // Practices.
  const practices = [];
  const usedIds = new Set();
  const usedTitles = new Set();
  const countryWeights = COUNTRIES.map((c) => [c, c.weight]);
  for (let i = 0; i < P; i++) {
    const pr = Rng.of(seed, 'practice-plan', i);
    const c = i < COUNTRIES.length ? COUNTRIES[i] : pr.weighted(countryWeights);
    const theme = pr.weighted(THEME_WEIGHTS);
    const focus = { product: pr.pick(PRODUCTS), city: pr.pick(c.places) };
    const w = new Writer(pr, c, focus);
    let agencies = agenciesForTheme(pr, c, theme);
    w.agencyIds = agencies;
    const tpls = TITLE_TEMPLATES[theme].filter((t) => c.gis.length || !t.includes('{gi}'));
    let title;
    const base0 = agencies.slice();
    for (let k = 0; k < 8; k++) {
      agencies = base0.slice();
      title = titleFill(w, pr.pick(tpls), focus, agencies);
      if (!usedTitles.has(c.code + title)) break;
    }
    w.agencyIds = agencies;
    if (usedTitles.has(c.code + title)) {
      title += pr.pick([`, ${pr.int(2008, 2013)} pilot`, ` in ${pr.pick(c.provinces)[0]}`, ' (second phase)', ` for ${pr.pick(PRODUCTS)}`]);
    }
    usedTitles.add(c.code + title);
    const base = `${c.lower}-${trimSlug(slugify(title), 64)}`;
    let id = base, n = 2;
    while (usedIds.has(id)) id = `${base}-${n++}`;
    usedIds.add(id);
    const themes = [theme, ...pr.sample(THEMES.map((t) => t.id).filter((t) => t !== theme), pr.weighted([[0, 3], [1, 5], [2, 2]]))];
    // Now and then, an agency of a neighbouring member state, in the qualified form.
    const foreign = [];
    if (pr.chance(0.07) && c.neighbours.length) {
      const nb = BY_CODE[pr.pick(c.neighbours)];
      const fa = pr.pick(nb.agencies.filter((a) => ['customs', 'police', 'ip-office'].includes(a.kind)));
      if (fa) foreign.push(`${nb.lower}/${fa.id}`);
    }
    practices.push({ i, id, title, country: c, theme, themes, agencies, foreign, product: focus.product, city: focus.city, referenced: false });
  }

  // Recommendations build on practices of their theme.
  const byTheme = {};
  for (const p of practices) (byTheme[p.theme] ||= []).push(p);
  const recThemes = [];
  for (let k = 0; k < R; k++) recThemes.push(THEMES[k % THEMES.length].id);
  const recs = recThemes.map((theme, k) => ({ number: k + 1, theme, builds: [] }));
  for (const t of THEMES) {
    const rs = recs.filter((x) => x.theme === t.id);
    const ps = r.shuffle(byTheme[t.id] || []);
    const take = Math.floor(ps.length * 0.78);
    for (let j = 0; j < take; j++) {
      const rec = rs[j % rs.length];
      if (!rec) break;
      rec.builds.push(ps[j]);
      ps[j].referenced = true;
    }
  }
  for (const rec of recs) {
    // a few cross-theme practices, and never an empty list
    const extra = r.int(0, 2);
    for (let j = 0; j < extra || rec.builds.length === 0; j++) {
      const p = r.pick(practices);
      if (!rec.builds.includes(p)) { rec.builds.push(p); p.referenced = true; }
      if (j > 10) break;
    }
  }
  for (const p of practices) {
    const pr = Rng.of(seed, 'practice-status', p.i);
    p.status = p.referenced ? (pr.chance(0.8) ? 'adopted' : 'proposed') : (pr.chance(0.75) ? 'observed' : 'proposed');
  }
  return { N, R, P, fixed, missions, practices, recs };
}

// ---------------------------------------------------------------------------
// Mission notes
// ---------------------------------------------------------------------------

const COORDINATORS = {
  BN: 'Dayang Siti Aminah binti Haji Osman', KH: 'Mr Sok Vannak', ID: 'Ms Dewi Lestari', LA: 'Mr Khamphone Sisavath',
  MY: 'Ms Nurul Huda binti Ahmad', MM: 'U Kyaw Min Thein', PH: 'Ms Maria Cristina Reyes', SG: 'Mr Daniel Tan Wei Ming',
  TH: 'Ms Siriporn Chaiyasit', VN: 'Bà Nguyễn Thị Lan', TL: 'Sr. João da Costa Belo',
};

function missionFile(c, plan, sources, seed) {
  const r = Rng.of(seed, 'mission', c.code);
  const m = plan.missions[c.code];
  const days = [];
  for (let d = m.start; d <= m.end; d = addDays(d, 1)) days.push(d);
  const capital = c.places[0];
  const fm = ['---', `country: ${c.code}`, 'status: final', 'dates:', `  start: ${m.start}`, `  end: ${m.end}`,
    `expert: ${q(r.pick(['ECAP III IPR enforcement expert', 'European IPR enforcement expert (ECAP III)', 'Short-term expert on IPR enforcement']))}`];
  if (r.chance(0.5)) {
    fm.push('coordinator:', `  name: ${q(COORDINATORS[c.code])}`, `  agency: ${c.ipo}`, '  internal: true');
  } else {
    fm.push(`coordinator: { name: ${q('ECAP National Coordinator')}, agency: ${c.ipo} }`);
  }
  fm.push('agencies:');
  for (const a of c.agencies) {
    fm.push(`  - id: ${a.id}`, `    name: ${q(a.name)}`);
    if (a.acronym) fm.push(`    acronym: ${q(a.acronym)}`);
    fm.push(`    kind: ${a.kind}`);
    if (a.parent) fm.push(`    parent: ${q(a.parent)}`);
    if (a.native) fm.push(`    native_name: { text: ${q(a.native.text)}, lang: ${a.native.lang} }`);
  }
  fm.push('meetings:');
  const themeIds = THEMES.map((t) => t.id);
  const meetings = [];
  meetings.push({ date: days[0], agencies: [c.ipo, ...(c.coord ? [c.coord] : [])], themes: ['interagency-cooperation', 'statistics'], venue: `${c.byId[c.ipo].name}, ${capital}` });
  const nMeet = r.int(4, 7);
  for (let k = 0; k < nMeet; k++) {
    const ag = r.sample(c.agencies.map((a) => a.id), r.int(1, 3));
    meetings.push({ date: days[Math.min(days.length - 1, 1 + Math.floor(k * (days.length - 1) / nMeet))], agencies: ag, themes: r.sample(themeIds, r.int(1, 3)), venue: `${c.byId[ag[0]].name.replace(/,.*$/, '')}, ${r.chance(0.7) ? capital : r.pick(c.places)}` });
  }
  // A border visit with the counterpart customs of a neighbouring state (qualified agency id).
  if (c.customs && c.neighbours.length && r.chance(0.7)) {
    const nb = BY_CODE[c.neighbours[0]];
    if (nb.customs) meetings.push({ date: days[days.length - 2], agencies: [c.customs, `${nb.lower}/${nb.customs}`], themes: ['customs', 'intelligence'], venue: `${c.borders[0]} border crossing` });
  }
  meetings.push({ date: days[days.length - 1], agencies: r.sample(c.agencies.map((a) => a.id), Math.min(c.agencies.length, r.int(4, 6))), themes: ['interagency-cooperation', r.pick(themeIds.slice(1))], venue: `${c.byId[c.ipo].name}, ${capital} (debriefing)` });
  for (const mt of meetings) {
    if (r.chance(0.5)) {
      fm.push(`  - { date: ${mt.date}, agencies: ${flowList(mt.agencies)}, themes: ${flowList([...new Set(mt.themes)])}, venue: ${q(mt.venue)} }`);
    } else {
      fm.push(`  - date: ${mt.date}`, `    agencies: ${flowList(mt.agencies)}`, '    themes:', ...[...new Set(mt.themes)].map((t) => `      - ${t}`), `    venue: ${q(mt.venue)}`);
    }
  }
  const srcs = sources.byCountry[c.code];
  const ms = [srcs[0].id, 'ecap3-activity-terms-of-reference', ...r.sample(srcs.slice(1), 5).map((s) => s.id)];
  fm.push('sources:', ...[...new Set(ms)].map((s) => `  - ${s}`), '---');

  // Body
  const own = plan.practices.filter((p) => p.country === c);
  const w = new Writer(r, c, { agencies: [c.ipo, c.police[0] || c.customs].filter(Boolean) });
  const [d1, d2] = [m.start, m.end].map((d) => Number(d.slice(8)));
  const month = MONTHS[Number(m.start.slice(5, 7)) - 1];
  const body = [];
  body.push(`The mission to ${c.inText} took place in ${capital}${r.chance(0.6) ? ` and ${c.places[1]}` : ''} from ${d1} to ${d2} ${month} 2013. The expert met ${c.agencies.length} agencies${c.native ? ` — in ${c.language}, the country is *${c.native.text}*` : ''} — and visited ${r.pick(c.markets)} and ${r.pick(c.ports)}. ${w.paragraph('background', 2, 3)}`);

  body.push('## (a) Current situation, needs and expectations');
  body.push('### Institutional set-up');
  body.push(w.paragraph('coordination', 4, 6));
  body.push(table(['Agency', 'Kind', 'Belongs to', 'Name in the national language'],
    c.agencies.map((a) => [`${a.name}${a.acronym ? ` (${a.acronym})` : ''}`, a.kind.replace(/-/g, ' '), a.parent || '—', a.native ? a.native.text : '—'])));
  body.push(w.paragraph('background', 3, 5));
  body.push('### Enforcement in practice');
  body.push(w.paragraph('operations', 4, 6));
  body.push(w.paragraph('customs', 3, 5));
  body.push(w.paragraph('courts', 3, 4));
  body.push('### Needs and expectations');
  const needs = ['Markets', 'Borders', 'Storage', 'Data', 'Courts', 'Right holders', 'Small firms', 'Online sales', 'Training'];
  const needTopic = { Markets: 'operations', Borders: 'customs', Storage: 'storage', Data: 'data', Courts: 'courts', 'Right holders': 'rightholders', 'Small firms': 'sme', 'Online sales': 'online', Training: 'training' };
  body.push(bulletList(r.sample(needs, r.int(5, 8)).map((n) => `**${n}.** ${w.sentence(needTopic[n])} ${w.sentence(r.pick(['risks', 'results']))}`)));
  if (r.chance(0.5)) body.push(`:::internal\n${w.paragraph('risks', 2, 3)}\n:::`);
  body.push(w.paragraph('data', 3, 5));

  body.push('## (b) Best practices observed');
  const shown = own.slice(0, Math.min(own.length, 14));
  body.push(`${shown.length === own.length ? `All ${own.length}` : `${shown.length} of the ${own.length}`} practices documented in ${c.inText} are listed below; the others appear in the theme chapters of the comprehensive report. ${w.paragraph('results', 2, 3)}`);
  body.push(table(['Practice', 'Agencies', 'Main theme', 'Status'], shown.map((p) => [p.title, p.agencies.map((id) => shortName(c.byId[id])).join(', '), THEMES.find((t) => t.id === p.theme).title, p.status || 'observed'])));
  for (const p of r.sample(shown, Math.min(3, shown.length))) {
    body.push(`### ${p.title}`);
    const pw = new Writer(r, c, { agencies: p.agencies, product: p.product });
    body.push(pw.paragraph(THEME_TOPICS[p.theme][0], 3, 5));
  }
  body.push(w.paragraph('transfer', 3, 4));

  body.push('## (c) Suggestions for guidelines and materials');
  body.push('### Materials requested');
  const materials = [
    'A guide to building an IP file, from the complaint to the indictment, with model forms.',
    `Product identification sheets for ${r.pick(PRODUCTS)}, supplied by right holders and updated each year.`,
    'A protocol for the storage, sampling and destruction of seized goods, with environmentally sound methods.',
    'A one-page monthly return, with definitions of each measure and unit.',
    `A pocket guide for officers at ${r.pick(c.borders)}, in ${c.language} and English.`,
    'A model memorandum of understanding with right holders, with response times and cost sharing.',
    'A bench book for judges on counterfeiting and piracy offences.',
    'A short guide for small firms on what to do when they find copies of their products.',
    'A methodology for monitoring notorious markets and measuring change after enforcement.',
  ];
  body.push(numberedList(r.sample(materials, r.int(4, 7))));
  body.push('### Format and language');
  body.push(w.paragraph('training', 3, 5));
  if (c.terms.length) {
    body.push(table(['Term', 'Meaning'], c.terms.map(([t, g]) => [`*${t}*`, g])));
  }

  body.push('## (d) Suggestions for interagency coordination');
  body.push('### National level');
  body.push(bulletList(Array.from({ length: r.int(3, 5) }, () => w.sentence('coordination'))));
  body.push(w.paragraph('coordination', 3, 5));
  body.push('### Regional level');
  body.push(bulletList(c.neighbours.map((code) => `With ${BY_CODE[code].inText}: ${w.sentence('regional').replace(/^./, (ch) => ch.toLowerCase())}`)));
  body.push(w.paragraph('regional', 3, 4));
  body.push(`Further reading: [${c.byId[c.ipo].name}](https://${c.domain}/) and [${INTERNATIONAL_LINKS[4][0]}](${INTERNATIONAL_LINKS[4][1]}).`);
  return fm.join('\n') + '\n' + body.join('\n\n') + '\n';
}

// ---------------------------------------------------------------------------
// Practices
// ---------------------------------------------------------------------------

const TOPIC_HEADINGS = {
  coordination: ['Coordination arrangements', 'The committee and its secretariat', 'Working together'],
  planning: ['Planning', 'Before the operation', 'Preparing an operation'],
  operations: ['The operation itself', 'On the day', 'Carrying out operations'],
  evidence: ['Evidence', 'Building the file', 'Records and evidence'],
  storage: ['Storage and destruction', 'What happens to the goods', 'Disposal of seized goods'],
  intelligence: ['Use of information', 'Analysis', 'From seizures to suppliers'],
  data: ['Recording and reporting', 'The return', 'Counting consistently'],
  customs: ['At the border', 'Border measures in practice', 'Detention and release'],
  courts: ['In court', 'Hearing IP cases', 'The court\'s role'],
  prosecution: ['The prosecutor\'s role', 'From file to indictment'],
  rightholders: ['Working with right holders', 'The right holders\' part', 'Commitments of right holders'],
  awareness: ['Reaching the public', 'Campaign design', 'Messages and channels'],
  sme: ['Help for small firms', 'The clinic', 'Small and medium-sized enterprises'],
  gi: ['Protecting the name', 'GI producers', 'Control of origin'],
  online: ['Online sales', 'The internet', 'Marketplaces and social media'],
  training: ['Training', 'Building skills', 'Joint training'],
};

function rolesTable(w, p) {
  const r = w.rng, c = p.country;
  const ids = [...p.agencies, ...r.sample(c.agencies.map((a) => a.id).filter((id) => !p.agencies.includes(id)), r.int(0, 3))];
  const roles = ['leads and chairs the planning meeting', 'provides officers for operations', 'confirms registration and identifies goods', 'keeps the register',
    'reviews files before indictment', 'hears the cases', 'detains goods at the border', 'tests samples of dangerous goods', 'stores seized goods', 'reports figures monthly',
    'hosts the secretariat', 'trains officers', 'handles complaints from the public'];
  const withNative = r.chance(0.5);
  const header = withNative ? ['Agency', 'In the national language', 'Role in the practice'] : ['Agency', 'Role in the practice', 'Legal basis'];
  const rows = ids.map((id) => {
    const a = c.byId[id];
    const name = `${a.name.replace(/,.*$/, '')}${a.acronym ? ` (${a.acronym})` : ''}`;
    return withNative ? [name, a.native ? a.native.text : '—', r.pick(roles)] : [name, r.pick(roles), r.pick(c.laws).replace(/^the /, '')];
  });
  for (const f of p.foreign) {
    const [code, id] = f.split('/');
    const nb = BY_CODE[code.toUpperCase()];
    const a = nb.byId[id];
    rows.push(withNative ? [`${a.name} (${nb.name})`, a.native ? a.native.text : '—', 'counterpart across the border'] : [`${a.name} (${nb.name})`, 'counterpart across the border', 'bilateral arrangement']);
  }
  return table(header, rows);
}

function figuresTable(w, p) {
  const r = w.rng, c = p.country;
  const kind = r.pick(['monthly', 'provinces', 'yearly', 'agencies']);
  if (kind === 'monthly') {
    const rows = [];
    const tot = [0, 0, 0, 0];
    for (let m = 0; m < 12; m++) {
      const v = [r.int(5, 120), r.int(1, 30), r.int(0, 40000), r.int(0, 25)];
      v.forEach((x, i) => { tot[i] += x; });
      rows.push([`${MONTHS[m]} ${w.y2}`, ...v.map(fmtInt)]);
    }
    rows.push(['**Total**', ...tot.map((x) => `**${fmtInt(x)}**`)]);
    return { intro: `Month by month in ${w.y2}, the activity under the practice was as follows.`, table: table(['Month', 'Complaints received', 'Operations', 'Items seized', 'Files to the prosecutor'], rows, ['---', '---:', '---:', '---:', '---:']) };
  }
  if (kind === 'provinces') {
    const provs = r.sample(c.provinces, r.int(Math.min(4, c.provinces.length), c.provinces.length));
    const native = provs.some(([en, nat]) => en !== nat);
    const rows = provs.map(([en, nat]) => [en, ...(native ? [nat] : []), fmtInt(r.int(3, 400)), fmtInt(r.int(0, 120)), fmtInt(r.int(0, 60)), `${r.int(5, 95)} %`]);
    return { intro: `The practice does not reach every province equally. The table shows ${w.y2} activity by province, as reported to ${w.slot('A')}.`, table: table(['Province', ...(native ? [`Name in ${c.language}`] : []), 'Inspections', 'Seizures', 'Files opened', 'Files closed with a sanction'], rows, ['---', ...(native ? ['---'] : []), '---:', '---:', '---:', '---:']) };
  }
  if (kind === 'yearly') {
    const rows = [];
    let base = r.int(20, 300);
    for (let y = w.y0; y <= 2013; y++) {
      base = Math.round(base * (0.85 + r.next() * 0.5));
      rows.push([y === 2013 ? '2013 (January–June)' : String(y), fmtInt(base), fmtInt(Math.round(base * (0.3 + r.next() * 0.5))), fmtInt(base * r.int(40, 900)), y === w.y1 ? 'practice introduced' : '']);
    }
    return { intro: `Figures before and after ${w.y1}, when the practice started, are set out below; 2013 covers six months only and is not comparable with the full years.`, table: table(['Year', 'Operations', 'Cases filed', 'Items seized (pieces)', 'Remark'], rows) };
  }
  const ags = [...p.agencies, ...r.sample(c.agencies.map((a) => a.id), 2)].filter((x, i, a) => a.indexOf(x) === i);
  const basis = r.pick(['declared value', 'retail price of the genuine item', 'estimated damage']);
  const rows = ags.map((id) => [shortName(c.byId[id]), fmtInt(r.int(0, 300)), fmtInt(r.int(0, 200000)), fmtInt(r.int(1, 900) * 1000)]);
  return { intro: `Each agency's share in ${w.y2} is shown below. Values are in ${c.currency}, on the basis of the ${basis}, as each agency reported them; they are not converted.`, table: table(['Agency', 'Operations', 'Items seized', `Value (${c.currency}, ${basis})`], rows, ['---', '---:', '---:', '---:']) };
}

function costsTable(w, p) {
  const r = w.rng, c = p.country;
  const items = ['Storage of seized goods', 'Transport to the destruction site', 'Destruction', 'Training courses', 'Printing of forms and guides',
    'Register software and maintenance', 'Laboratory tests', 'Travel of officers', 'Meetings of the committee', 'Awareness material'];
  const payers = ['the lead agency', 'right holders', 'shared', 'donor support', 'the ministry\'s budget', 'the importer, where found'];
  const mult = ['VND', 'IDR', 'LAK', 'KHR', 'MMK'].includes(c.currency) ? 100000 : ['USD', 'SGD', 'BND'].includes(c.currency) ? 10 : 1000;
  return table(['Item', `Cost per year (${c.currency})`, 'Paid by'], r.sample(items, r.int(4, 8)).map((it) => [it, fmtInt(r.int(5, 900) * mult), r.pick(payers)]), ['---', '---:', '---']);
}

function practiceFile(p, plan, sources, seed) {
  const r = Rng.of(seed, 'practice', p.i);
  const c = p.country;
  const w = new Writer(r, c, { agencies: p.agencies, product: p.product, city: p.city });
  const topics = THEME_TOPICS[p.theme];
  const target = r.int(1700, 3000);
  const blocks = [];
  let words = 0;
  const push = (b) => { blocks.push(b); words += wordCount(b); };

  // Lead
  push(`${w.paragraph('background', 2, 3)} ${w.paragraph(topics[0], 2, 3)}`);
  if (target > 2200) push(w.paragraph(topics[1] || 'results', 3, 5));

  push(`## ${r.pick(['Background', 'Why the practice was set up', 'Origins', 'The problem it addresses', 'Context'])}`);
  push(w.paragraph('background', 4, 6));
  if (r.chance(0.6)) push(w.quote());
  if (target > 1900) push(w.paragraph('background', 3, 5));

  push(`## ${r.pick(['How it works', 'How the practice operates', 'Procedure', 'Step by step', 'The working method'])}`);
  push(w.paragraph(topics[0], 3, 5));
  push(`### ${r.pick(['Steps', 'The sequence', 'From complaint to closure'])}`);
  const steps = STEP_NAMES.filter(() => r.chance(0.6)).slice(0, 9);
  while (steps.length < 5) steps.push(r.pick(STEP_NAMES));
  const stepTopics = ['planning', 'operations', 'evidence', 'storage', 'intelligence', 'data', 'prosecution', 'rightholders'];
  push(numberedList([...new Set(steps)].map((s) => {
    const head = `**${s}.** ${w.sentence(r.pick(stepTopics))}`;
    if (r.chance(0.3)) {
      const subs = Array.from({ length: r.int(2, 4) }, () => w.sentence(r.pick(stepTopics)));
      if (r.chance(0.3)) subs[0] = [subs[0], [w.fill(`{doc}`), w.fill(`{doc}`)].filter((x, i, a) => a.indexOf(x) === i)];
      return [head, subs];
    }
    return head;
  })));
  push(`### ${r.pick(['Who does what', 'Roles of the agencies', 'Division of tasks'])}`);
  push(rolesTable(w, p));
  push(w.paragraph(r.pick(['coordination', 'planning', topics[0]]), 3, 5));

  // Theme sections
  for (const [ti, t] of topics.entries()) {
    if (ti > 0 && words > target - 1000) break;
    push(`## ${r.pick(TOPIC_HEADINGS[t])}`);
    push(w.paragraph(t, 4, 6));
    if (r.chance(0.5)) {
      push(`### ${r.pick(['In detail', 'Points of practice', 'What officers do', 'Documents used', 'A closer look'])}`);
      push(bulletList(Array.from({ length: r.int(3, 6) }, () => {
        const s = w.sentence(t);
        return r.chance(0.25) ? [s, Array.from({ length: r.int(2, 3) }, () => w.sentence(r.pick(['evidence', 'data', 'training', 'risks'])))] : s;
      })));
    }
    push(w.paragraph(t, 3, 5));
    if (r.chance(0.12)) push(`:::internal\n${w.paragraph('risks', 2, 3)}\n:::`);
  }

  push(`## ${r.pick(['Figures', 'What the figures show', 'Activity in numbers', 'Results so far'])}`);
  const fig = figuresTable(w, p);
  push(fig.intro);
  push(fig.table);
  push(w.paragraph('results', 3, 5));

  if (words < target - 700 && r.chance(0.7)) {
    push(`## ${r.pick(['Costs and resources', 'Resources', 'What it costs'])}`);
    push(w.paragraph('resources', 2, 4));
    push(costsTable(w, p));
  }

  // Padding to the target length with further topical subsections.
  const extraTopics = r.shuffle(['training', 'evidence', 'rightholders', 'intelligence', 'online', 'storage', 'awareness', 'data', 'courts', 'customs', 'coordination', 'planning']);
  let k = 0;
  const pad = words < target - 600;
  if (pad) push(`## ${r.pick(['Observations from the field', 'Further observations', 'Details of practice', 'Notes from the mission'])}`);
  while (pad && (k === 0 || words < target - 600) && k < 40) {
    const t = extraTopics[k % extraTopics.length];
    push(`### ${r.pick(TOPIC_HEADINGS[t] || ['Other points'])}${k >= extraTopics.length ? ` (${r.pick(c.provinces)[0]})` : ''}`);
    push(w.paragraph(t, 4, 7));
    if (r.chance(0.25)) push(w.quote());
    k++;
  }

  push(`## ${r.pick(['Difficulties', 'Problems met', 'Limits', 'What has not worked'])}`);
  push(w.paragraph('risks', 3, 5));
  push(bulletList(Array.from({ length: r.int(3, 5) }, () => (r.chance(0.3) ? [w.sentence('risks'), [w.sentence('risks'), w.sentence('resources')]] : w.sentence('risks')))));

  if (r.chance(0.35) && c.terms.length) {
    push(`## ${r.pick(['Terms used locally', 'Glossary', 'Local terms'])}`);
    const rows = r.sample(c.terms, r.int(2, c.terms.length)).map(([t, g]) => [`*${t}*`, g]);
    for (const nb of r.sample(c.neighbours, 1)) {
      const [t, g] = r.pick(BY_CODE[nb].terms);
      rows.push([`*${t}*`, `${g} (used across the border in ${BY_CODE[nb].inText})`]);
    }
    push(table(['Term', 'Meaning'], rows));
  }

  if (r.chance(0.5) || p.foreign.length) {
    push(`## ${r.pick(['Regional dimension', 'Links with neighbouring member states', 'Cross-border aspects'])}`);
    let para = w.paragraph('regional', 3, 4);
    if (p.foreign.length) {
      const [code, id] = p.foreign[0].split('/');
      const nb = BY_CODE[code.toUpperCase()];
      para += ` Officers of the ${nb.byId[id].name} in ${nb.inText} take part in the exchanges, through a named contact point at ${r.pick(nb.borders)}.`;
    }
    push(para);
    if (r.chance(0.4)) {
      const states = r.sample(COUNTRIES.filter((x) => x !== c), r.int(3, 8));
      push(table(['Member state', 'Similar arrangement', 'Lead agency', 'Status in 2013'], states.map((s) => [s.name, r.pick(['yes', 'in part', 'no', 'planned']), shortName(s.byId[s.ipo]), r.pick(['in force', 'pilot', 'under discussion', 'none'])])));
    }
  }

  push(`## ${r.pick(['Lessons learnt', 'What others can learn', 'Lessons'])}`);
  push(numberedList(Array.from({ length: r.int(3, 6) }, () => w.sentence(r.pick(['transfer', 'results', 'risks', topics[0]])))));

  push(`## ${r.pick(['Conditions for transfer', 'Transferability', 'Adapting it elsewhere'])}`);
  push(w.paragraph('transfer', 3, 5));
  if (r.chance(0.5)) push(bulletList(Array.from({ length: r.int(2, 4) }, () => w.sentence('transfer'))));

  push(`## ${r.pick(['Further reading', 'Sources and links', 'Where to read more'])}`);
  const links = r.sample(INTERNATIONAL_LINKS, r.int(2, 4)).map(([t, u]) => `[${t}](${u})`);
  links.unshift(`[${c.byId[c.ipo].name}](https://${c.domain}/${r.pick(['en/enforcement', 'enforcement', 'en/', 'index.php/en/'])})`);
  if (r.chance(0.3)) links.push(`<https://${c.domain}/>`);
  if (r.chance(0.15)) links.push(`[the enforcement desk](mailto:enforcement@${c.domain.replace(/^www\./, '')})`);
  push(bulletList(links));

  // Front matter
  const src = sources.byCountry[c.code];
  const cited = r.sample(src, r.int(1, 3)).map((s) => s.id);
  if (r.chance(0.2)) cited.push(r.pick(REGIONAL_SOURCES).id);
  const agencies = [...p.agencies, ...p.foreign];
  const summary = `${w.sentence(topics[0], true)} ${w.sentence(topics[1] || 'results', true)}`;
  const results = `${w.sentence('results', true)} ${w.sentence('results', true)} ${r.chance(0.5) ? w.sentence('results', true) : ''}`.trim();
  const level = r.weighted([['high', 3], ['medium', 5], ['low', 2]]);
  const note = `${w.sentence('transfer', true)} ${w.sentence('transfer', true)}`;
  const fm = ['---'];
  if (r.chance(0.1)) fm.push(`id: ${p.id}`);
  fm.push(`title: ${q(p.title)}`, `country: ${c.code}`);
  if (r.chance(0.5)) fm.push(`themes: ${flowList(p.themes)}`, `agencies: ${flowList(agencies)}`);
  else fm.push('themes:', ...p.themes.map((t) => `  - ${t}`), 'agencies:', ...agencies.map((a) => `  - ${a}`));
  fm.push(r.chance(0.5) ? folded('summary', summary) : `summary: ${q(summary)}`);
  fm.push(r.chance(0.5) ? folded('results', results) : `results: ${q(results)}`);
  fm.push('transferability:', `  level: ${level}`, r.chance(0.5) ? folded('note', note, '  ') : `  note: ${q(note)}`);
  fm.push(`status: ${p.status}`);
  fm.push(`sources: ${flowList([...new Set(cited)])}`);
  if (r.chance(0.03)) fm.push('internal: true');
  fm.push('---');
  return fm.join('\n') + '\n' + blocks.join('\n\n') + '\n';
}

// ---------------------------------------------------------------------------
// Recommendations
// ---------------------------------------------------------------------------

const REC_TITLES = {
  'interagency-cooperation': ['Give each national coordination body a secretariat and a budget', 'Designate national enforcement focal points', 'Adopt written protocols on the division of IP cases', 'Second liaison officers between enforcement agencies', 'Link the national focal points in an ASEAN network'],
  intelligence: ['Keep a shared seizure register in each member state', 'Share risk indicators for high-risk goods', 'Grade and record tip-offs', 'Open a regional channel for requests on supply routes', 'Analyse seizures for repeat suppliers and landlords'],
  enforcement: ['Direct operations at warehouses and importers', 'Allow sampling and early destruction of bulk goods', 'Name a case officer for every seizure', 'Adopt a common planning checklist for operations', 'Follow up repeat offenders'],
  courts: ['Designate judges for IP cases', 'Prepare a bench book on counterfeiting offences', 'Publish summaries of IP judgments', 'Agree evidence guidelines with prosecutors', 'Group simple cases on fixed hearing days'],
  customs: ['Introduce free customs recordation', 'Pair contact points at land border crossings', 'Adopt a simplified procedure for small consignments', 'Apply border measures to goods in transit', 'Train officers at remote border posts'],
  statistics: ['Adopt an ASEAN minimum dataset on enforcement', 'State the valuation basis of every figure', 'Report figures by calendar year', 'Separate IP cases in court statistics', 'Publish a consolidated national report each year'],
  'right-holders': ['Agree a model memorandum with right holders', 'Set response times for right holders', 'Share the costs of storage and destruction', 'Inform right holders of case outcomes', 'Bring domestic right holders into enforcement'],
  'awareness-raising': ['Hold public destruction events', 'Run a joint ASEAN awareness campaign', 'Brief landlords of notorious markets', 'Measure the effect of campaigns', 'Use local languages and radio'],
  'sme-gi-support': ['Open an IP contact point for SMEs', 'Support control bodies of GI producers', 'Waive first-case costs for small firms', 'Include GI names in customs recordation', 'Help small firms prepare identification material'],
};
const ADDRESSEES = {
  'interagency-cooperation': ['coordination-bodies', 'ip-offices', 'police', 'customs'],
  intelligence: ['police', 'customs', 'ip-offices'],
  enforcement: ['police', 'ministries', 'prosecutors'],
  courts: ['courts', 'prosecutors'],
  customs: ['customs', 'right-holders'],
  statistics: ['ip-offices', 'coordination-bodies', 'courts'],
  'right-holders': ['right-holders', 'ip-offices', 'police'],
  'awareness-raising': ['ip-offices', 'ministries', 'asean-bodies'],
  'sme-gi-support': ['ip-offices', 'customs', 'ministries'],
};

function recommendationFile(rec, plan, seed, width, usedTitles) {
  const r = Rng.of(seed, 'recommendation', rec.number);
  let title = r.pick(REC_TITLES[rec.theme]);
  if (usedTitles.has(title)) {
    const alts = [` for ${r.pick(PRODUCTS)}`, ' in border provinces', ': first phase', ' in the capital cities', ': pilot in two member states', ` by ${2014 + r.int(0, 2)}`];
    let t2 = title + r.pick(alts), guard = 0;
    while (usedTitles.has(t2) && guard++ < 20) t2 = title + r.pick(alts) + (guard > 5 ? ` (${rec.number})` : '');
    title = t2;
  }
  usedTitles.add(title);
  const id = `r${String(rec.number).padStart(width, '0')}-${trimSlug(slugify(title), 60)}`;
  const scope = r.chance(0.55) ? 'regional' : 'national';
  const themes = [rec.theme, ...r.sample(THEMES.map((t) => t.id).filter((t) => t !== rec.theme), r.int(0, 1))];
  const countries = scope === 'national' && r.chance(0.6) ? r.sample(COUNTRIES, r.int(2, 6)).map((c) => c.code).sort() : null;
  const fm = ['---', `number: ${rec.number}`, `title: ${q(title)}`, 'meeting: kuala-lumpur-2014', `themes: ${flowList(themes)}`, `scope: ${scope}`];
  if (countries) fm.push(`countries: ${flowList(countries)}`);
  fm.push(`addressees: ${flowList(r.sample(ADDRESSEES[rec.theme], r.int(1, ADDRESSEES[rec.theme].length)))}`);
  if (rec.builds.length > 6 || r.chance(0.5)) fm.push('builds_on:', ...rec.builds.map((p) => `  - ${p.id}`));
  else fm.push(`builds_on: ${flowList(rec.builds.map((p) => p.id))}`);
  if (r.chance(0.04)) fm.push('internal: true');
  fm.push('---');
  const c = rec.builds.length ? rec.builds[0].country : r.pick(COUNTRIES);
  const w = new Writer(r, c);
  const topic = THEME_TOPICS[rec.theme][0];
  const body = [];
  const own = r.shuffle(REC_SENTENCES[rec.theme]);
  body.push(`${own[0]} ${own[1]} ${w.sentence(topic)}`);
  const states = [...new Set(rec.builds.map((p) => p.country.inText))];
  body.push(`The recommendation draws on ${rec.builds.length} practice${rec.builds.length === 1 ? '' : 's'} documented in ${states.slice(0, 6).join(', ')}${states.length > 6 ? ' and other member states' : ''}. ${w.paragraph('results', 2, 3)}`);
  if (r.chance(0.6)) {
    body.push(`${r.pick(['In particular:', 'The first steps are:', 'To that end:'])}\n\n` + numberedList([own[2], own[3], ...Array.from({ length: r.int(1, 3) }, () => w.sentence('transfer'))]));
  }
  if (r.chance(0.3)) body.push(`> ${w.sentence('transfer')}`);
  return { id, text: fm.join('\n') + '\n' + body.join('\n\n') + '\n' };
}

// ---------------------------------------------------------------------------
// Meeting
// ---------------------------------------------------------------------------

function meetingFile(plan, seed) {
  const r = Rng.of(seed, 'meeting');
  const fm = ['---', `title: ${q('Regional Consultation on IPR Enforcement Best Practices')}`, 'dates:', '  start: 2014-01-21', '  end: 2014-01-23',
    'venue:', `  name: ${q('Hotel conference centre, Jalan Sultan Ismail')}`, '  city: Kuala Lumpur', '  country: MY',
    'conducted_by:', `  - ${q('The European IPR enforcement expert who carried out the missions')}`, `  - ${q('An expert of OHIM')}`, 'attendance:'];
  const roleOf = (a) => (a.kind === 'ip-office' ? 'ip-office' : a.kind === 'court' ? 'court' : 'enforcement');
  for (const c of COUNTRIES.slice().sort((a, b) => (a.code < b.code ? -1 : 1))) {
    fm.push(`  - country: ${c.code}`, '    delegates:');
    const ids = [c.ipo, ...r.sample(c.agencies.map((a) => a.id).filter((id) => id !== c.ipo), r.int(1, 3))];
    for (const id of ids) {
      const a = c.byId[id];
      fm.push(`      - role: ${roleOf(a)}`, `        organisation: ${q(a.name + (a.parent && !a.name.includes(a.parent) ? `, ${a.parent}` : ''))}`);
      if (r.chance(0.85)) fm.push(`        agency: ${id}`);
    }
  }
  fm.push('sources: [ecap3-regional-consultation-2014, ecap3-activity-terms-of-reference]', '---');
  const w = new Writer(r, BY_CODE.MY);
  const body = [];
  body.push('## Opening');
  body.push(`The Regional Consultation on IPR Enforcement Best Practices met in Kuala Lumpur from 21 to 23 January 2014, after the missions to all eleven member states between August and November 2013. Each delegation included an official of the IP office and officials of the police, customs, trade-ministry enforcement units or the courts. ${w.paragraph('coordination', 2, 3)}`);
  body.push('## Sessions');
  const sessions = THEMES.map((t, i) => [`Day ${1 + Math.floor(i / 3)}`, t.title, `${plan.practices.filter((p) => p.theme === t.id).length}`, `${plan.recs.filter((x) => x.theme === t.id).length}`]);
  body.push(table(['Day', 'Session', 'Practices presented in the report', 'Recommendations adopted'], sessions, ['---', '---', '---:', '---:']));
  for (const t of r.sample(THEMES, 3)) {
    body.push(`### ${t.title}`);
    body.push(w.paragraph(THEME_TOPICS[t.id][0], 3, 5));
  }
  body.push('## Outcome');
  body.push(`The meeting adopted ${plan.recs.length} recommendations, some for action at ASEAN level and some for the national agencies concerned. ${w.paragraph('transfer', 2, 3)}`);
  body.push(bulletList([
    'Present the recommendations to the ASEAN Working Group on IP Cooperation.',
    'Designate a national enforcement focal point in each member state within six months.',
    ['Finalise the comprehensive report with the comments made at the meeting:', ['corrections to the country chapters;', 'the figures for 2013, once complete;', 'translations of the summaries into the national languages — *ภาษาไทย*, *tiếng Việt*, *ភាសាខ្មែរ*, *ພາສາລາວ*.']],
  ]));
  return fm.join('\n') + '\n' + body.join('\n\n') + '\n';
}

// ---------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------

const MEASURES_BY_KIND = {
  police: [['raids', 'operations', 20, 900], ['arrests', 'persons', 10, 700], ['cases-filed', 'cases', 10, 800], ['items-seized', 'pieces', 5000, 3000000]],
  customs: [['seizures', 'shipments', 10, 900], ['items-seized', 'pieces', 10000, 5000000], ['items-seized', 'cartons', 50, 20000], ['value-seized', null, 0, 0]],
  regulator: [['inspections', 'premises', 50, 5000], ['raids', 'operations', 10, 400], ['items-seized', 'items', 1000, 900000], ['value-seized', null, 0, 0]],
  ministry: [['inspections', 'premises', 50, 5000], ['items-seized', 'items', 1000, 900000], ['value-seized', null, 0, 0]],
  court: [['cases-decided', 'cases', 5, 600], ['convictions', 'persons', 2, 400]],
  prosecution: [['cases-filed', 'cases', 5, 700]],
  other: [['inspections', 'shipments', 20, 2000]],
  'coordination-body': [],
  'ip-office': [['cases-filed', 'cases', 5, 300]],
};
const VALUE_SCALE = { BND: 1e5, KHR: 1e9, IDR: 1e10, LAK: 1e9, MYR: 1e6, MMK: 1e9, PHP: 1e7, SGD: 1e5, THB: 1e7, VND: 1e10, USD: 1e4 };

function statisticsFile(c, plan, seed) {
  const r = Rng.of(seed, 'statistics', c.code);
  const yearsBack = Math.min(9, 3 + Math.floor(plan.N / 1500));
  const years = [];
  for (let y = 2013 - yearsBack; y <= 2012; y++) years.push(y);
  const lines = [`# ${c.name}: enforcement figures compiled for the mission (synthetic, for benchmarking ecap).`, '# Counts and values are never mixed: each figure states its unit, or its currency and basis.', `country: ${c.code}`, 'figures:'];
  const reporting = c.agencies.filter((a) => (MEASURES_BY_KIND[a.kind] || []).length);
  const fig = (o) => {
    lines.push(`  - year: ${o.year}`);
    if (o.period) lines.push(`    period: ${o.period}`);
    if (o.agency) lines.push(`    agency: ${o.agency}`);
    lines.push(`    measure: ${o.measure}`, `    value: ${o.value}`);
    if (o.unit) lines.push(`    unit: ${o.unit}`);
    if (o.currency) lines.push(`    currency: ${o.currency}`, `    basis: ${o.basis}`);
    if (o.note) lines.push(`    note: ${q(o.note)}`);
    lines.push(`    source: ${o.source}`);
    if (o.internal) lines.push('    internal: true');
  };
  const src = `${c.lower}-ecap-figures-2013`;
  for (const a of reporting) {
    const measures = r.sample(MEASURES_BY_KIND[a.kind], r.int(1, MEASURES_BY_KIND[a.kind].length));
    const basis = r.pick(['retail-genuine', 'declared', 'estimated-damage', 'street', 'unspecified']);
    for (const [measure, unit, lo, hi] of measures) {
      let v = measure === 'value-seized' ? VALUE_SCALE[c.currency] * r.int(2, 90) : r.int(lo, hi);
      for (const y of years) {
        v = Math.max(0, Math.round(v * (0.8 + r.next() * 0.55)));
        const o = { year: y, agency: a.id, measure, value: v, source: y >= 2010 && y <= 2012 && r.chance(0.4) ? `${c.lower}-enforcement-report-${y}` : src };
        if (unit) o.unit = unit; else { o.currency = c.currency; o.basis = basis; }
        if (r.chance(0.15)) o.period = r.chance(0.6) ? 'calendar-year' : 'fiscal-year';
        if (o.period === 'fiscal-year') o.note = 'Fiscal year, as the agency reports it; not comparable with calendar years.';
        else if (r.chance(0.2)) o.note = r.pick([`Reported by ${shortName(a)} to the mission.`, 'Joint operations counted once, under the lead agency.', 'Includes figures from the provincial offices.', `“${r.pick(['Approximately', 'At least', 'Provisional figure:'])} ${fmtInt(v)}”, in the agency's own words.`]);
        if (r.chance(0.03)) o.internal = true;
        fig(o);
      }
      if (r.chance(0.6)) {
        const mth = r.int(5, 10);
        const o = { year: 2013, period: 'part-year', agency: a.id, measure, value: Math.round(v * mth / 12 * (0.8 + r.next() * 0.4)), note: `January to ${MONTHS[mth - 1]} 2013.`, source: src };
        if (unit) o.unit = unit; else { o.currency = c.currency; o.basis = basis; }
        fig(o);
      }
    }
  }
  // National totals, without an agency.
  for (const y of years.slice(-3)) fig({ year: y, measure: 'raids', value: r.int(40, 2500), unit: 'operations', note: 'National total compiled by the IP office; joint operations counted once.', source: src });
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

const COLLECTIONS = ['themes', 'missions', 'practices', 'meetings', 'recommendations', 'statistics'];

function prepareOut(dir, force) {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) fail(`--out ${dir} exists and is not a folder`);
    const entries = readdirSync(dir);
    if (entries.length) {
      if (!force) fail(`--out ${dir} is not empty (add --force to replace a corpus written there before)`);
      const ours = new Set([...COLLECTIONS, 'activity.yaml', 'sources.yaml']);
      const foreign = entries.filter((e) => !ours.has(e));
      if (foreign.length) fail(`--out ${dir} holds files this script did not write (${foreign.slice(0, 3).join(', ')}); refusing to touch it`);
      for (const e of entries) rmSync(join(dir, e), { recursive: true, force: true });
    }
  }
  mkdirSync(dir, { recursive: true });
  for (const col of COLLECTIONS) mkdirSync(join(dir, col), { recursive: true });
}

function main() {
  const opts = parseCommandLine();
  const out = resolve(opts.out);
  prepareOut(out, opts.force);
  const seed = opts.seed;
  const plan = planCorpus(opts.records, seed);
  const sources = buildSources(opts.records, seed);
  let files = 0, bytes = 0, practiceBytes = 0;
  const write = (rel, text) => {
    const buf = Buffer.from(text, 'utf8');
    writeFileSync(join(out, rel), buf);
    files++; bytes += buf.length;
    return buf.length;
  };
  write('activity.yaml', activityYaml(Rng.of(seed, 'activity')));
  write('sources.yaml', sourcesYaml(sources.all));
  for (const t of THEMES) write(`themes/${t.id}.md`, themeFile(t, seed));
  for (const c of COUNTRIES) write(`missions/${c.lower}.md`, missionFile(c, plan, sources, seed));
  for (const p of plan.practices) practiceBytes += write(`practices/${p.id}.md`, practiceFile(p, plan, sources, seed));
  const width = Math.max(2, String(plan.recs.length).length);
  const usedTitles = new Set();
  for (const rec of plan.recs) {
    const { id, text } = recommendationFile(rec, plan, seed, width, usedTitles);
    write(`recommendations/${id}.md`, text);
  }
  write('meetings/kuala-lumpur-2014.md', meetingFile(plan, seed));
  for (const c of COUNTRIES) write(`statistics/${c.lower}.yaml`, statisticsFile(c, plan, seed));
  const referenced = plan.practices.filter((p) => p.referenced).length;
  process.stdout.write(
    `other-corpus: wrote ${files} files (${(bytes / 1048576).toFixed(1)} MB) to ${out}\n` +
    `  records: ${files} = 2 (activity, sources) + ${THEMES.length} themes + ${COUNTRIES.length} missions + ${plan.practices.length} practices + ` +
    `${plan.recs.length} recommendations + 1 meeting + ${COUNTRIES.length} statistics\n` +
    `  practices: ${Math.round(practiceBytes / plan.practices.length)} bytes on average; ${referenced} built on by a recommendation\n` +
    `  sources: ${sources.all.length}; seed ${seed}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`other-corpus: internal error: ${err && err.message ? err.message : err}\n`);
  if (process.env.ECAP_DEBUG) process.stderr.write(String(err.stack) + '\n');
  process.exit(1);
}
