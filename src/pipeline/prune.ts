import type { Dirent, Stats } from 'node:fs';
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
  /** Folders of entries that ecap may not even list (another user's, made with umask 077), whose entries are in no tally. */
  unlisted: { folders: number; code?: string };
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
  const unlisted: Pruned['unlisted'] = { folders: 0 };
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
  const top = await listing(dir, unlisted);
  if (!top) return { found: false, since: now, removed, kept, refused, unlisted };
  // Counted from now, days of builds that find their output up to date (they read the check's
  // and the build's records, not the bodies, layouts and pages) would leave the next change to
  // be built almost from scratch.
  const kinds = top.filter((entry) => entry.isDirectory() && kindName.test(entry.name)).map((entry) => path.join(dir, entry.name));
  const layoutsDir = kinds.find((kind) => path.basename(kind) === layoutKind);
  const layouts = layoutsDir ? await entriesOf(layoutsDir, unlisted) : [];
  const since = layouts.length > 0 ? Math.min(now, Math.max(...layouts.map(({ stats }) => stats.mtimeMs))) : now;
  const cutoff = since - unusedForMs;
  // One kind at a time: the stats of every entry at once took 24 MB more at 46,000 entries.
  for (const kind of kinds) {
    const unused: Array<{ file: string; stats: Stats }> = [];
    for (const entry of kind === layoutsDir ? layouts : await entriesOf(kind, unlisted)) {
      if (entry.stats.mtimeMs < cutoff) unused.push(entry);
      else count(kept, entry.stats.size);
    }
    await Promise.all(unused.map(remove));
  }
  return { found: true, since, removed, kept, refused, unlisted };
}

/**
 * The entry files in one kind's folder, with their stats; one gone meanwhile (replaced by a
 * build, or removed by another prune) is left out, and so is a folder ecap may not list, counted
 * in `unlisted`.
 */
async function entriesOf(kind: string, unlisted: Pruned['unlisted']): Promise<Array<{ file: string; stats: Stats }>> {
  const found: Array<{ file: string; stats: Stats }> = [];
  for (const shard of ((await listing(kind, unlisted)) ?? []).filter((entry) => entry.isDirectory())) {
    const folder = path.join(kind, shard.name);
    const files = ((await listing(folder, unlisted)) ?? []).filter((entry) => isCacheFile(folder, entry.name)).map((entry) => path.join(folder, entry.name));
    const stats = await Promise.all(files.map((file) => lstat(file).catch(() => undefined)));
    files.forEach((file, i) => {
      if (stats[i]?.isFile()) found.push({ file, stats: stats[i] });
    });
  }
  return found;
}

/** What `dir` holds; undefined when it is not there, and nothing, counted in `unlisted`, when ecap may not list it. */
async function listing(dir: string, unlisted: Pruned['unlisted']): Promise<Dirent[] | undefined> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return undefined;
    if (code !== 'EACCES' && code !== 'EPERM') throw error;
    unlisted.folders++;
    unlisted.code ??= code;
    return [];
  }
}
