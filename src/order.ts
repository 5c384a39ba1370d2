/** Code-point order: the same on every machine, whatever its locale, so output is deterministic. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
