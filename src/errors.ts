/** The command line was used wrongly (bad option, missing folder): exit code 2, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A file the build reads cannot be used as it is (a broken template, a note changed under the
 * build): an edit can fix it, so a watch says so and goes on watching, where any other usage
 * error stops it before it starts.
 */
export class UnusableInput extends UsageError {}

/** What the system said went wrong, for a message: its code (ENOENT, EACCES) when it has one. */
export function reasonOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
