/**
 * Whether the process `pid` is still running, for folders named after the process that made
 * them: one this process may not signal (another user's) counts as running, never to be touched.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
