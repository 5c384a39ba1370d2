import { Command, InvalidArgumentError, Option } from 'commander';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { schemasDir } from '../../content/schemas.js';
import { UnusableInput, UsageError } from '../../errors.js';
import { editions, type Edition } from '../../model/edition.js';
import { isRunning } from '../../pid.js';
import { defaultTemplatesDir } from '../../pipeline/index.js';
import { summarise } from '../../reporters/pretty.js';
import type { Problem } from '../../serve/inject.js';
import type { RunningServer, SiteState } from '../../serve/server.js';
import { buildSite, succeeded, type Attempt } from '../../serve/site.js';
import { debounce, watchHeld } from '../../watch.js';
import { addCacheOptions, contentOption, internalError, progress, report, watchFailed, workOptions } from '../shared.js';

interface ServeOptions {
  content: string;
  templates?: string;
  edition: Edition;
  port: number;
  host: string;
  allowRemote?: boolean;
  cache?: boolean;
  cacheDir?: string;
  jobs?: number;
}

/** `ecap serve`: the reports built as `ecap build` builds them and served on this machine, rebuilt on every change. */
export function serveCommand(): Command {
  return addCacheOptions(new Command('serve'))
    .description('serve the reports on this machine, rebuilt and reloaded in the browser whenever the content, schemas or templates change; writes nothing in the project but the cache')
    .addOption(contentOption())
    .option('--templates <dir>', 'page templates to use instead of the bundled ones')
    .addOption(new Option('--edition <name>', 'internal: everything, internal passages marked; public: leaves out whatever is marked internal').choices(editions).default('internal'))
    .addOption(new Option('--port <n>', 'the port to listen on; 0 picks a free one').default(4321).argParser(parsePort))
    .option('--host <address>', 'the address to listen on: a loopback address unless --allow-remote', '127.0.0.1')
    .option('--allow-remote', 'allow a --host that other machines can reach (they can then read every report, internal passages included)')
    .action(serve);
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return n;
}

async function serve(options: ServeOptions): Promise<void> {
  // Loaded here rather than at start-up: every command's module is imported by the CLI.
  const { isLoopback, startServer } = await import('../../serve/server.js');
  if (!isLoopback(options.host) && !options.allowRemote) {
    throw new UsageError(`Refusing to serve on \`${options.host}\`: other machines could reach it and read the reports, internal passages included. Use a loopback address (127.0.0.1, ::1 or localhost), or add --allow-remote if that is what you want.`);
  }
  const cwd = process.cwd();
  // The site is written where only the server reads it, and removed when it stops; one left by
  // a server that was killed is removed by the next.
  await removeOrphanedSites(os.tmpdir());
  const scratch = await mkdtemp(path.join(os.tmpdir(), `ecap-site-${process.pid}-`));
  const outDir = path.join(scratch, 'site');
  const site = { contentDir: options.content, templatesDir: options.templates, edition: options.edition, cwd, outDir, ...workOptions(options) };
  const token = randomUUID().slice(0, 8);
  let generation = 0;
  let folder: string | undefined;
  let problems: readonly Problem[] = [];
  const state = (): SiteState => ({ buildId: `${token}-${generation}`, folder, problems });
  const apply = (attempt: Attempt) => {
    generation++;
    if (succeeded(attempt)) folder = outDir;
    problems = attempt.problems;
  };
  // The build under way, if any: the folder is removed only once it is done with it.
  let building: Promise<unknown> | undefined;
  const buildNow = async () => {
    // On a terminal, a build that takes over a second shows its progress, as `ecap build` does.
    const shown = progress();
    const attempt = buildSite({ ...site, onProgress: shown.update }).finally(shown.done);
    building = attempt.catch(() => undefined);
    try {
      return await attempt;
    } finally {
      building = undefined;
    }
  };

  // Ctrl-C at any point, even during the first build, stops once the build under way is done;
  // a second one stops at once.
  let signalled = false;
  let stop = () => {};
  const stopping = new Promise<void>((resolve) => (stop = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      rmSync(scratch, { recursive: true, force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    signalled = true;
    if (building) process.stderr.write('\necap: stopping once the build under way is done; press Ctrl-C again to stop now\n');
    stop();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  let server: RunningServer | undefined;
  let rebuild: ReturnType<typeof debounce> | undefined;
  // Watched from before the first build, so that a note saved during it is built next.
  const templatesDir = path.resolve(cwd, options.templates ?? defaultTemplatesDir);
  const watcher = watchHeld([path.resolve(cwd, options.content), schemasDir, templatesDir]);
  try {
    const first = await buildNow();
    // A file that cannot be used (a broken template, a note changed during the build) is shown
    // as the content's errors are, until a change fixes it; anything else wrong with the command
    // line (a folder that is not there) stops the server, as it stops `ecap build`.
    if (first.usage && !(first.usage instanceof UnusableInput)) throw first.usage;
    apply(first);
    tell(first, false);
    if (signalled) return;

    const running = (server = await startServer({ host: options.host, port: options.port }, state));
    rebuild = debounce(async () => {
      let attempt: Attempt;
      try {
        attempt = await buildNow();
      } catch (error) {
        // A bug in ecap: keep serving what there is, and say so as main() would.
        process.stderr.write(internalError(error as Error));
        attempt = { problems: [{ message: `ecap failed with an internal error (a bug in ecap, not in your content): ${(error as Error).message}` }], seconds: 0 };
      }
      if (signalled) return;
      const hadGood = folder !== undefined;
      apply(attempt);
      tell(attempt, hadGood);
      running.reload();
    }, 100);
    watcher.release(() => rebuild?.trigger(), watchFailed);

    process.stderr.write(`ecap: serving ${running.url} — Ctrl-C to stop\n`);
    await stopping;
  } finally {
    const bySignal = signalled;
    signalled = true;
    rebuild?.cancel();
    watcher.close();
    await server?.close();
    await building;
    await rm(scratch, { recursive: true, force: true });
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    if (bySignal) process.stderr.write('ecap: stopped\n');
  }
}

/**
 * Removes the folders of servers no longer running (killed before they could remove their own):
 * each is named for its process. A process this one may not signal is someone else's, running.
 */
async function removeOrphanedSites(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [])) {
    const pid = /^ecap-site-(\d+)-\w+$/.exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) await rm(path.join(dir, name), { recursive: true, force: true });
  }
}

/** The terminal's account of a build: the problems as `ecap build` prints them, then one line. */
function tell(attempt: Attempt, hadGood: boolean): void {
  if (attempt.result) report(attempt.result, { reporter: 'pretty' });
  const counts = attempt.result ? `; ${summarise(attempt.result.diagnostics)}` : '';
  const seconds = `; ${attempt.seconds.toFixed(2)} s`;
  if (succeeded(attempt)) {
    const { written, kept, unchanged } = attempt.result;
    if (unchanged) return void process.stderr.write(`ecap: nothing changed, still serving ${written.length} files${counts}${seconds}\n`);
    const pages = written.filter((f) => f.path.endsWith('.html')).length;
    const same = kept ? `; ${kept} unchanged, kept` : '';
    process.stderr.write(`ecap: ${hadGood ? 'rebuilt' : 'built'} ${written.length} files (${pages} reports as HTML and Markdown${same})${counts}${seconds}\n`);
    return;
  }
  // Problems without a place are not diagnostics, which report() has printed already.
  for (const p of attempt.problems) if (!p.where) process.stderr.write(`ecap: ${p.message}\n`);
  const serving = hadGood ? 'still serving the last good build' : 'serving the list of problems until they are fixed';
  process.stderr.write(`ecap: ${attempt.result && !attempt.usage ? 'the content has errors' : 'cannot build the reports'}, ${serving}${counts}${seconds}\n`);
}
