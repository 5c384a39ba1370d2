import path from 'node:path';
import { UnusableInput, UsageError } from '../errors.js';
import { debounce, watchHeld } from '../watch.js';
import { internalError, watchFailed } from './shared.js';

/**
 * Runs `run`, then again after every change under `dirs`, one run at a time, until SIGINT or
 * SIGTERM (see `attempt` for what a run that throws does). `what` names what is watched, for
 * the line that says so.
 */
export async function watchAndRerun(dirs: readonly string[], what: string, run: () => Promise<void>): Promise<void> {
  // Watched from before the first run, so that a file saved during it (which may have stopped it) is run again after.
  const watcher = watchHeld(dirs.map((d) => path.resolve(d)));
  try {
    await attempt(run, true);
  } catch (error) {
    watcher.close();
    throw error;
  }
  const rerun = debounce(() => attempt(run), 100);
  watcher.release(() => rerun.trigger(), watchFailed);
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

/**
 * One run of a watch. What it throws is said, and the watch goes on with exit code 2 until a
 * run sets its own; but the first run stops the watch unless an edit can fix what it threw (a
 * broken template, a note changed during the run): a folder that is not there, say.
 */
async function attempt(run: () => Promise<void>, first = false): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (first && !(error instanceof UnusableInput)) throw error;
    process.stderr.write(error instanceof UsageError ? `ecap: ${error.message}\n` : internalError(error as Error));
    process.exitCode = 2;
  }
}
