import type { Fix } from '../diagnostics/diagnostic.js';

/**
 * Applies non-overlapping fixes to a text, touching nothing else: every other byte of the
 * file stays as it was. Of two overlapping fixes the first (by position) wins.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[] } {
  const sorted = [...fixes].sort((a, b) => a.offset - b.offset || a.endOffset - b.endOffset);
  const applied: Fix[] = [];
  let out = '';
  let at = 0;
  for (const fix of sorted) {
    if (fix.offset < at || fix.endOffset > text.length) continue;
    out += text.slice(at, fix.offset) + fix.text;
    at = fix.endOffset;
    applied.push(fix);
  }
  return { text: out + text.slice(at), applied };
}
