import type { Diagnostic } from './diagnostic.js';

/**
 * The lines of the content that diagnostics point at, by file and line number (from 1), without
 * their line endings: all a code frame shows. A build keeps these instead of every file's text,
 * which at 10,000 records is 190 MB.
 */
export type Excerpts = ReadonlyMap<string, ReadonlyMap<number, string>>;

/** Each diagnostic's line and the one above it, from the texts of the files they point at. */
export function excerpts(diagnostics: readonly Diagnostic[], files: Iterable<{ path: string; text: string }>): Excerpts {
  const wanted = new Map<string, Set<number>>();
  for (const d of diagnostics) {
    const lines = wanted.get(d.file) ?? new Set<number>();
    wanted.set(d.file, lines.add(d.line - 1).add(d.line));
  }
  const out = new Map<string, Map<number, string>>();
  for (const { path, text } of files) {
    const lines = wanted.get(path);
    if (lines) out.set(path, linesOf(text, lines));
  }
  return out;
}

/**
 * The `wanted` lines that exist, found without splitting the whole text: a long note can have
 * hundreds of diagnostics.
 */
function linesOf(text: string, wanted: ReadonlySet<number>): Map<number, string> {
  let last = 0;
  for (const n of wanted) last = Math.max(last, n);
  const out = new Map<number, string>();
  let start = 0;
  for (let n = 1; n <= last; n++) {
    const end = text.indexOf('\n', start);
    // Copied, not sliced: a slice would keep the whole text alive.
    if (wanted.has(n)) out.set(n, [...text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '')].join(''));
    if (end < 0) break;
    start = end + 1;
  }
  return out;
}
