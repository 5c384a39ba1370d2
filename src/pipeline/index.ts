import { chmod, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { applyFixes } from '../content/fix.js';
import { reasonOf, UnusableInput, UsageError } from '../errors.js';
import path from 'node:path';
import { packageRoot, version } from '../package.js';
import { readSchemas, type SchemaSet } from '../content/schemas.js';
import type { StageResult } from '../diagnostics/diagnostic.js';
import { Cache, codeHash, hash, hashEach, layoutKind } from './cache.js';
import { pageStore } from './page-store.js';
import { keptShapes, storeShapes } from './shape-store.js';
import { concurrently } from './concurrently.js';
import type { CheckWorkerData } from './check-worker.js';
import type { CheckJob, CheckJobResult, checkJobs, FileResult } from './check-file.js';
import type { PreparedFile } from './prepare.js';
import { BodyTexts } from './bodies.js';
import { Pool, pagePoolSize, poolSize, workerScript } from './pool.js';
import { countDiagnostics, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticsByFile, type Excerpts } from '../diagnostics/excerpts.js';
import { excerptsOf } from './kept-excerpts.js';
import type { Model } from '../model/model.js';
import type { Templates } from '../render/page-shell.js';
import { link, unlocated } from './link.js';
import { ChangedWhileBuilding, load, readAgain, withText, type HashedFile, type SourceFile } from './load.js';
import { forgetRecalled, loadRecalling } from './recall.js';
import type { BodySource, PageStore, RenderContext } from './render.js';
import type { Assets, Layout, OutputFile, Shape, Shapes, Sources } from './layout.js';
import { packedEdges, packOutline, unpackOutline, type PackedOutline } from '../render/packed-outline.js';
import type { PageText, TextJob } from '../render/page-text.js';
import type { CheckedFile } from './structure.js';
import { builtBy, upToDate, write, type WrittenFile } from './write.js';
import { compareText } from '../order.js';
import { printPdfs, requireChromium } from './pdf.js';
import { doneOutsideHeap, tightHeap } from './heap.js';
import { readProvenance, type Provenance } from './provenance.js';
import type { Edition } from '../model/edition.js';
import { readFonts } from './assets.js';
import { fontsFor, languagesUsed } from '../render/fonts.js';

export interface CheckOptions {
  contentDir: string;
  cwd: string;
  /** Where to keep work between runs (checked files, rendered bodies, pages, builds); no cache when absent. */
  cacheDir?: string;
  /** At most this many threads check files, or serialise pages, at once (default: the cores); 1 keeps all work on the main thread. */
  jobs?: number;
  /** Told of each step, for a progress display: the stage, and records done of total where counted. */
  onProgress?: (stage: string, done?: number, total?: number) => void;
}

export interface CheckResult {
  files: SourceFile[];
  model: Model | undefined;
  diagnostics: Diagnostic[];
  /** The lines the diagnostics point at, for code frames. */
  excerpts: Excerpts;
  /** A hash of everything the check read: equal keys, equal results. */
  key: string;
  /** The content is the last check's or build's, which made a model from it; there is none now. */
  unchanged?: boolean;
}

/**
 * The content as read, each file's key, and the key of the whole. A check keeps the files'
 * texts; a build keeps none (see HashedFile), and reads a file again when it is to be parsed,
 * its diagnostics need their lines, or a body the cache has lost is to be rendered again.
 */
interface Content<File extends HashedFile> {
  loaded: StageResult<File[]>;
  schemas: SchemaSet;
  /** What every file's key starts from: ecap's code and the schemas. */
  base: string;
  /** A file's key: equal keys, equal checks. */
  keys: string[];
  /** The key of a changed file's check in the last build (see HashedFile's `earlier`). */
  earlierKeys: Array<string | undefined>;
  key: string;
}

/** The content, by `loadFiles`, which is given the hash of ecap's code while it is made. */
async function readContent<File extends HashedFile>(loadFiles: (code: Promise<string>) => Promise<StageResult<File[]>>): Promise<Content<File>> {
  const code = codeHash();
  const [schemas, loaded] = await Promise.all([readSchemas(), loadFiles(code)]);
  // What every file's key starts from: ecap's code and the schemas.
  const base = hash(await code, JSON.stringify(schemas));
  const keys = loaded.value.map((file) => hash(base, file.digest));
  const earlierKeys = loaded.value.map((file) => file.earlier && hash(base, file.earlier));
  return { loaded, schemas, base, keys, earlierKeys, key: hash(base, ...keys, JSON.stringify(loaded.diagnostics)) };
}

/** A file's text: kept, or else read again. */
function textOf(file: HashedFile | SourceFile, cwd: string): Promise<SourceFile> {
  return 'text' in file ? Promise.resolve(file) : readAgain(file, cwd);
}

function cacheOf(options: CheckOptions): Cache | undefined {
  return options.cacheDir ? new Cache(path.resolve(options.cwd, options.cacheDir)) : undefined;
}

/** A job to check one file, made when it is sent: a build reads the file only then. */
type JobMaker = () => Promise<CheckJob>;

/**
 * How large each check worker's old generation may grow, in MB. A worker holds 13–17 MB
 * between files; with a limit under 2 GB, V8 lets a heap grow by about 1.4 × between full
 * collections instead of up to 4 ×, and this one is far enough above what a worker holds that
 * V8 does not collect without end near it, as with 40 or 64 MB (see docs/speed.md). Cold
 * builds of 1,000 records, three each way, interleaved: 232–241 MB in 14.7–15.9 s, against
 * 257–276 MB in 15.1–15.7 s without a limit (`/usr/bin/time`); the check alone, sampled,
 * 229–234 MB against 270–273 MB (both with the allocator settings of the README's Memory).
 * Tried after 2e4379b, the same limit cost about a third more time; 962fad9 and 52d8dab have
 * since halved what each file leaves to the old generation, so it fills half as fast.
 */
const checkOldMb = 512;

/**
 * Each check worker's young generation, in MB as Node counts it (where V8 puts new objects;
 * two thirds of it, the semi-spaces, stay resident). V8's own, 48, kept 32 MB resident in each
 * worker, where a worker holds 13–17 MB between files: at 10,000 records the two workers'
 * heaps were 53 MB each, half the V8 memory of the check. A note makes about 14 MB of
 * short-lived nodes, so with 24 a scavenge falls inside most files; but since a worker
 * collects between files and each file leaves little behind (see `youngCollection`), that
 * costs no time measured: cold builds of 1,000 records, alternated, 16.6–23.6 s (four of five
 * under 18.0 s) against 18.5–20.3 s, peaking at 200–208 MB against 233–245 MB; with 12, 23.3
 * and 25.6 s. At 10,000 records the check peaked at 225 MB against 263–270 MB (sampled every
 * 0.5 s; see Workers in docs/speed.md). Before workers collected between files, smaller young
 * generations did cost time: one worker checking 600 notes took 27.0–27.3 s with 48 and
 * 30.2–31.3 s with 32.
 */
const checkYoungMb = 24;

/**
 * The error to show for a check worker's failure: one out of memory is the content's size, not
 * a bug, and an edit (a note split) can mend it, so a watch goes on.
 */
export function checkFailure(error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') return error;
  return new UnusableInput(`Checking a file took more memory than a check worker may keep (${checkOldMb} MB of long-lived objects). Run again with \`--jobs 1\`, which checks on one thread without that limit, or split the largest notes.`);
}

/**
 * Runs `jobs` on `workers` threads and tells `onResult` of each job's result, by index, in the
 * order they finish. Each job is made as it is sent: a build reads its file only then.
 */
async function checkInPool(jobs: JobMaker[], workers: number, schemas: SchemaSet, options: CheckOptions, edition: Edition | undefined, onResult: (index: number, result: CheckJobResult) => Promise<void>): Promise<void> {
  const data: CheckWorkerData = { schemas, ...(options.cacheDir ? { cacheDir: path.resolve(options.cwd, options.cacheDir) } : {}), ...(edition ? { edition } : {}) };
  const pool = new Pool<CheckJob[], CheckJobResult[]>(workerScript('check-worker'), workers, data, { maxOldGenerationSizeMb: checkOldMb, maxYoungGenerationSizeMb: checkYoungMb });
  try {
    // Eight files a task: small enough to share the work out evenly, large enough that
    // messages cost little.
    const tasks = Array.from({ length: Math.ceil(jobs.length / 8) }, (_, t) => jobs.slice(t * 8, t * 8 + 8).map((job, j) => ({ job, index: t * 8 + j })));
    // At most 32 tasks waiting on the pool at once: plenty to keep every worker busy.
    await concurrently(tasks, async (task) => {
      const results = await pool.run(await Promise.all(task.map(({ job }) => job())));
      for (const [j, { index }] of task.entries()) await onResult(index, results[j]!);
    });
  } catch (error) {
    throw checkFailure(error);
  } finally {
    await pool.close();
  }
}

/**
 * load → parse → validate → structure → link: everything short of writing output. A caller
 * that wants only the diagnostics (`diagnosticsOnly`) gets those of the last check or build of
 * the same content, by its key, when the cache has them: with no model, and `unchanged`.
 */
export async function check(options: CheckOptions, { diagnosticsOnly = false } = {}): Promise<CheckResult> {
  const content = await readContent(() => load(options.contentDir, options.cwd, withText));
  // The digests, the bodies' outlines and the layout's key are a build's business.
  const files = content.loaded.value.map(({ digest: _, ...file }) => file);
  const cache = cacheOf(options);
  const known = diagnosticsOnly ? await cache?.get<CheckRecord>('checks', content.key) : undefined;
  if (known) return { files, model: undefined, unchanged: true, diagnostics: known.diagnostics, excerpts: await excerptsOf(known.diagnostics, content.loaded.value, content.keys, options.cwd, cache), key: content.key };
  const { outlines: __, layoutInputs: ___, languages: ____, ...result } = await checkContent(content, options, cache);
  return { files, ...result };
}

/**
 * The check of every file, from the cache where it holds the file's result. For a build
 * (`preparing`), each file is prepared too (see prepare.ts): the model comes without its body
 * trees, and `outlines` has what the pages need of the bodies. Whenever a model is made, the
 * problems are recorded for the content's key (see CheckRecord), unless the caller read that
 * record from the cache already (`recorded`).
 */
async function checkContent({ loaded, schemas, base, keys, earlierKeys, key }: Content<HashedFile | (SourceFile & HashedFile)>, options: CheckOptions, cache: Cache | undefined, preparing?: { edition: Edition; texts: BodyTexts }, recorded = false): Promise<Omit<CheckResult, 'files'> & { outlines: Map<string, PackedOutline>; layoutInputs: string; languages: string[] }> {
  const kind = preparing ? 'prepared' : 'files';
  const entryKeys = preparing ? keys.map((k) => preparedKey(k, preparing.edition)) : keys;
  const diagnostics = [...loaded.diagnostics];
  const checked: CheckedFile[] = [];
  const results: Array<PreparedFile | FileResult | undefined> = [];
  // A recent build's entries, in sixteen reads where there would be one per file. Builds only:
  // a check's entries hold whole body trees, too many to read at once. Sixteen shards, by an
  // entry key's first digit, each made and written apart: serialised as one, the entries made
  // the process's memory jump by about 300 MB at the end of a 10,000-record check. Keyed by
  // `base`, as every entry in them is: another version of ecap (or of the schemas) finds none of
  // the shards it could not use, where reading them held them all through its check.
  const shardKeys = preparing ? Array.from({ length: 16 }, (_, s) => hash(base, 'last', kind, preparing.edition, String(s))) : [];
  const shardOf = (entryKey: string) => parseInt(entryKey[0]!, 16);
  const last = new Map<string, PreparedFile | FileResult>();
  for (const shard of await Promise.all(shardKeys.map((k) => cache?.get<Map<string, PreparedFile | FileResult>>('last', k)))) for (const [k, entry] of shard ?? []) last.set(k, entry);
  await concurrently([...entryKeys.entries()], async ([i, k]) => void (results[i] = last.get(k) ?? (await cache?.get<PreparedFile | FileResult>(kind, k))));
  // Rewritten only once it lags behind by a sixteenth: rewriting it whole for every changed note
  // would cost more than the reads it saves.
  const missing = entryKeys.filter((k) => !last.has(k)).length;
  const stale = last.size - (entryKeys.length - missing);
  const lastIsRecent = missing <= entryKeys.length / 16 && stale <= entryKeys.length / 16;
  // What was of use is in `results` now; the stale entries (notes changed or gone) need not
  // stay alive through the check.
  last.clear();
  // An unchanged file is not parsed again; the others are parsed in a pool when there are enough.
  const jobs: JobMaker[] = [];
  const indices: number[] = [];
  for (const [i, result] of results.entries()) if (!result) jobs.push(async () => ({ key: keys[i]!, entryKey: entryKeys[i]!, earlier: earlierKeys[i], file: await textOf(loaded.value[i]!, options.cwd) })), indices.push(i);
  let done = keys.length - jobs.length;
  // Each new entry is decoded only once the check's threads are done: decoded as they came,
  // the entries made this thread's heap grow to 213 MB by the end of a 10,000-record check,
  // beside the threads' own. Until then, one the cache holds is read back from it, and only
  // without a cache is it held as its bytes: 37 MB at 10,000 records, made in the threads'
  // allocator arenas, which grew by as much and kept it after the check.
  const entries: Array<Uint8Array | undefined> = [];
  // `again`: a job run again after the check (below), whose entry is held and not counted twice.
  const onResult = async (j: number, { entry, fragments }: CheckJobResult, again = false) => {
    const i = indices[j]!;
    // Held when there is no cache to read it back from, or it could not be stored there.
    const stored = await cache?.setEncoded(kind, entryKeys[i]!, entry);
    if (!stored || again) entries[i] = entry;
    else doneOutsideHeap(entry);
    for (const [name, fragment] of fragments) await preparing!.texts.keep(name, keys[i]!, fragment);
    if (!again) options.onProgress?.('checking', ++done, keys.length);
  };
  // Jobs run on this thread. The per-file stages and what they need (remark, ajv, yaml) load
  // only when a file is not in the cache.
  const checkHere = async (js: Iterable<number>, again?: boolean) => {
    const run = await (await import('./check-file.js')).checkJobs(schemas, cache, preparing);
    // The cache's writes go on while the next file is parsed, 32 files' worth at most.
    await concurrently(js, async (j) => {
      const result = run(await jobs[j]!());
      await onResult(j, result, again);
      await result.saved;
    });
  };
  const workers = poolSize(jobs.length, options.jobs);
  if (workers > 1) await checkInPool(jobs, workers, schemas, options, preparing?.edition, onResult);
  else if (jobs.length > 0) await checkHere(jobs.keys());
  // The threads are done: the rest keeps the heap tight (see heap.ts). Decoded all at once and
  // left to V8, the entries made the heap grow to 290 MB at 10,000 records.
  return tightHeap(async () => {
    const read = (i: number) => {
      const bytes = entries[i];
      entries[i] = undefined;
      return bytes ? Cache.take<PreparedFile | FileResult>(entryKeys[i]!, bytes) : cache!.getSync<PreparedFile | FileResult>(kind, entryKeys[i]!);
    };
    const storing = cache && !lastIsRecent && shardKeys.length > 0;
    // What the build keeps of each file's entry: the rest (the outlines as objects, above all)
    // goes once its shard is stored. Decoded all before any was stored, the second benchmark
    // corpus's 10,000 entries took the build to its highest memory.
    const kept: Array<{ diagnostics: Diagnostic[]; checked?: CheckedFile; layoutInputs: string }> = [];
    const outlines = new Map<string, PackedOutline>();
    const keep = (i: number) => {
      const { diagnostics, checked, outlines: outlined = [], layoutInputs = '' } = results[i] as PreparedFile;
      kept[i] = { diagnostics, ...(checked ? { checked } : {}), layoutInputs };
      for (const [name, outline] of outlined) outlines.set(name, packOutline(outline));
      results[i] = undefined;
    };
    // A shard at a time, each stored (when the last build's are not recent) as soon as all its
    // entries are read. An entry gone from the cache since it was stored there (emptied by hand
    // meanwhile, say) is checked again, and its shard stored after.
    const groups: number[][] = shardKeys.length > 0 ? shardKeys.map(() => []) : [[]];
    for (const [i, k] of entryKeys.entries()) groups[shardKeys.length > 0 ? shardOf(k) : 0]!.push(i);
    const jOf = new Map(indices.map((i, j) => [i, j]));
    const lost: number[] = [];
    const waiting: number[] = [];
    const finish = async (s: number) => {
      if (storing) await cache.set('last', shardKeys[s]!, new Map(groups[s]!.map((i) => [entryKeys[i]!, results[i]!] as const)));
      for (const i of groups[s]!) keep(i);
    };
    for (const [s, group] of groups.entries()) {
      let whole = true;
      for (const i of group) {
        if (results[i] || !jOf.has(i)) continue;
        results[i] = read(i);
        if (!results[i]) (lost.push(jOf.get(i)!), (whole = false));
      }
      if (whole) await finish(s);
      else waiting.push(s);
    }
    if (lost.length > 0) await checkHere(lost, true);
    for (const j of lost) results[indices[j]!] = read(indices[j]!);
    for (const s of waiting) await finish(s);
    // A bad file never stops the others.
    for (const [i, file] of kept.entries()) {
      diagnostics.push(...file!.diagnostics);
      if (file!.checked) checked.push({ ...file!.checked, revision: keys[i] });
    }
    const linked = link(checked, loaded.value);
    diagnostics.push(...linked.diagnostics);
    // What the pages are laid out from: every file's (see PreparedFile).
    const layoutInputs = preparing ? hashEach(kept.map((file) => file!.layoutInputs)) : '';
    const sorted = sortDiagnostics(diagnostics);
    // Recorded for a later check or build of the same content (see CheckRecord).
    const languages = linked.value ? languagesUsed(linked.value) : [];
    if (linked.value && !recorded) await cache?.set('checks', key, { diagnostics: sorted, languages } satisfies CheckRecord);
    return { model: linked.value, diagnostics: sorted, excerpts: await excerptsOf(sorted, loaded.value, keys, options.cwd, cache), key, outlines, layoutInputs, languages };
  });
}

export interface BuildOptions extends CheckOptions {
  outDir: string;
  templatesDir?: string;
  /** Write nothing when there are more warnings than this (`--max-warnings`, `--strict`). */
  maxWarnings?: number;
  /** Default `internal`: everything, with internal passages marked. */
  edition?: Edition;
  /** What the reports say of their origin; read from git and SOURCE_DATE_EPOCH when not given. */
  provenance?: Provenance;
  /** Also print each report to PDF with a local Chromium. */
  pdf?: boolean;
}

/**
 * A build's `model` holds its records without their bodies' trees (see prepare.ts); `check` gives
 * the whole model, and the files' texts.
 */
export interface BuildResult extends Omit<CheckResult, 'files'> {
  /** The files written, relative to the output folder; none when the content had errors (then nothing is written). */
  written: Array<{ path: string }>;
  /** Nothing had changed since the last build of the same output: it was left as it was. */
  unchanged?: boolean;
  /** How many of the files written were kept from the previous build, being the same. */
  kept?: number;
  /** A model was made, but left on the build's own thread, as its caller asked (see `buildOnThread`). */
  modelLeft?: true;
}

/** What the cache keeps of a build, to know later that its output is still in place, and which of its files a later build can keep. */
interface BuildRecord {
  files: WrittenFile[];
}

/** What the cache keeps of a check, enough to know an unchanged build, or to repeat an unchanged check, without checking again. */
interface CheckRecord {
  diagnostics: Diagnostic[];
  languages: string[];
}

/** What a build keeps of a content file once it is checked: not its text. */
type CheckedSource = HashedFile & { revision: string };

/** What a build needs of its check to lay out and write. */
interface ToBuild {
  result: Omit<CheckResult, 'files' | 'model'> & { model: Model };
  outlines: ReadonlyMap<string, PackedOutline>;
  /** The key of what the pages are laid out from (see PreparedFile). */
  layoutInputs: string;
  context: RenderContext;
  stamp: string;
  sources: CheckedSource[];
  schemas: SchemaSet;
}

/**
 * The check of a build, and what the build needs of it. The files' texts are never all held
 * (190 MB at 10,000 records): each is read, hashed and let go (or its hash recalled, see
 * recall.ts), and read again only to be
 * parsed (when the cache does not hold its check), for its diagnostics' lines, or later to
 * render a body the cache has lost.
 * `done`: the build's result, when there is nothing to write, the content having problems or
 * the output being up to date.
 */
async function checkToBuild(options: BuildOptions, cache: Cache | undefined, edition: Edition, texts: BodyTexts): Promise<{ done: BuildResult } | (ToBuild & { done?: undefined })> {
  // Asked of git while the content is read, and once for the whole build; the context made once
  // for the languages the content uses (the same whether its check was recorded or is made now).
  const provenance = Promise.resolve(options.provenance ?? readProvenance(options.contentDir, options.cwd));
  const contexts = new Map<string, Promise<RenderContext>>();
  const contextOf = (languages: readonly string[]) => {
    const key = languages.join(' ');
    if (!contexts.has(key)) contexts.set(key, provenance.then((known) => renderContext(languages, { ...options, provenance: known })));
    return contexts.get(key)!;
  };
  const content = await readContent((code) => loadRecalling(options.contentDir, options.cwd, cache, code));
  const passes = (diagnostics: Diagnostic[]) => {
    const counts = countDiagnostics(diagnostics);
    return counts.error === 0 && counts.warning <= (options.maxWarnings ?? Infinity);
  };
  // Content checked before and output built from it still in place: nothing to do, and no
  // need to parse anything to know it.
  const known = await cache?.get<CheckRecord>('checks', content.key);
  if (known && passes(known.diagnostics)) {
    const stamp = buildStamp(content.key, await contextOf(known.languages), options);
    const previous = await upToDateBuild(cache!, stamp, options);
    if (previous) return { done: { model: undefined, diagnostics: known.diagnostics, excerpts: await excerptsOf(known.diagnostics, content.loaded.value, content.keys, options.cwd, cache), key: content.key, written: previous, unchanged: true } satisfies BuildResult };
  }
  // A build of content already recorded (a template changed, say) need not record it again.
  const { outlines, layoutInputs, languages, ...told } = await checkContent(content, options, cache, { edition, texts }, known !== undefined);
  if (!told.model || !passes(told.diagnostics)) return { done: { ...told, written: [] } satisfies BuildResult };
  const context = await contextOf(languages);
  const stamp = buildStamp(told.key, context, options);
  const same = cache && (await upToDateBuild(cache, stamp, options));
  if (same) return { done: { ...told, written: same, unchanged: true } satisfies BuildResult };
  const sources: CheckedSource[] = content.loaded.value.map((file, i) => ({ ...file, revision: content.keys[i]! }));
  // Its records' locations served the diagnostics, all made by now: the build lets them go.
  return { result: { ...told, model: unlocated(told.model) }, outlines, layoutInputs, context, stamp, sources, schemas: content.schemas };
}

/** check → render → write. Writes nothing unless the content is free of errors. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  // Say at once, before any work, when a PDF was asked for and cannot be made.
  const chromium = options.pdf ? requireChromium() : undefined;
  const cache = cacheOf(options);
  const edition = options.edition ?? 'internal';
  const texts = new BodyTexts(cache, edition);
  try {
    const toBuild = await checkToBuild(options, cache, edition, texts);
    if (toBuild.done) return toBuild.done;
    return await tightHeap(() => layOutAndWrite(toBuild, options, cache, { edition, texts }, chromium));
  } catch (error) {
    // The next build reads every file again, in case this one recalled the changed file.
    if (error instanceof ChangedWhileBuilding && cache && !(await forgetRecalled(options.contentDir, options.cwd, cache))) {
      throw new ChangedWhileBuilding(`${error.message} The cache, which ecap may not write to, cannot be told to read every note next time: build with --no-cache.`);
    }
    throw error;
  }
}

/** render → write, from a build's check. */
async function layOutAndWrite(toBuild: ToBuild, options: BuildOptions, cache: Cache | undefined, { edition, texts }: { edition: Edition; texts: BodyTexts }, chromium: string | undefined): Promise<BuildResult> {
  const { result, context, stamp, sources } = toBuild;
  const code = await codeHash();
  const bodies = preparedBodies(toBuild, options, cache, texts, edition);
  const store = cache && pageStore(cache, code);
  // Laid out before from the same records and outlines: the pages need not be laid out again.
  const layoutKey = hash(code, 'layout', toBuild.layoutInputs, context.templates.html, context.templates.markdown, version, edition, JSON.stringify(context.provenance));
  const laid = cache && (await cache.get<Layout>(layoutKind, layoutKey));
  const assets: Assets = { css: context.templates.css, fonts: context.fonts };
  // The bodies' shapes go to the cache once laid out, where a later build that keeps the layout
  // finds them too, and the files read them back; all are held if any cannot be stored.
  const keepShapes =
    cache &&
    (async (tables: Shape[][]): Promise<Shapes | undefined> =>
      (await storeShapes(cache, layoutKey, tables)) ? keptShapes(cache, layoutKey, () => new UnusableInput('The shapes of the pages’ bodies, left in the cache while the files were written, are gone from there (was the cache emptied meanwhile?): build again.')) : undefined);
  const layOut = async (serialise: ((job: TextJob) => Promise<PageText>) | undefined) => {
    options.onProgress?.('laying out');
    // The layout's own code (page builders, handlebars) is loaded only when there are pages to lay out.
    const { plan, renderPlan } = await import('./render.js');
    const laidOut = await renderPlan(plan(result.model, context), context, { bodies, ...(store && keepShapes ? { store, code, keepShapes } : {}), ...(serialise ? { serialise } : {}) });
    options.onProgress?.('writing');
    return laidOut;
  };
  const pdfs: string[] = [];
  const print = (pages: string[]) => async (folder: string) => {
    pdfs.push(...(await printPdfs(folder, pages.map((page) => `${page}.html`), chromium!)));
  };
  options.onProgress?.('writing');
  // What the build now in the output folder wrote: a file of it that is to be the same is kept.
  const before = cache && (await builtBy(options.outDir, options.cwd));
  const previous = before ? ((await cache!.get<BuildRecord>('builds', recordKey(before, options)))?.files ?? []) : [];
  // `written`: told once every file is written, before any PDF is printed.
  const writeOut = (layout: Layout, files: Iterable<OutputFile>, written?: () => Promise<void>) =>
    write(options.outDir, files, { cwd: options.cwd, contentDir: options.contentDir }, async (folder) => {
      await written?.();
      if (options.pdf) await print(layout.pages)(folder);
    }, stamp, previous);
  // A kept layout whose texts or shapes the cache has lost is of no use: nothing was swapped in then.
  const lost = (error: unknown) => {
    if (error instanceof LayoutIncomplete) return undefined;
    throw error;
  };
  // Loaded here: it brings the serialisers (fill() may need remark-stringify), which an unchanged build never needs.
  const { laidFiles } = await import('./layout.js');
  const reused = laid && (await writeOut(laid, laidFiles(laid, keptShapes(cache!, layoutKey, () => new LayoutIncomplete()), assets, laidSources(store!, bodies))).catch(lost));
  let out = reused;
  if (!out) {
    pdfs.length = 0;
    // The pages' own text is serialised on other threads while this one writes, where there
    // are cores to spare (`pagePoolSize`); else here. The threads start only when a page's
    // text is not in the cache, and stop before any PDF is printed. Their young generation is
    // 8 MB: serialising, they keep up as well as with V8's 48 (writing 10,000 records from a
    // checked cache took 112.8–118.5 s either way), and the build's peak was 498 MB against 548.
    const workers = pagePoolSize(sources.length, options.jobs);
    let pool: Pool<TextJob, PageText> | undefined;
    let laidOut: Awaited<ReturnType<typeof layOut>> | undefined;
    try {
      laidOut = await layOut(workers > 0 ? (job) => (pool ??= new Pool<TextJob, PageText>(workerScript('page-worker'), workers, undefined, { maxYoungGenerationSizeMb: 8 })).run(job) : undefined);
      const { made } = laidOut;
      out = await writeOut(laidOut.layout, laidOut.files, async () => {
        await made();
        await pool?.close();
      });
    } finally {
      await pool?.close();
      // Nothing is left running after the build: a text still being made fails here without the threads, or ends.
      await laidOut?.made();
    }
    await cache?.set(layoutKind, layoutKey, laidOut.layout);
  }
  const { written, kept } = out;
  const outFolder = path.resolve(options.cwd, options.outDir);
  const printed = await Promise.all(pdfs.map(async (file) => ({ path: file, size: (await stat(path.join(outFolder, ...file.split('/')))).size })));
  const all = [...written, ...printed].sort((a, b) => compareText(a.path, b.path));
  await cache?.set('builds', recordKey(stamp, options), { files: all } satisfies BuildRecord);
  return { ...result, written: all.map((f) => ({ path: f.path })), kept };
}

/** A text or shapes of a kept layout that the cache no longer holds: the layout cannot be used. */
class LayoutIncomplete extends Error {}

/** What a kept layout's files are made of: own texts from the page store, bodies as prepared. */
function laidSources(store: PageStore, bodies: BodySource): Sources {
  return {
    text: async function* (key) {
      const text = await store.get(key);
      if (text === undefined) throw new LayoutIncomplete();
      yield* [text].flat();
    },
    outline: (name) => bodies.outline(name)!,
    edges: (name) => bodies.edges(name)!,
    body: (name, format) => bodies.text(name, format),
    revision: (name) => bodies.revision(name),
  };
}

/** A prepared file's entry in the cache: its check's key and the edition. */
function preparedKey(key: string, edition: Edition): string {
  return hash(key, 'prepared', edition);
}

/**
 * The bodies a build prepared as it checked the files: outlines at hand, texts from `texts`.
 * A text the cache has lost is made again by preparing its file once more, never taken on
 * trust: read again, as it must still be what was checked.
 */
function preparedBodies({ sources, outlines, schemas }: { sources: readonly CheckedSource[]; outlines: ReadonlyMap<string, PackedOutline>; schemas: SchemaSet }, options: CheckOptions, cache: Cache | undefined, texts: BodyTexts, edition: Edition): BodySource {
  const files = new Map(sources.map((file) => [file.path, file]));
  // `content/practices/x.md#body`: the body's record's file.
  const recordOf = (name: string) => files.get(name.slice(0, name.lastIndexOf('#')))!;
  let run: ReturnType<typeof checkJobs> | undefined;
  // By file: a file is prepared again once, however many of its bodies were lost.
  const again = new Map<string, Promise<unknown>>();
  const prepareAgain = (name: string): Promise<unknown> => {
    const file = recordOf(name);
    if (!again.has(file.path)) {
      run ??= import('./check-file.js').then((m) => m.checkJobs(schemas, cache, { edition, texts }));
      again.set(file.path, Promise.all([run, readAgain(file, options.cwd)]).then(([job, source]) => job({ key: file.revision, entryKey: preparedKey(file.revision, edition), file: source }).saved));
    }
    return again.get(file.path)!;
  };
  // What a prepared body's packed outline gives, read as `as` reads it; undefined for a body not prepared.
  const readOutline = <T>(name: string, as: (packed: PackedOutline) => T): T | undefined => {
    const packed = outlines.get(name);
    return packed === undefined ? undefined : as(packed);
  };
  return {
    prepared: (name) => outlines.has(name),
    outline: (name) => readOutline(name, unpackOutline),
    edges: (name) => readOutline(name, packedEdges),
    text: async (name, format) => {
      const revision = recordOf(name).revision;
      const known = texts.get(name, revision, format);
      if (known !== undefined) return known;
      await prepareAgain(name);
      const text = texts.get(name, revision, format);
      if (text === undefined) throw new Error(`ecap bug: preparing ${name.slice(0, name.lastIndexOf('#'))} again did not give its body ${name}`);
      return text;
    },
    revision: (name) => recordOf(name).revision,
  };
}

/** Everything that shapes a build's output: equal stamps, equal output. */
function buildStamp(key: string, { templates, version, fonts, edition, provenance }: RenderContext, options: BuildOptions): string {
  return hash(key, JSON.stringify(templates), version, edition, JSON.stringify(provenance), String(Boolean(options.pdf)), ...fonts.map((f) => f.bytes));
}

/**
 * Where the cache keeps what the build `stamp` wrote into the output folder: one record a
 * folder, since two folders built alike (`ecap build`'s and `ecap serve`'s) hold files of their
 * own times, and each would otherwise take the other's for changed.
 */
function recordKey(stamp: string, options: Pick<BuildOptions, 'outDir' | 'cwd'>): string {
  return hash(stamp, path.resolve(options.cwd, options.outDir));
}

/** The files of the build `stamp` when they are all still in the output folder as it wrote them. */
async function upToDateBuild(cache: Cache, stamp: string, options: BuildOptions): Promise<Array<{ path: string }> | undefined> {
  const previous = await cache.get<BuildRecord>('builds', recordKey(stamp, options));
  return previous && (await upToDate(options.outDir, options.cwd, stamp, previous.files)) ? previous.files.map((f) => ({ path: f.path })) : undefined;
}

/**
 * Everything besides the content that a render needs: templates, ecap's version, the fonts the
 * content's scripts need, the edition and where the content comes from. `languages`: those
 * the content uses (`languagesUsed`).
 */
export async function renderContext(languages: readonly string[], options: Pick<BuildOptions, 'templatesDir' | 'edition' | 'provenance' | 'contentDir' | 'cwd'>): Promise<RenderContext> {
  const [templates, fonts] = await Promise.all([readTemplates(options.templatesDir ?? defaultTemplatesDir), readFonts(fontsFor(languages))]);
  return { templates, version, fonts, edition: options.edition ?? 'internal', provenance: options.provenance ?? (await readProvenance(options.contentDir, options.cwd)) };
}

export const defaultTemplatesDir = path.join(packageRoot, 'templates');

export async function readTemplates(dir: string): Promise<Templates> {
  const read = (name: string) =>
    readFile(path.join(dir, name), 'utf8').catch(async () => {
      if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) throw new UsageError(`Templates folder \`${dir}\` not found: pass --templates DIR, a copy of the bundled templates/ folder.`);
      throw new UnusableInput(`Templates folder \`${dir}\` has no \`${name}\`: copy the bundled templates/ folder and edit the copy.`);
    });
  const [html, markdown, css] = await Promise.all([read('page.html.hbs'), read('page.md.hbs'), read('ecap.css')]);
  return { html, markdown, css };
}


export interface FixResult extends CheckResult {
  /** The diagnostics whose fixes were applied, as they were before fixing. */
  fixed: Diagnostic[];
}

/**
 * Applies every unambiguous fix the check found, then checks again, up to ten rounds: a
 * file whose schema errors are fixed has its references checked only in the next round.
 * A file changed since it was read is left alone. Each fixed file is written whole,
 * through a temporary file beside it.
 */
export async function fix(options: CheckOptions): Promise<FixResult> {
  const fixed: Diagnostic[] = [];
  let result = await check(options);
  for (let round = 0; round < 10; round++) {
    const applied = await applyRound(result, options.cwd);
    if (applied.length === 0) break;
    fixed.push(...applied);
    result = await check(options);
  }
  return { ...result, fixed: sortDiagnostics(fixed) };
}

async function applyRound(result: CheckResult, cwd: string): Promise<Diagnostic[]> {
  const byFile = diagnosticsByFile(result.diagnostics.filter((d) => d.fix));
  const applied: Diagnostic[] = [];
  for (const [file, list] of byFile) {
    const checkedText = result.files.find((f) => f.path === file)?.text;
    const abs = path.resolve(cwd, file);
    // A file gone or unreadable since the check is not the text checked: left to the next check.
    const raw = await readFile(abs, 'utf8').catch(() => undefined);
    const bom = raw?.startsWith('\uFEFF') ? '\uFEFF' : '';
    if (raw === undefined || raw.slice(bom.length) !== checkedText) continue;
    const edited = applyFixes(checkedText, list.map((d) => d.fix!));
    await writeFixed(abs, bom + edited.text, file);
    applied.push(...list.filter((d) => edited.applied.includes(d.fix!)));
  }
  return applied;
}

/**
 * Writes a fixed note through a file beside it, with the note's own permissions, renamed over
 * it once whole: a failure leaves the note as it was and nothing beside it, where a stray file
 * would be warned about by every later check.
 */
async function writeFixed(file: string, text: string, shown: string): Promise<void> {
  const temp = `${file}.ecap-fix-${process.pid}`;
  try {
    const { mode } = await stat(file);
    await writeFile(temp, text);
    await chmod(temp, mode & 0o7777);
    await rename(temp, file);
  } catch (error) {
    // Not ours to remove if it was there before (a folder of that name, say).
    await rm(temp, { force: true }).catch(() => undefined);
    throw new UnusableInput(`Could not write the fixes to \`${shown}\` (${reasonOf(error)}); it is left as it was. Make the file and its folder writable, then run \`ecap check --fix\` again.`);
  }
}
