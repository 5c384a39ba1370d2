import type { Diagnostic } from './diagnostic.js';

/**
 * The lines of the content that diagnostics point at, by file and line number (from 1), without
 * their line endings: all a code frame shows. A build keeps these instead of every file's text,
 * which at 10,000 records is 190 MB.
 */
export type Excerpts = ReadonlyMap<string, ReadonlyMap<number, string>>;

/** Each diagnostic's line and the one above it, from the texts of the files they point at. */
export function excerpts(diagnostics: readonly Diagnostic[], files: Iterable<{ path: string; text: string }>): Excerpts {
  const byFile = diagnosticsByFile(diagnostics);
  const out = new Map<string, ReadonlyMap<number, string>>();
  for (const { path, text } of files) {
    const pointing = byFile.get(path);
    if (pointing) out.set(path, excerptOf(text, pointing));
  }
  return out;
}

/** The diagnostics pointing at each file, by path. */
export function diagnosticsByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  return byFile;
}

/**
 * The line of each of one file's diagnostics and the one above it, those that exist, found
 * without splitting the whole text: a long note can have hundreds of diagnostics.
 */
export function excerptOf(text: string, diagnostics: readonly Diagnostic[]): ReadonlyMap<number, string> {
  const wanted = new Set<number>();
  for (const d of diagnostics) wanted.add(d.line - 1).add(d.line);
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
