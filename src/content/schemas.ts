import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
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

export type Validators = Record<string, ValidateFunction>;

/**
 * Compiles every schema. Strict mode makes a schema mistake (an unknown keyword or format)
 * throw here, at start-up, rather than pass content silently.
 */
export function compileSchemas(set: SchemaSet): Validators {
  // allErrors: report every problem in a file, not the first; verbose: keep the failing
  // schema so messages can quote its description and allowed values.
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
  addFormatsModule.default(ajv, ['date']);
  for (const [name, schema] of Object.entries(set)) ajv.addSchema(schema, name);
  const validators: Validators = {};
  for (const name of Object.keys(set)) validators[name] = ajv.getSchema(name)!;
  return validators;
}
