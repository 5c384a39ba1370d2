import path from 'node:path';
import { UnusableInput } from '../errors.js';
import { debounce, watchFolders } from '../watch.js';

/**
 * Runs `run`, then again after every change under `dirs`, one run at a time, until SIGINT or
 * SIGTERM. A later run that throws is reported and the watching goes on; the first stops it,
 * unless what it threw is a file an edit can fix (a broken template). `what` names what is
 * watched, for the line that says so.
 */
export async function watchAndRerun(dirs: readonly string[], what: string, run: () => Promise<void>): Promise<void> {
  await run().catch((error: unknown) => {
    if (!(error instanceof UnusableInput)) throw error;
    process.stderr.write(`ecap: ${error.message}\n`);
    process.exitCode = 2;
  });
  const rerun = debounce(async () => {
    try {
      await run();
    } catch (error) {
      process.stderr.write(`ecap: ${(error as Error).message}\n`);
    }
  }, 100);
  const watcher = watchFolders(dirs.map((d) => path.resolve(d)), () => rerun.trigger(), (error) => process.stderr.write(`ecap: cannot watch for changes: ${error.message}\n`));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      rerun.cancel();
      watcher.close();
      resolve();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
    // Only now: whoever reads this line may stop the watch at once.
    process.stderr.write(`ecap: watching ${what} for changes; press Ctrl-C to stop\n`);
  });
}
