/** Text formatting that does not depend on the machine's locale, so output is byte-identical everywhere. */

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(iso: string): [number, string, string] {
  const [year, month, day] = iso.split('-');
  return [Number(day), months[Number(month) - 1]!, year!];
}

/** `2013-08-05` → `5 August 2013`; `2013-10` → `October 2013`; `2013` → `2013`. */
export function formatDate(iso: string): string {
  const pieces = iso.split('-');
  if (pieces.length === 1) return iso;
  if (pieces.length === 2) return `${months[Number(pieces[1]) - 1]} ${pieces[0]}`;
  const [d, m, y] = parts(iso);
  return `${d} ${m} ${y}`;
}

/** `5–9 August 2013`, `28 October – 1 November 2013`, or one date when start equals end. */
export function formatRange(start: string, end: string): string {
  if (start === end) return formatDate(start);
  const [d1, m1, y1] = parts(start);
  const [d2, m2, y2] = parts(end);
  if (y1 !== y2) return `${formatDate(start)} – ${formatDate(end)}`;
  if (m1 !== m2) return `${d1} ${m1} – ${d2} ${m2} ${y2}`;
  return `${d1}–${d2} ${m2} ${y2}`;
}

/** `3300000` → `3,300,000`; decimals kept as written. */
export function formatNumber(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** `ip-office` → `IP office`: enum values as words for readers. */
export function words(value: string): string {
  const special: Record<string, string> = { 'ip-office': 'IP office', 'ip-offices': 'IP offices', 'sme-gi-support': 'SME and GI support', 'asean-bodies': 'ASEAN bodies' };
  return special[value] ?? value.replaceAll('-', ' ');
}

/** Upper-cases the first letter. */
export function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** `1 meeting`, `3 meetings`. */
export function count(n: number, singular: string, plural = `${singular}s`, spell = false): string {
  return `${spell ? inWords(n) : n} ${n === 1 ? singular : plural}`;
}

const small = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Numbers up to ten in words, as prose spells them: `eight member states`. */
export function inWords(n: number): string {
  return small[n] ?? String(n);
}

/** Lower-cases the first letter: `Guidelines` → `guidelines`. */
export function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}
