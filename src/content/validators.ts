import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SchemaSet } from './schemas.js';

// Kept apart from schemas.ts so that reading the schemas (to hash them) does not load ajv.
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
