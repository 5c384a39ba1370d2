import { InvalidArgumentError, Option, type Command } from 'commander';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { countDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { reasonOf, UsageError } from '../errors.js';
import type { CheckResult } from '../pipeline/index.js';
import { github } from '../reporters/github.js';
import { json } from '../reporters/json.js';
import { pretty } from '../reporters/pretty.js';
import { sarif } from '../reporters/sarif.js';

/** What every command shares: options, the reporter choice, the exit-code rule. */
import { packageRoot, version } from '../package.js';

export type ReporterName = 'pretty' | 'json' | 'github' | 'sarif';

export interface CommonOptions {
  content: string;
  reporter?: ReporterName;
  maxWarnings?: number;
  strict?: boolean;
}

export const reporterOption = () =>
  new Option('--reporter <name>', 'how to print problems: pretty (stderr), json, github or sarif (stdout); github by default under GitHub Actions').choices(['pretty', 'json', 'github', 'sarif']);
export const contentOption = () => new Option('--content <dir>', 'the content folder').default('content');
export const maxWarningsOption = () =>
  new Option('--max-warnings <n>', 'fail (exit 1) when there are more than n warnings').argParser((value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number of 0 or more.');
    return n;
  });
/**
 * `--cache-dir DIR` (default .ecap-cache) and `--no-cache`: where checked files and builds are
 * remembered; `--jobs N`: how many threads check files and serialise pages. A cache folder that
 * nothing can be written to is said once, and the command runs as with `--no-cache`.
 */
export function addCacheOptions(command: Command): Command {
  return command
    .hook('preAction', async (self) => {
      const { cache, cacheDir } = self.opts<{ cache: boolean; cacheDir: string }>();
      if (!cache) return;
      const { refusesWrites, unwritable } = await import('../pipeline/cache.js');
      const error = await unwritable(path.resolve(cacheDir));
      if (!error) return;
      if (error.code === 'ENOTDIR') throw new UsageError(`--cache-dir ${cacheDir} is a file, or inside one, not a folder: name a folder for the cache (it is made if need be), or --no-cache.`);
      if (!refusesWrites(error)) throw new UsageError(`Cannot use the cache folder \`${cacheDir}\` (${reasonOf(error)}): name another with --cache-dir DIR, or --no-cache.`);
      process.stderr.write(`ecap: cannot write to the cache folder \`${cacheDir}\` (${reasonOf(error)}), so running without it, as with --no-cache: check that ecap may write there, or choose another with --cache-dir DIR.\n`);
      self.setOptionValue('cache', false);
    })
    .option('--cache-dir <dir>', 'where to remember checked files and builds between runs (CI can keep it)', '.ecap-cache')
    .option('--no-cache', 'neither read nor write the cache')
    .addOption(
      new Option('--jobs <n>', 'check files and serialise pages on at most n threads; 1 keeps all work on one (default: the number of cores)').argParser((value) => {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
        return n;
      }),
    );
}

/** The cache folder and number of threads the options ask for. */
export function workOptions(options: { cache?: boolean; cacheDir?: string; jobs?: number }): { cacheDir?: string; jobs?: number } {
  return { ...(options.cache === false ? {} : { cacheDir: options.cacheDir }), ...(options.jobs ? { jobs: options.jobs } : {}) };
}

export const strictOption = () => new Option('--strict', 'fail (exit 1) on any warning, as --max-warnings 0 does');

/** Says that a folder cannot be watched: the command goes on, without seeing its changes. */
export function watchFailed(error: Error): void {
  process.stderr.write(`ecap: cannot watch for changes: ${error.message}\n`);
}

/** What to print of a bug in ecap (an error that is not the content's or the command line's): its stack under ECAP_DEBUG=1. */
export function internalError(error: Error): string {
  return process.env.ECAP_DEBUG === '1' ? `${error.stack ?? String(error)}\n` : `ecap: internal error: ${error.message}\nThis is a bug in ecap, not in your content. Run again with ECAP_DEBUG=1 and report the output.\n`;
}

export function elapsed(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(2);
}

/** The reporter asked for; else GitHub's annotations under GitHub Actions, else `pretty`. */
export function reporterOf(options: Pick<CommonOptions, 'reporter'>): ReporterName {
  return options.reporter ?? (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty');
}

/** Prints the problems with the chosen reporter: machine-readable ones to stdout, pretty to stderr. */
export function report(result: Pick<CheckResult, 'diagnostics' | 'excerpts'>, options: Pick<CommonOptions, 'reporter'>): void {
  switch (reporterOf(options)) {
    case 'json':
      process.stdout.write(json(result.diagnostics));
      return;
    case 'github':
      process.stdout.write(github(result.diagnostics));
      return;
    case 'sarif':
      process.stdout.write(sarif(result.diagnostics, { version, docsBase: pathToFileURL(path.join(packageRoot, 'docs', 'rules')).href + '/' }));
      return;
    case 'pretty': {
      const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
      const text = pretty(result.diagnostics, { color, excerpts: result.excerpts });
      if (text) process.stderr.write(text + '\n');
    }
  }
}

export function warningLimit(options: CommonOptions): number | undefined {
  return options.strict ? 0 : options.maxWarnings;
}

export function tooMany(diagnostics: readonly Diagnostic[], options: CommonOptions): boolean {
  const limit = warningLimit(options);
  return limit !== undefined && countDiagnostics(diagnostics).warning > limit;
}

/**
 * 1 when the content has errors, no usable activity, or more warnings than allowed. An
 * unchanged build or check has no model (it did not need one), but the last one made one; a
 * build on its own thread may leave the one it made there (`modelLeft`).
 */
export function exitCode(result: Pick<CheckResult, 'diagnostics' | 'model'> & { unchanged?: boolean; modelLeft?: true }, options: CommonOptions): number {
  return countDiagnostics(result.diagnostics).error > 0 || !(result.model || result.modelLeft || result.unchanged) || tooMany(result.diagnostics, options) ? 1 : 0;
}

/**
 * A one-line progress display for a terminal, shown only once a run has taken a second;
 * nothing at all when stderr is piped or under CI. `done()` clears the line.
 */
export function progress(): { update: (stage: string, done?: number, total?: number) => void; done: () => void } {
  if (!process.stderr.isTTY || process.env.CI) return { update: () => {}, done: () => {} };
  const started = performance.now();
  let shown = false;
  let last = 0;
  return {
    update(stage, done, total) {
      const now = performance.now();
      if (now - started < 1000 || now - last < 100) return;
      last = now;
      shown = true;
      process.stderr.write(`\r\u001b[2Kecap: ${stage}${total ? ` ${done} of ${total} files` : ''}…`);
    },
    done() {
      if (shown) process.stderr.write('\r\u001b[2K');
    },
  };
}
