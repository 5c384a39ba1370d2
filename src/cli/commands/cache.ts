import { Command, InvalidArgumentError, Option } from 'commander';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { UsageError } from '../../errors.js';
import { renewAfterMs } from '../../pipeline/cache.js';
import type { Tally } from '../../pipeline/prune.js';
import { elapsed } from '../shared.js';

const units = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

// An hour: a read renews an entry only once it is ten minutes old (renewAfterMs), so an entry a
// build has just used can look that much older; the rest is for the build itself, whose first
// reads must not look unused by the time a prune run after it starts.
const shortest = 6 * renewAfterMs;

/** `7d`, `12h`, `1.5h` as milliseconds, in whole minutes; commander reports the message of a wrong one, exit code 2. */
function parseAge(value: string): number {
  const match = /^(\d+(?:\.\d+)?)([mhd])$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a number of days, hours or minutes, as in 7d, 12h or 90m.');
  const ms = Math.round((Number(match[1]) * units[match[2] as keyof typeof units]) / units.m) * units.m;
  if (ms < shortest) throw new InvalidArgumentError(`expected ${ageText(shortest)} or more: a build marks an entry it reads as used only once the entry is ${renewAfterMs / units.m} minutes old, and its own first reads must not look unused when it ends.`);
  return ms;
}

/** `ecap cache prune`: keeps the cache folder to what recent builds used. */
export function cacheCommand(): Command {
  const prune = new Command('prune')
    .description('remove the cache entries that no build or check used in the 7 days (or --unused-for) before the last build that wrote the reports')
    .option('--cache-dir <dir>', 'the cache folder', '.ecap-cache')
    .addOption(new Option('--unused-for <age>', 'remove entries unused for this long before the last build that wrote the reports: days, hours or minutes, as in 7d, 12h or 90m').argParser(parseAge).default(7 * units.d, '7d'))
    .option('--dry-run', 'remove nothing; say what would be removed')
    .action(async (options: { cacheDir: string; unusedFor: number; dryRun?: boolean }) => {
      const started = performance.now();
      const dir = path.resolve(process.cwd(), options.cacheDir);
      const notFolder = await stat(dir).then((s) => !s.isDirectory(), () => false);
      if (notFolder) throw new UsageError(`--cache-dir ${options.cacheDir} is a file, not a cache folder: name the folder that \`ecap build --cache-dir\` uses.`);
      // Loaded here rather than at start-up: every command's module is imported by the CLI.
      const { pruneCache } = await import('../../pipeline/prune.js');
      const now = Date.now();
      const pruned = await pruneCache(dir, options.unusedFor, { dryRun: options.dryRun, now });
      const age = ageText(options.unusedFor);
      const shown = options.cacheDir.replace(/\/+$/, '');
      if (!pruned.found) {
        process.stderr.write(`ecap: no cache at ${shown}/, nothing to prune; ${elapsed(started)} s\n`);
        return;
      }
      const verb = options.dryRun ? 'would remove' : 'removed';
      // Said only when it matters: the last build that wrote the reports was a while ago.
      const before = now - pruned.since > renewAfterMs ? ` before the last build that laid out the reports (${new Date(pruned.since).toISOString().slice(0, 16).replace('T', ' ')} UTC)` : '';
      process.stderr.write(`ecap: ${verb} ${tally(pruned.removed)} unused for ${age}${before} from ${shown}/; kept ${tally(pruned.kept)}; ${elapsed(started)} s\n`);
      // As rm does: what could be removed is, and the exit code says that not all was.
      if (pruned.refused.entries > 0) {
        process.stderr.write(`ecap: could not remove ${tally(pruned.refused)} (${pruned.refused.code}): their folders are another user's, or the disk is read-only, or a build has them open; prune as the user whose builds made them, once no build runs.\n`);
        process.exitCode = 1;
      }
      if (pruned.unlisted.folders > 0) {
        const { folders, code } = pruned.unlisted;
        process.stderr.write(`ecap: could not look into ${folders.toLocaleString('en-US')} ${folders === 1 ? 'folder' : 'folders'} of the cache (${code}), whose entries are neither removed nor counted above: ${folders === 1 ? "it is another user's" : "they are another user's"}; prune as the user whose builds made ${folders === 1 ? 'it' : 'them'}.\n`);
        process.exitCode = 1;
      }
    });
  return new Command('cache').description('look after the cache folder that build and check keep').addCommand(prune);
}

function tally({ entries, bytes }: Tally): string {
  const megabytes = (bytes / 1024 / 1024).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${entries.toLocaleString('en-US')} ${entries === 1 ? 'entry' : 'entries'} (${megabytes} MB)`;
}

/** An age as the options write it: `7d`, `36h`, `90m`. */
function ageText(ms: number): string {
  const [unit, size] = Object.entries(units).reverse().find(([, size]) => ms % size === 0) ?? ['m', units.m];
  return `${ms / size}${unit}`;
}
