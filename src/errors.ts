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
