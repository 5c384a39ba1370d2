#!/usr/bin/env node
// Writes a deterministic content folder of N valid records shaped like the real ones, for
// the benchmark: `node bench/generate.mjs --records 1000 --out /tmp/corpus [--seed 1]`.
// Same seed and N, same bytes: a small PRNG (mulberry32) stands in for Math.random.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { countOf, isMain, optionsOf, refuseFull, usageError } from './args.mjs';

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = ('enforcement agency customs police court prosecutor right holder counterfeit goods seizure raid ' +
  'border measure trade mark copyright warehouse market inspection complaint referral intelligence database ' +
  'training officer magistrate penalty destruction ceremony awareness campaign school consumer producer ' +
  'geographical indication cooperative exporter importer shipment container port airport checkpoint hotline ' +
  'statistics register coordination committee memorandum secretariat ministry office director budget staff').split(' ');
const themes = ['interagency-cooperation', 'intelligence', 'enforcement', 'courts', 'customs', 'statistics', 'right-holders', 'awareness-raising', 'sme-gi-support'];

/** Two-letter codes AA, AB, … : enough synthetic member states for any corpus size. */
function code(i) {
  return String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26));
}

export function generate(records, seed = 1) {
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const sentence = (n = 12 + Math.floor(random() * 14)) => {
    const w = Array.from({ length: n }, () => pick(words));
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return `${w.join(' ')}.`;
  };
  const paragraph = (n = 4 + Math.floor(random() * 4)) => Array.from({ length: n }, () => sentence()).join(' ');
  /** About 2,000 words: sections with paragraphs, lists, a table and links. */
  const body = (sections) =>
    sections
      .map((title) => {
        const parts = [`## ${title}`, '', paragraph(), '', paragraph(), '', `### ${sentence(3).slice(0, -1)}`, '', ...Array.from({ length: 5 }, () => `- ${sentence(8)}`), '', paragraph(), '', `See the [${pick(words)} guide](https://example.org/${pick(words)}/${Math.floor(random() * 1000)}) and ${sentence(10)}`, '', '| Agency | Measure | Note |', '| --- | --- | --- |', ...Array.from({ length: 4 }, () => `| ${pick(words)} | ${Math.floor(random() * 5000)} | ${sentence(5)} |`), '', paragraph(), '', paragraph()];
        return parts.join('\n');
      })
      .join('\n\n');

  const files = new Map();
  const missions = Math.max(1, Math.min(600, Math.round(records * 0.06)));
  const statistics = missions;
  const recommendations = Math.max(1, Math.round(records * 0.06));
  const practices = Math.max(1, records - missions - statistics - recommendations - 1);
  const states = Array.from({ length: missions }, (_, i) => ({ code: code(i), name: `State ${code(i)}` }));

  files.set('activity.yaml', `title: Benchmark activity\nprogramme: { name: BENCH, full_name: Benchmark programme }\nperiod: { start: 2013-01-01, end: 2013-12-31 }\naims: [Document best practices.]\nmember_states:\n${states.map((s) => `  - { code: ${s.code}, name: ${s.name} }`).join('\n')}\n`);
  files.set('sources.yaml', `- id: bench-source\n  title: Benchmark source\n  publisher: ecap\n  date: "2013"\n`);
  themes.forEach((t, i) => files.set(`themes/${t}.md`, `---\ntitle: ${t.replaceAll('-', ' ')}\nsummary: ${sentence(8)}\norder: ${i + 1}\n---\n${paragraph()}\n\n${paragraph()}\n`));
  for (const s of states) {
    const agencies = ['ipo', 'customs', 'police', 'court'];
    files.set(
      `missions/${s.code.toLowerCase()}.md`,
      `---\ncountry: ${s.code}\nstatus: final\ndates: { start: 2013-08-05, end: 2013-08-09 }\nexpert: The expert\ncoordinator: { name: National coordinator, agency: ipo }\nagencies:\n${agencies.map((a) => `  - { id: ${a}, name: ${a} of ${s.name}, kind: ${a === 'ipo' ? 'ip-office' : a} }`).join('\n')}\nmeetings:\n  - { date: 2013-08-06, agencies: [ipo, customs], themes: [${pick(themes)}] }\n  - { date: 2013-08-07, agencies: [police, court], themes: [${pick(themes)}] }\nsources: [bench-source]\n---\n${paragraph()}\n\n${body(['(a) Current situation, needs and expectations', '(b) Best practices observed', '(c) Suggestions for guidelines and materials', '(d) Suggestions for interagency coordination'])}\n`,
    );
    files.set(
      `statistics/${s.code.toLowerCase()}.yaml`,
      `country: ${s.code}\nfigures:\n${[2011, 2012].flatMap((y) => [`  - { year: ${y}, agency: customs, measure: items-seized, value: ${Math.floor(random() * 1e6)}, unit: pieces, source: bench-source }`, `  - { year: ${y}, agency: police, measure: raids, value: ${Math.floor(random() * 500)}, unit: operations, source: bench-source }`]).join('\n')}\n`,
    );
  }
  const practiceIds = [];
  for (let i = 0; i < practices; i++) {
    const s = states[i % states.length];
    const id = `${s.code.toLowerCase()}-practice-${String(i).padStart(5, '0')}`;
    practiceIds.push(id);
    files.set(
      `practices/${id}.md`,
      `---\ntitle: Practice ${i} on ${pick(words)} ${pick(words)}\ncountry: ${s.code}\nthemes: [${themes[i % themes.length]}, ${themes[(i + 1 + Math.floor(random() * (themes.length - 1))) % themes.length]}]\nagencies: [ipo, customs]\nsummary: ${sentence()}\nresults: ${sentence()}\ntransferability: { level: ${pick(['high', 'medium', 'low'])}, note: ${sentence(6)} }\nstatus: observed\nsources: [bench-source]\n---\n${body(['How it works', 'Results', 'Conditions for transfer', 'Lessons'])}\n`,
    );
  }
  files.set('meetings/consultation.md', `---\ntitle: Consultation meeting\ndates: { start: 2013-11-25, end: 2013-11-27 }\nvenue: { city: Manila, country: ${states[0].code} }\nattendance:\n  - { country: ${states[0].code}, delegates: [{ role: ip-office, organisation: IP office }] }\n---\n${paragraph()}\n`);
  for (let i = 0; i < recommendations; i++) {
    files.set(
      `recommendations/r${String(i + 1).padStart(5, '0')}-recommendation.md`,
      `---\nnumber: ${i + 1}\ntitle: Recommendation ${i + 1}\nmeeting: consultation\nthemes: [${themes[i % themes.length]}]\nscope: regional\nbuilds_on: [${practiceIds[(i * 7) % practiceIds.length]}]\n---\n${paragraph()}\n\n${paragraph()}\n`,
    );
  }
  return files;
}

/** Writes the corpus under `out` (replacing it), returning the number of records. */
export async function writeCorpus(out, records, seed = 1) {
  await rm(out, { recursive: true, force: true });
  const files = generate(records, seed);
  for (const [name, text] of files) {
    await mkdir(path.dirname(path.join(out, name)), { recursive: true });
    await writeFile(path.join(out, name), text);
  }
  return files.size;
}

if (isMain(import.meta.url)) {
  const usage = 'node bench/generate.mjs [--records N] --out DIR [--seed S]';
  const values = optionsOf(usage, { records: { type: 'string', default: '100' }, out: { type: 'string' }, seed: { type: 'string', default: '1' } });
  if (!values.out) usageError(usage, '--out is required');
  const [records, seed] = [countOf(usage, 'records', values.records), countOf(usage, 'seed', values.seed, 0)];
  // writeCorpus empties its folder first: from the command line, only a new or empty one.
  refuseFull(usage, 'out', values.out);
  const n = await writeCorpus(values.out, records, seed);
  console.error(`wrote ${n} files to ${values.out}`);
}
