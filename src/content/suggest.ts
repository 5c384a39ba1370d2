import { distance } from 'fastest-levenshtein';

/** The candidate closest to `value` when it is near enough to be a slip of the keyboard. */
export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  return nearest(value, candidates, 1)[0];
}

/** Up to `count` candidates near `value`, closest first (ties in code-point order). */
export function nearest(value: string, candidates: readonly string[], count = 3): string[] {
  const limit = Math.max(2, Math.floor(value.length / 3));
  const lower = value.toLowerCase();
  return candidates
    .map((c) => ({ c, d: Math.min(distance(lower, c.toLowerCase()), c.toLowerCase().includes(lower) && lower.length >= 3 ? 1 : Infinity) }))
    .filter(({ d }) => d <= limit)
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0))
    .slice(0, count)
    .map(({ c }) => c);
}

/** `a`, `b` or `c`: a list of code-formatted values for a message. */
export function listOf(values: readonly string[], conjunction = 'or'): string {
  const quoted = values.map((v) => `\`${v}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1)}`;
}
