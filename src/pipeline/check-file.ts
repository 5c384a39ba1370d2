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
import { stopPretenuring } from './heap.js';
import type { EarlierBody, Section } from './sections.js';

// The per-file stages and what they need (remark, ajv, yaml): loaded only when a file is not
// in the cache, so that checking unchanged content starts fast.

/** What the per-file stages make of one file; cached by the file's content hash. */
export interface FileResult {
  diagnostics: Diagnostic[];
  checked?: CheckedFile;
  /** The body's sections, kept only when the file has no problems (see `fileChecker`). */
  sections?: Section[];
}

/**
 * parse → validate → structure for one file, with the schemas' validators made once. Given an
 * earlier result for the file, the body's unchanged sections are taken from it instead of parsed
 * again: its nodes have no positions, which only diagnostics need, so it is taken only from a
 * result without problems, and a file that then has any is checked again from its text alone.
 */
export async function fileChecker(schemas: SchemaSet): Promise<(file: SourceFile, earlier?: FileResult) => FileResult> {
  const validators = await validatorsFor(schemas);
  const check = (file: SourceFile, earlier?: EarlierBody): FileResult => {
    const parsed = parse(file, earlier);
    if (!parsed.value) return { diagnostics: parsed.diagnostics };
    const { sections, ...parsedFile } = parsed.value;
    const valid = validate(parsedFile, validators);
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
    const diagnostics = [...parsed.diagnostics, ...valid.diagnostics, ...shaped.diagnostics];
    // Kept only while the sections' nodes are the body's own: structure replaces none where it has nothing to say.
    const whole = sections && diagnostics.length === 0 && sections.reduce((n, s) => n + s.nodes, 0) === body?.children.length;
    return { diagnostics, checked: shaped.value, ...(whole ? { sections } : {}) };
  };
  return (file, earlier) => {
    const sections = earlier?.sections;
    const body = earlier?.checked?.body;
    const result = sections && body ? check(file, { sections, children: body.children }) : undefined;
    return result && result.diagnostics.length === 0 ? result : check(file);
  };
}

/** For a build: its edition, and where the rendered bodies' text goes (none: hand the bodies back). */
export interface Preparing {
  edition: Edition;
  texts: BodyTexts | undefined;
}

/**
 * One file to check: `key` names its check in the cache, `entryKey` the entry the job hands
 * back, `earlier` the check of the file's last version, whose unchanged sections it may take.
 */
export interface CheckJob {
  key: string;
  entryKey: string;
  earlier?: string;
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
  stopPretenuring();
  const checkFile = await fileChecker(schemas);
  // The renderer is loaded for a build only: a check never needs it.
  const prepare = build && (await import('./prepare.js')).prepareFile;
  return ({ key, entryKey, earlier, file }) => {
    const checkAnew = () => checkFile(file, earlier ? cache?.getSync<FileResult>('files', earlier) : undefined);
    if (!build) return { entry: Cache.encode(entryKey, checkAnew()), fragments: [], saved: Promise.resolve() };
    // Checked already, by `ecap check` or a build of the other edition: only to be prepared.
    const known = cache?.getSync<FileResult>('files', key);
    const result = known ?? checkAnew();
    const saves: Array<Promise<unknown> | undefined> = [known ? undefined : cache?.set('files', key, result)];
    const { prepared, fragments } = prepare!(result, build.edition);
    if (build.texts) for (const [name, fragment] of fragments) saves.push(build.texts.keep(name, key, fragment));
    return { entry: Cache.encode(entryKey, prepared), fragments: build.texts ? [] : [...fragments], saved: allHandled(saves) };
  };
}

/**
 * The writes, together. Awaited by the caller, maybe only after other work: handled now, so that
 * a failed write is never an unhandled rejection meanwhile. Made out here, so that the handler
 * does not hold the job's scope, and with it the file's text, until the writes end.
 */
function allHandled(saves: Array<Promise<unknown> | undefined>): Promise<unknown> {
  const all = Promise.all(saves);
  all.catch(() => undefined);
  return all;
}
