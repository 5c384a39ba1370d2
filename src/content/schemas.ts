import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../package.js';

/** ecap's own schemas folder, beside build/ and src/. */
export const schemasDir = path.join(packageRoot, 'schemas');

export type SchemaSet = Record<string, object>;

/** Reads schemas/*.schema.json, keyed by file name. */
export async function readSchemas(dir = schemasDir): Promise<SchemaSet> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.schema.json')).sort();
  const set: SchemaSet = {};
  for (const name of names) set[name] = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as object;
  return set;
}
