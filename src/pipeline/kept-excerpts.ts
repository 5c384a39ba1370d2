import assert from 'node:assert/strict';
import { foldInfos, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticsByFile, excerptOf, excerpts, type Excerpts } from '../diagnostics/excerpts.js';
import { UsageError } from '../errors.js';
import { hash, type Cache } from './cache.js';
import { concurrently } from './concurrently.js';
import { readAgain, type HashedFile, type SourceFile } from './load.js';

/** The excerpts of the last build, in one cache entry: by excerpt key (see excerptKey). */
type LastExcerpts = Map<string, ReadonlyMap<number, string>>;

const lastKey = hash('last', 'excerpts');

/** Equal keys, equal excerpts: the file's key (its text, ecap's code) and the lines wanted. */
function excerptKey(fileKey: string, diagnostics: readonly Diagnostic[]): string {
  const lines = [...new Set(diagnostics.map((d) => d.line))].sort((a, b) => a - b);
  return hash(fileKey, lines.join(','));
}

/**
 * The excerpts the diagnostics shown in full need (see foldInfos), by file: from the texts
 * when the files hold them (a check), else from the files read again, 32 at a time, each let
 * go once its lines are cut out, but where the last build kept the same excerpt (the same
 * lines of the same text): a warm build of 1,000 records told 759 infos, and reading their
 * files again took a fifth of it. A file
 * read again that changed since it was checked, or can no longer be read, gets no excerpt:
 * its diagnostics are still told, without a code frame. `keys`: each file's key, as the check
 * made it.
 */
export async function excerptsOf(diagnostics: readonly Diagnostic[], files: readonly HashedFile[], keys: readonly string[], cwd: string, cache: Cache | undefined): Promise<Excerpts> {
  assert.equal(keys.length, files.length);
  const { shown } = foldInfos(diagnostics);
  if (files.every(hasText)) return excerpts(shown, files);
  const byFile = diagnosticsByFile(shown);
  const wanted = files.flatMap((file, i) => {
    const pointing = byFile.get(file.path);
    return pointing ? [{ file, pointing, key: excerptKey(keys[i]!, pointing) }] : [];
  });
  const last = (await cache?.get<LastExcerpts>('last', lastKey)) ?? new Map<string, ReadonlyMap<number, string>>();
  const found: Array<ReadonlyMap<number, string> | undefined> = [];
  let read = 0;
  await concurrently([...wanted.entries()], async ([i, { file, pointing, key }]) => {
    const kept = last.get(key);
    if (kept) return void (found[i] = kept);
    const source = await readAgain(file, cwd).catch((error: unknown) => {
      if (error instanceof UsageError) return undefined;
      throw error;
    });
    if (source) (found[i] = excerptOf(source.text, pointing)), read++;
  });
  // Rewritten with this build's excerpts only when some were read: what it no longer needs goes then.
  if (cache && read > 0) await cache.set('last', lastKey, new Map(wanted.flatMap(({ key }, i) => (found[i] ? [[key, found[i]] as const] : []))));
  return new Map(wanted.flatMap(({ file }, i) => (found[i] ? [[file.path, found[i]] as const] : [])));
}

function hasText(file: HashedFile): file is HashedFile & SourceFile {
  return 'text' in file;
}
