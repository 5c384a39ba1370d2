import { distance } from 'fastest-levenshtein';
import { compareText } from '../order.js';

/** The candidate closest to `value` when it is near enough to be a slip of the keyboard. */
export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  return nearest(value, candidates, 1)[0];
}

/** Up to `count` candidates near `value`, closest first (ties in code-point order). */
export function nearest(value: string, candidates: readonly string[], count = 3): string[] {
  // Two edits turn any two-letter code into any other: short values allow one.
  const limit = value.length <= 3 ? 1 : Math.max(2, Math.floor(value.length / 3));
  const lower = value.toLowerCase();
  return candidates
    .map((c) => ({ c, d: Math.min(distance(lower, c.toLowerCase()), swapped(lower, c.toLowerCase()) ? 1 : Infinity, c.toLowerCase().includes(lower) && lower.length >= 3 ? 1 : Infinity) }))
    .filter(({ d }) => d <= limit)
    .sort((a, b) => a.d - b.d || compareText(a.c, b.c))
    .slice(0, count)
    .map(({ c }) => c);
}

/** `a`, `b` or `c`: a list of code-formatted values for a message. */
export function listOf(values: readonly string[], conjunction = 'or'): string {
  const quoted = values.map((v) => `\`${v}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1)}`;
}

/** Two neighbouring letters typed the wrong way round (`dpi` for `dip`) count as one slip. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}
