import type { ValidateFunction } from 'ajv/dist/2020.js';
import { hash } from '../pipeline/cache.js';
import type { SchemaSet } from './schemas.js';
import type { Validators } from './validators.js';

// `npm run build` compiles the validators of ecap's own schemas into the bundle, beside its
// chunks (scripts/bundle.js): a build that checks one changed note then neither loads ajv's
// compiler nor compiles the note's schema (34–52 ms for a practice's, in a fresh process). A
// schema edited since is compiled at run time, as without a bundle.

/** The prebuilt validators' file, beside the bundle's chunks. */
export const prebuiltFile = 'schema-validators.js';

/** What `validatorsSource` writes: every schema's validator, under `v<i>` for the i-th name. */
export interface Prebuilt {
  key: string;
  names: string[];
  [validator: `v${number}`]: ValidateFunction;
}

/** Names a set of schemas by its content, so that validators made from another set are never used. */
export function schemaSetKey(set: SchemaSet): string {
  return hash('schemas', JSON.stringify(set));
}

/**
 * Every schema's validator: the prebuilt ones (the bundle's, unless given) when made from this
 * very set, else compiled now, each when first asked for.
 */
export async function validatorsFor(set: SchemaSet, prebuilt = importPrebuilt()): Promise<Validators> {
  const made = await prebuilt;
  if (made?.key === schemaSetKey(set)) return Object.fromEntries(made.names.map((name, i) => [name, made[`v${i}`]!]));
  return (await import('./validators.js')).compileSchemas(set);
}

/** Undefined where there is none: run from the compiled modules or the sources rather than the bundle. */
async function importPrebuilt(): Promise<Prebuilt | undefined> {
  try {
    return (await import(new URL(prebuiltFile, import.meta.url).href)) as Prebuilt;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}
