import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SchemaSet } from './schemas.js';

// Kept apart from schemas.ts so that reading the schemas (to hash them) does not load ajv.
export type Validators = Record<string, ValidateFunction>;

/**
 * Every schema's validator, each compiled when first asked for: a build that checks one changed
 * file compiles one schema (and those it refers to), not all of them. Strict mode makes a schema
 * mistake (an unknown keyword or format) throw when the schema is compiled; a test compiles
 * them all.
 */
export function compileSchemas(set: SchemaSet): Validators {
  // allErrors: report every problem in a file, not the first; verbose: keep the failing
  // schema so messages can quote its description and allowed values.
  // validateSchema: ecap's schemas are its own, checked against the meta-schema by a test;
  // checking them again on every run took longer than compiling one.
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true, validateSchema: false });
  addFormatsModule.default(ajv, ['date']);
  for (const [name, schema] of Object.entries(set)) ajv.addSchema(schema, name);
  const validators: Validators = {};
  for (const name of Object.keys(set)) Object.defineProperty(validators, name, { enumerable: true, get: () => ajv.getSchema(name)! });
  return validators;
}
