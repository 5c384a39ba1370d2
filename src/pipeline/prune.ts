import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/** Entries, and their bytes, that a prune removed (or would remove) and kept. */
export interface Pruned {
  /** False when there is no cache folder at all. */
  found: boolean;
  removed: Tally;
  kept: Tally;
}

export interface Tally {
  entries: number;
  bytes: number;
}

// Only what Cache writes is touched: `<kind>/<two hex digits>/<64 hex digits>.bin`, or that name
// and `.<pid>-<thread>-<n>.tmp` for an entry being written (left behind by a build that was
// killed). A --cache-dir pointed at the wrong folder loses nothing of its own.
const kindName = /^[a-z]+$/;
const shardName = /^[0-9a-f]{2}$/;
const entryName = /^([0-9a-f]{64})\.bin(?:\.\d+-\d+-\d+\.tmp)?$/;

/**
 * Removes the entries of the cache in `dir` that no build or check has written or read for
 * `unusedForMs` (reading one renews its time, see Cache.get). A build that runs meanwhile only
 * finds fewer entries and does their work again: no reader counts on an entry being there
 * but one the build itself stored, which is newer than any age prune accepts unless the build
 * has run for longer. Folders stay, even empty: removed between a build's `mkdir` and its
 * write, one would lose that build an entry it just made.
 */
export async function pruneCache(dir: string, unusedForMs: number, { dryRun = false, now = Date.now() } = {}): Promise<Pruned> {
  const cutoff = now - unusedForMs;
  const removed: Tally = { entries: 0, bytes: 0 };
  const kept: Tally = { entries: 0, bytes: 0 };
  const kinds = await folders(dir, kindName);
  if (!kinds) return { found: false, removed, kept };
  for (const kind of kinds) {
    for (const shard of (await folders(kind, shardName)) ?? []) {
      const prefix = path.basename(shard);
      const names = (await readdir(shard).catch(() => [])).filter((name) => entryName.exec(name)?.[1]?.startsWith(prefix) === true);
      await Promise.all(
        names.map(async (name) => {
          const file = path.join(shard, name);
          // Gone meanwhile: replaced by a build, or removed by another prune.
          const stats = await lstat(file).catch(() => undefined);
          if (!stats?.isFile()) return;
          const unused = stats.mtimeMs < cutoff;
          const tally = unused ? removed : kept;
          tally.entries++;
          tally.bytes += stats.size;
          if (unused && !dryRun) await rm(file, { force: true });
        }),
      );
    }
  }
  return { found: true, removed, kept };
}

/** The folders in `dir` named as `pattern` says, or undefined when `dir` does not exist. */
async function folders(dir: string, pattern: RegExp): Promise<string[] | undefined> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && pattern.test(e.name)).map((e) => path.join(dir, e.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
