import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import { schemaSetKey } from './prebuilt-validators.js';
import type { SchemaSet } from './schemas.js';

// Kept apart from schemas.ts so that reading the schemas (to hash them) does not load ajv, and
// from prebuilt-validators.ts so that using the prebuilt validators does not either.
export type Validators = Record<string, ValidateFunction>;

/** An ajv holding every schema of the set; `source` keeps each validator's code, to write it out. */
function ajvOf(set: SchemaSet, source: boolean): Ajv2020 {
  // allErrors: report every problem in a file, not the first; verbose: keep the failing
  // schema so messages can quote its description and allowed values.
  // validateSchema: ecap's schemas are its own, checked against the meta-schema by a test;
  // checking them again on every run took longer than compiling one.
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true, validateSchema: false, ...(source ? { code: { source: true, esm: true } } : {}) });
  addFormatsModule.default(ajv, ['date']);
  for (const [name, schema] of Object.entries(set)) ajv.addSchema(schema, name);
  return ajv;
}

/**
 * Every schema's validator, each compiled when first asked for: a build that checks one changed
 * file compiles one schema (and those it refers to), not all of them. Strict mode makes a schema
 * mistake (an unknown keyword or format) throw when the schema is compiled; a test compiles
 * them all.
 */
export function compileSchemas(set: SchemaSet): Validators {
  const ajv = ajvOf(set, false);
  const validators: Validators = {};
  for (const name of Object.keys(set)) Object.defineProperty(validators, name, { enumerable: true, get: () => ajv.getSchema(name)! });
  return validators;
}

/**
 * The source of an ES module holding every schema's validator, as `validatorsFor` reads it
 * (`v<i>` for the i-th of `names`, and the set's `key`). Its runtime helpers are `require`d:
 * the bundler takes them in.
 */
export function validatorsSource(set: SchemaSet): string {
  const names = Object.keys(set);
  const code = standaloneCodeModule.default(ajvOf(set, true), Object.fromEntries(names.map((name, i) => [`v${i}`, name])));
  return `${code}\nexport const names = ${JSON.stringify(names)};\nexport const key = ${JSON.stringify(schemaSetKey(set))};\n`;
}
