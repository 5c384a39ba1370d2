/** The command line was used wrongly (bad option, missing folder): exit code 2, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
