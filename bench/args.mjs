// The bench scripts' command-line options: a wrong one is told with the usage, never as a
// stack trace, and the process exits 2 as ecap's own commands do on a usage error.
import { readdirSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Exits 2 with `problem` and the script's usage. */
export function usageError(usage, problem) {
  console.error(`${problem}\nusage: ${usage}`);
  process.exit(2);
}

/** `parseArgs`'s values for `options`; --help (-h) prints the usage and exits 0, a wrong option exits 2. */
export function optionsOf(usage, options) {
  try {
    const { values } = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      console.log(`usage: ${usage}`);
      process.exit(0);
    }
    return values;
  } catch (error) {
    usageError(usage, error.message);
  }
}

/** The whole number an option names, at least `least`, or exits with the usage. */
export function countOf(usage, name, value, least = 1) {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < least) usageError(usage, `--${name} must be a whole number of at least ${least}, not "${value}"`);
  return n;
}

/** A folder an option names, which must exist, or exits with the usage. */
export function folderOf(usage, name, value) {
  if (!statSync(value, { throwIfNoEntry: false })?.isDirectory()) usageError(usage, `--${name}: no folder ${value}`);
  return value;
}

/** Exits with the usage when `folder` exists and holds anything: a script writing there would replace it. */
export function refuseFull(usage, name, folder) {
  const info = statSync(folder, { throwIfNoEntry: false });
  if (info && (!info.isDirectory() || readdirSync(folder).length > 0)) usageError(usage, `--${name} ${folder} is not an empty folder; name a new one, or remove it first`);
}

/** Whether the module at `url` is the script Node was started with. */
export const isMain = (url) => process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href;
