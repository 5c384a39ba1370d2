import type { Stats } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { isCacheFile, layoutKind, refusesWrites } from './cache.js';

/** Entries, and their bytes, that a prune removed (or would remove), kept, and could not remove. */
export interface Pruned {
  /** False when there is no cache folder at all. */
  found: boolean;
  /** The time the age was counted back from: the last build that laid out the reports, if before now. */
  since: number;
  removed: Tally;
  kept: Tally;
  /** Unused entries that ecap may not remove (another user's, or on a read-only disk), and why (the first error's code). */
  refused: Tally & { code?: string };
}

export interface Tally {
  entries: number;
  bytes: number;
}

// Only files Cache writes are touched (isCacheFile: entries, and those a killed build left half
// written), in the folders of its kinds: a --cache-dir pointed at the wrong folder loses nothing
// of its own.
const kindName = /^[a-z]+$/;

/**
 * Removes the entries of the cache in `dir` that no build or check has written or read for
 * `unusedForMs` (reading one renews its time, see Cache.get) before the last build that laid
 * out the reports. A build that runs meanwhile only finds fewer entries and does their work
 * again: no reader counts on an entry being there but one the build itself stored, which is
 * newer than any age prune accepts unless the build has run for longer. Folders stay, even
 * empty: removed between a build's `mkdir` and its write, one would lose that build an entry
 * it just made.
 */
export async function pruneCache(dir: string, unusedForMs: number, { dryRun = false, now = Date.now() } = {}): Promise<Pruned> {
  const removed: Tally = { entries: 0, bytes: 0 };
  const kept: Tally = { entries: 0, bytes: 0 };
  const refused: Pruned['refused'] = { entries: 0, bytes: 0 };
  const count = (tally: Tally, bytes: number) => {
    tally.entries++;
    tally.bytes += bytes;
  };
  const remove = async ({ file, stats }: { file: string; stats: Stats }) => {
    const error = dryRun ? undefined : await rm(file, { force: true }).then(() => undefined, (e: NodeJS.ErrnoException) => e);
    if (error && !refusesWrites(error)) throw error;
    if (error) refused.code ??= error.code;
    count(error ? refused : removed, stats.size);
  };
  const kinds = await folders(dir, kindName);
  if (!kinds) return { found: false, since: now, removed, kept, refused };
  // Counted from now, days of builds that find their output up to date (they read the check's
  // and the build's records, not the bodies, layouts and pages) would leave the next change to
  // be built almost from scratch.
  const layoutsDir = kinds.find((kind) => path.basename(kind) === layoutKind);
  const layouts = layoutsDir ? await entriesOf(layoutsDir) : [];
  const since = layouts.length > 0 ? Math.min(now, Math.max(...layouts.map(({ stats }) => stats.mtimeMs))) : now;
  const cutoff = since - unusedForMs;
  // One kind at a time: the stats of every entry at once took 24 MB more at 46,000 entries.
  for (const kind of kinds) {
    const unused: Array<{ file: string; stats: Stats }> = [];
    for (const entry of kind === layoutsDir ? layouts : await entriesOf(kind)) {
      if (entry.stats.mtimeMs < cutoff) unused.push(entry);
      else count(kept, entry.stats.size);
    }
    await Promise.all(unused.map(remove));
  }
  return { found: true, since, removed, kept, refused };
}

/** The entry files in one kind's folder, with their stats; one gone meanwhile (replaced by a build, or removed by another prune) is left out. */
async function entriesOf(kind: string): Promise<Array<{ file: string; stats: Stats }>> {
  const found: Array<{ file: string; stats: Stats }> = [];
  for (const shard of (await folders(kind)) ?? []) {
    const files = (await readdir(shard).catch(() => [])).filter((name) => isCacheFile(shard, name)).map((name) => path.join(shard, name));
    const stats = await Promise.all(files.map((file) => lstat(file).catch(() => undefined)));
    files.forEach((file, i) => {
      if (stats[i]?.isFile()) found.push({ file, stats: stats[i] });
    });
  }
  return found;
}

/** The folders in `dir` (named as `pattern` says, if given), or undefined when `dir` does not exist. */
async function folders(dir: string, pattern = /(?:)/): Promise<string[] | undefined> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && pattern.test(e.name)).map((e) => path.join(dir, e.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
