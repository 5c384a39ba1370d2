import type { BigIntStats } from 'node:fs';
import path from 'node:path';
import type { StageResult } from '../diagnostics/diagnostic.js';
import { compareText } from '../order.js';
import { hash, type Cache } from './cache.js';
import { load, withoutText, type HashedFile } from './load.js';

// A build recalls what it kept of a content file unchanged since the last build (its hash)
// instead of reading and hashing it again: at 1,000 notes, that was a fifth of a warm build.
// A file is known unchanged by its signature, its metadata; the bytes the check and the pages
// are made from are the hash's, and a file read again must still have it (readAgain).

/** What the last build could recall of a content folder's files, by path as shown. */
interface Recalled {
  /** ecap's code, and the working folder the paths are relative to. */
  code: string;
  cwd: string;
  files: Map<string, { signature: string; kept: HashedFile }>;
}

/** Two seconds, in nanoseconds: the coarsest clock a file system keeps times by (FAT's). */
const settling = 2_000_000_000n;

/**
 * A file's device, inode and size, and the times it was last changed and modified, to the
 * nanosecond. Writing a file sets both times to the file system's clock, and only the clock
 * sets the change time. None when the file system keeps no change time: such a file is
 * always read.
 */
function signatureOf(stats: BigIntStats): string | undefined {
  return stats.ctimeNs === 0n ? undefined : `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

/** One entry per content folder: a build of another folder leaves it be. */
const entryKey = (contentDir: string, cwd: string) => hash('last', 'recalled', path.resolve(cwd, contentDir));

/**
 * load, for a build: each file whose signature is the one the last build recorded is
 * recalled, the others read. A file read is recorded only once neither of its times is
 * within two seconds of the clock (nor ahead of it): a file written twice within one tick of
 * its file system's clock can keep its signature, and the tick is two seconds on FAT. This
 * trusts the file system's times and the clock to agree; `--no-cache` trusts nothing.
 */
export async function loadRecalling(contentDir: string, cwd: string, cache: Cache | undefined, code: Promise<string>): Promise<StageResult<HashedFile[]>> {
  if (!cache) return load(contentDir, cwd, withoutText);
  const key = entryKey(contentDir, cwd);
  const [entry, ours] = await Promise.all([cache.get<Recalled>('last', key), code]);
  const last = entry?.code === ours && entry.cwd === cwd ? entry.files : new Map<string, never>();
  const now = BigInt(Date.now()) * 1_000_000n;
  const files: Recalled['files'] = new Map();
  // The signatures of the files about to be read that a later build may recall.
  const settled = new Map<string, string>();
  // The digests the last build read the files changed since by: their checks then, whose
  // unchanged sections a check now can take (see sections.ts).
  const changed = new Map<string, string>();
  const loaded = await load(contentDir, cwd, withoutText, {
    known(shown, stats) {
      const signature = signatureOf(stats);
      if (!signature) return undefined;
      const was = last.get(shown);
      if (was?.signature === signature) {
        files.set(shown, was);
        return was.kept;
      }
      if (was) changed.set(shown, was.kept.digest);
      if (now - stats.ctimeNs > settling && now - stats.mtimeNs > settling) settled.set(shown, signature);
      return undefined;
    },
    read(shown, kept) {
      const signature = settled.get(shown);
      if (signature) files.set(shown, { signature, kept });
    },
  });
  // Written again only when it gains a file. A file gone, or changed too lately to record,
  // leaves a record no later build matches.
  if (settled.size > 0) await cache.set('last', key, { code: ours, cwd, files: new Map([...files].sort(([a], [b]) => compareText(a, b))) } satisfies Recalled);
  if (changed.size === 0) return loaded;
  const value = loaded.value.map((file) => {
    const earlier = changed.get(file.path);
    return earlier && earlier !== file.digest ? { ...file, earlier } : file;
  });
  return { ...loaded, value };
}

/**
 * Forgets what a build could recall of a content folder: a file read again without the hash
 * it was recalled by means its signature did not tell (a network mount's cached metadata, a
 * clock set back), and a build told to build again must then read every file. False when the
 * cache could not take it (see Cache.setEncoded).
 */
export function forgetRecalled(contentDir: string, cwd: string, cache: Cache): Promise<boolean> {
  return cache.set('last', entryKey(contentDir, cwd), { code: '', cwd: '', files: new Map() } satisfies Recalled);
}
