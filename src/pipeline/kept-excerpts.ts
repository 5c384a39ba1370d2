import assert from 'node:assert/strict';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticsByFile, excerptOf, type Excerpts } from '../diagnostics/excerpts.js';
import { UsageError } from '../errors.js';
import { hash, type Cache } from './cache.js';
import { concurrently } from './concurrently.js';
import { textOf, type HashedFile, type SourceFile } from './load.js';

/** The excerpts of the last build, in one cache entry: by excerpt key (see excerptKey). */
type LastExcerpts = Map<string, ReadonlyMap<number, string>>;

const lastKey = hash('last', 'excerpts');

/** Equal keys, equal excerpts: the file's key (its text, ecap's code) and the lines wanted. */
function excerptKey(fileKey: string, diagnostics: readonly Diagnostic[]): string {
  const lines = [...new Set(diagnostics.map((d) => d.line))].sort((a, b) => a - b);
  return hash(fileKey, lines.join(','));
}

/**
 * The excerpts diagnostics need, by file. A file whose text is not kept is read again, 32 at a
 * time, and let go once its lines are cut out, unless the last build kept the same excerpt
 * (the same lines of the same text): a warm build of 1,000 records told 759 infos, and
 * reading their files again took a fifth of it. A file read again that changed since it was
 * checked, or can no longer be read, gets no excerpt: its diagnostics are still told, without
 * a code frame. `keys`: each file's key, as the check made it.
 */
export async function excerptsOf(diagnostics: readonly Diagnostic[], files: ReadonlyArray<HashedFile | SourceFile>, keys: readonly string[], cwd: string, cache: Cache | undefined): Promise<Excerpts> {
  assert.equal(keys.length, files.length);
  const byFile = diagnosticsByFile(diagnostics);
  const wanted = files.flatMap((file, i) => {
    const pointing = byFile.get(file.path);
    return pointing ? [{ file, pointing, key: excerptKey(keys[i]!, pointing) }] : [];
  });
  const textless = cache && wanted.some(({ file }) => !('text' in file));
  const last = (textless && (await cache.get<LastExcerpts>('last', lastKey))) || new Map<string, ReadonlyMap<number, string>>();
  const found: Array<ReadonlyMap<number, string> | undefined> = [];
  let read = 0;
  await concurrently([...wanted.entries()], async ([i, { file, pointing, key }]) => {
    if ('text' in file) return void (found[i] = excerptOf(file.text, pointing));
    const kept = last.get(key);
    if (kept) return void (found[i] = kept);
    const source = await textOf(file, cwd).catch((error: unknown) => {
      if (error instanceof UsageError) return undefined;
      throw error;
    });
    if (source) (found[i] = excerptOf(source.text, pointing)), read++;
  });
  // Rewritten with this build's excerpts only when some were read: what it no longer needs goes then.
  if (textless && read > 0) await cache.set('last', lastKey, new Map(wanted.flatMap(({ key }, i) => (found[i] ? [[key, found[i]] as const] : []))));
  return new Map(wanted.flatMap(({ file }, i) => (found[i] ? [[file.path, found[i]] as const] : [])));
}
