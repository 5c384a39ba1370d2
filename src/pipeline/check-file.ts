import type { SchemaSet } from '../content/schemas.js';
import { validatorsFor } from '../content/prebuilt-validators.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from './load.js';
import { parse } from './parse.js';
import { structure, type CheckedFile } from './structure.js';
import { validate } from './validate.js';
import { walk } from '../walk.js';
import { isInternal, type Edition } from '../model/edition.js';
import type { Fragment } from '../render/fragment.js';
import type { BodyTexts } from './bodies.js';
import { Cache } from './cache.js';

// The per-file stages and what they need (remark, ajv, yaml): loaded only when a file is not
// in the cache, so that checking unchanged content starts fast.

/** What the per-file stages make of one file; cached by the file's content hash. */
export interface FileResult {
  diagnostics: Diagnostic[];
  checked?: CheckedFile;
}

/** parse → validate → structure for one file, with the schemas' validators made once. */
export async function fileChecker(schemas: SchemaSet): Promise<(file: SourceFile) => FileResult> {
  const validators = await validatorsFor(schemas);
  return (file) => {
    const parsed = parse(file);
    if (!parsed.value) return { diagnostics: parsed.diagnostics };
    const valid = validate(parsed.value, validators);
    if (!valid.value) return { diagnostics: [...parsed.diagnostics, ...valid.diagnostics] };
    const shaped = structure(valid.value);
    // Positions in a body serve only the diagnostics, which are made by now; without them a
    // body takes about half the memory and cache space. The same walk notes whether any of it
    // is for the internal edition only, so that the public one need not look again.
    const { body, parts } = shaped.value;
    if (body) {
      let internal = false;
      walk(body, (node) => {
        delete node.position;
        internal ||= isInternal(node);
      });
      if (!internal) {
        body.data = { ...body.data, withoutInternal: true };
        if (parts) parts.withoutInternal = true;
      }
    }
    return { diagnostics: [...parsed.diagnostics, ...valid.diagnostics, ...shaped.diagnostics], checked: shaped.value };
  };
}

/** For a build: its edition, and where the rendered bodies' text goes (none: hand the bodies back). */
export interface Preparing {
  edition: Edition;
  texts: BodyTexts | undefined;
}

/** One file to check: `key` names its check in the cache, `entryKey` the entry the job hands back. */
export interface CheckJob {
  key: string;
  entryKey: string;
  file: SourceFile;
}

/** A job's cache entry (a FileResult, or for a build a PreparedFile), and the bodies it rendered when `texts` could not keep them. */
export interface CheckJobResult {
  entry: Uint8Array;
  fragments: Array<[string, Fragment]>;
}

/**
 * Checks files one by one, in a worker or on the main thread alike: for a check, the entry is
 * the file's result; for a build of `edition`, the entry is the prepared file, made from the
 * whole result the cache holds or else from a check kept there for later (`ecap check` need
 * not parse the file again), and the rendered bodies' text goes to `texts`. Those writes are under way when a job returns, and `saved` when done:
 * the next file is parsed meanwhile.
 */
export async function checkJobs(schemas: SchemaSet, cache: Cache | undefined, build?: Preparing): Promise<(job: CheckJob) => CheckJobResult & { saved: Promise<unknown> }> {
  const checkFile = await fileChecker(schemas);
  // The renderer is loaded for a build only: a check never needs it.
  const prepare = build && (await import('./prepare.js')).prepareFile;
  return ({ key, entryKey, file }) => {
    if (!build) return { entry: Cache.encode(entryKey, checkFile(file)), fragments: [], saved: Promise.resolve() };
    // Checked already, by `ecap check` or a build of the other edition: only to be prepared.
    const known = cache?.getSync<FileResult>('files', key);
    const result = known ?? checkFile(file);
    const saves: Array<Promise<unknown> | undefined> = [known ? undefined : cache?.set('files', key, result)];
    const { prepared, fragments } = prepare!(result, build.edition);
    if (build.texts) for (const [name, fragment] of fragments) saves.push(build.texts.keep(name, key, fragment));
    const saved = Promise.all(saves);
    // Awaited by the caller, maybe only after other work: handled now, so that a failed write
    // is never an unhandled rejection meanwhile.
    saved.catch(() => undefined);
    return { entry: Cache.encode(entryKey, prepared), fragments: build.texts ? [] : [...fragments], saved };
  };
}
