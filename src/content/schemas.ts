import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** ecap's own schemas folder, beside build/ and src/. */
export const schemasDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas');

export type SchemaSet = Record<string, object>;

/** Reads schemas/*.schema.json, keyed by file name. */
export async function readSchemas(dir = schemasDir): Promise<SchemaSet> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.schema.json')).sort();
  const set: SchemaSet = {};
  for (const name of names) set[name] = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as object;
  return set;
}
