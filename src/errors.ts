/** The command line was used wrongly (bad option, missing folder): exit code 2, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A folder named on the command line (or its default) is not there: nothing to read, or to watch. */
export class FolderNotFound extends UsageError {}
