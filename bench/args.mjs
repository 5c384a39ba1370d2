// The bench scripts' command-line options: a wrong one is told with the usage, never as a
// stack trace, and the process exits 2 as ecap's own commands do on a usage error.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Exits 2 with `problem` and the script's usage. */
export function usageError(usage, problem) {
  console.error(`${problem}\nusage: ${usage}`);
  process.exit(2);
}

/** `parseArgs`'s values for `options`, or exits with the usage. */
export function optionsOf(usage, options) {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    usageError(usage, error.message);
  }
}

/** The whole number an option names, at least `least`, or exits with the usage. */
export function countOf(usage, name, value, least = 1) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < least) usageError(usage, `--${name} must be a whole number of at least ${least}, not "${value}"`);
  return n;
}

/** A folder an option names, which must exist, or exits with the usage. */
export function folderOf(usage, name, value) {
  if (!existsSync(value)) usageError(usage, `--${name}: no folder ${value}`);
  return value;
}
