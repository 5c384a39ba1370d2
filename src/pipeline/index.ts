import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { applyFixes } from '../content/fix.js';
import { UsageError } from '../errors.js';
import path from 'node:path';
import { packageRoot, version } from '../package.js';
import { readSchemas, type SchemaSet } from '../content/schemas.js';
import type { StageResult } from '../diagnostics/diagnostic.js';
import type { FileResult } from './check-file.js';
import { Cache, codeHash, hash } from './cache.js';
import { inBatches } from './batches.js';
import type { CheckTask, CheckTaskResult, CheckWorkerData } from './check-worker.js';
import { Pool, poolSize } from './pool.js';
import { countDiagnostics, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/model.js';
import type { Templates } from '../render/page-shell.js';
import { link } from './link.js';
import { load, type SourceFile } from './load.js';
import type { PageStore, PageText, Plan, RenderContext } from './render.js';
import type { Fragment } from '../render/fragment.js';
import type { CheckedFile } from './structure.js';
import { upToDate, write } from './write.js';
import { compareText } from '../order.js';
import { printPdfs, requireChromium } from './pdf.js';
import { readProvenance, type Provenance } from './provenance.js';
import type { Edition } from '../model/edition.js';
import { readFonts } from './assets.js';
import { fontsFor, languagesUsed } from '../render/fonts.js';

export interface CheckOptions {
  contentDir: string;
  cwd: string;
  /** Where to keep each file's checked result between runs; no cache when absent. */
  cacheDir?: string;
  /** For a build: the workers also render the bodies of the files they check, for this edition. */
  prerender?: Edition;
  /** At most this many threads check files at once (default: the cores); 1 keeps all work on the main thread. */
  jobs?: number;
  /** Told of each step, for a progress display: the stage, and records done of total where counted. */
  onProgress?: (stage: string, done?: number, total?: number) => void;
}

export interface CheckResult {
  files: SourceFile[];
  model: Model | undefined;
  diagnostics: Diagnostic[];
  /** A hash of everything the check read: equal keys, equal results. */
  key: string;
  /** Bodies the workers rendered ahead (see `prerender`), by fragment name. */
  fragments?: Map<string, Fragment>;
}

/** The content as read, each file's key, and the key of the whole. */
interface Content {
  loaded: StageResult<SourceFile[]>;
  schemas: SchemaSet;
  keys: string[];
  key: string;
}

async function readContent(options: CheckOptions): Promise<Content> {
  const [schemas, loaded, code] = await Promise.all([readSchemas(), load(options.contentDir, options.cwd), codeHash()]);
  const base = hash(code, JSON.stringify(schemas));
  const keys = loaded.value.map((file) => hash(base, file.collection, file.path, file.text));
  return { loaded, schemas, keys, key: hash(base, ...keys, JSON.stringify(loaded.diagnostics)) };
}

function cacheOf(options: CheckOptions): Cache | undefined {
  return options.cacheDir ? new Cache(path.resolve(options.cwd, options.cacheDir)) : undefined;
}

/**
 * Checks the files at `indices` on `workers` threads, storing each result in the cache as the
 * worker encoded it, and tells `onResult` of each with the bodies its worker rendered ahead.
 */
async function checkInPool(
  indices: number[],
  workers: number,
  { loaded, schemas, keys }: Pick<Content, 'loaded' | 'schemas' | 'keys'>,
  options: CheckOptions,
  cache: Cache | undefined,
  onResult: (index: number, result: FileResult, rendered: Array<[string, Fragment]>) => void,
): Promise<void> {
  // Workers run compiled code, also under the tests (which compile first).
  const pool = new Pool<CheckTask, CheckTaskResult>(path.join(packageRoot, 'build', 'pipeline', 'check-worker.js'), workers, { schemas, ...(options.prerender ? { prerender: options.prerender } : {}) } satisfies CheckWorkerData);
  try {
    // Eight files a task: small enough to share the work out evenly, large enough that
    // messages cost little.
    const tasks = Array.from({ length: Math.ceil(indices.length / 8) }, (_, t) => indices.slice(t * 8, t * 8 + 8));
    const settled = await Promise.allSettled(
      tasks.map(async (task) => {
        const { entries, fragments } = await pool.run(task.map((i) => ({ key: keys[i]!, file: loaded.value[i]! })));
        for (const [j, i] of task.entries()) {
          await cache?.setEncoded('files', keys[i]!, entries[j]!);
          onResult(i, Cache.decode<FileResult>(keys[i]!, entries[j]!)!, fragments[j]!);
        }
      }),
    );
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    await pool.close();
  }
}

/** load → parse → validate → structure → link: everything short of writing output. */
export async function check(options: CheckOptions): Promise<CheckResult> {
  return checkContent(await readContent(options), options);
}

async function checkContent({ loaded, schemas, keys, key }: Content, options: CheckOptions): Promise<CheckResult> {
  let checker: Promise<(file: SourceFile) => FileResult> | undefined;
  const checkFile = async (file: SourceFile) => (await (checker ??= import('./check-file.js').then((m) => m.fileChecker(schemas))))(file);
  const cache = cacheOf(options);
  const diagnostics = [...loaded.diagnostics];
  const checked: CheckedFile[] = [];
  const results: Array<FileResult | undefined> = [];
  await inBatches([...keys.entries()], async ([i, key]) => void (results[i] = await cache?.get<FileResult>('files', key)));
  // An unchanged file is not parsed again; the others are parsed in a pool when there are enough.
  const missing = [...keys.keys()].filter((i) => !results[i]);
  let done = keys.length - missing.length;
  const progress = () => options.onProgress?.('checking', done, keys.length);
  const workers = poolSize(missing.length, options.jobs);
  const fragments = new Map<string, Fragment>();
  if (workers > 1) {
    await checkInPool(missing, workers, { loaded, schemas, keys }, options, cache, (i, result, rendered) => {
      results[i] = result;
      for (const [name, fragment] of rendered) fragments.set(name, fragment);
      done++;
      progress();
    });
  }
  for (const i of workers > 1 ? [] : missing) {
    results[i] = await checkFile(loaded.value[i]!);
    await cache?.set('files', keys[i]!, results[i]);
    done++;
    progress();
  }
  // A bad file never stops the others.
  for (const [i, result] of results.entries()) {
    diagnostics.push(...result!.diagnostics);
    if (result!.checked) checked.push({ ...result!.checked, revision: keys[i] });
  }
  const linked = link(checked, loaded.value);
  diagnostics.push(...linked.diagnostics);
  return { files: loaded.value, model: linked.value, diagnostics: sortDiagnostics(diagnostics), key, ...(fragments.size ? { fragments } : {}) };
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

export interface BuildResult extends CheckResult {
  /** The files written, relative to the output folder; none when the content had errors (then nothing is written). */
  written: Array<{ path: string }>;
  /** Nothing had changed since the last build of the same output: it was left as it was. */
  unchanged?: boolean;
}

/** What the cache keeps of a build, to know later that its output is still in place. */
interface BuildRecord {
  files: Array<{ path: string; size: number }>;
}

/** What the cache keeps of a check, enough to know an unchanged build without checking again. */
interface CheckRecord {
  diagnostics: Diagnostic[];
  languages: string[];
}

/** check → render → write. Writes nothing unless the content is free of errors. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  // Say at once, before any work, when a PDF was asked for and cannot be made.
  const chromium = options.pdf ? requireChromium() : undefined;
  const cache = cacheOf(options);
  const content = await readContent(options);
  const passes = (diagnostics: Diagnostic[]) => {
    const counts = countDiagnostics(diagnostics);
    return counts.error === 0 && counts.warning <= (options.maxWarnings ?? Infinity);
  };
  // Content checked before and output built from it still in place: nothing to do, and no
  // need to parse anything to know it.
  const known = await cache?.get<CheckRecord>('checks', content.key);
  if (known && passes(known.diagnostics)) {
    const stamp = buildStamp(content.key, await renderContext(known.languages, options), options);
    const previous = await upToDateBuild(cache!, stamp, options);
    if (previous) return { files: content.loaded.value, model: undefined, diagnostics: known.diagnostics, key: content.key, written: previous, unchanged: true };
  }
  const result = await checkContent(content, { ...options, prerender: options.edition ?? 'internal' });
  if (!result.model || !passes(result.diagnostics)) return { ...checked(result), written: [] };
  const languages = languagesUsed(result.model);
  await cache?.set('checks', content.key, { diagnostics: result.diagnostics, languages } satisfies CheckRecord);
  const context = await renderContext(languages, options);
  const { edition } = context;
  const stamp = buildStamp(result.key, context, options);
  const previous = cache && (await upToDateBuild(cache, stamp, options));
  if (previous) return { ...checked(result), written: previous, unchanged: true };
  options.onProgress?.('rendering');
  // The renderer (unified, rehype, handlebars) is loaded only when there is something to render.
  const { plan, renderPlan } = await import('./render.js');
  const planned = plan(result.model, context);
  const fragments = await cachedFragments(cache, planned, edition, result.fragments);
  const code = await codeHash();
  const pageStore: PageStore | undefined = cache && { get: (key) => cache.get<PageText>('pages', hash(code, key)), set: (key, text) => cache.set('pages', hash(code, key), text) };
  const { files, rendered } = await renderPlan(planned, context, fragments, pageStore);
  const pdfs: string[] = [];
  const print = async (folder: string) => {
    pdfs.push(...(await printPdfs(folder, planned.pages.map((page) => `${page.path}.html`), chromium!)));
  };
  options.onProgress?.('writing');
  const written = await write(options.outDir, files, { cwd: options.cwd, contentDir: options.contentDir }, options.pdf ? print : undefined, stamp);
  // After writing: the data files may have rendered a body no page shows.
  await storeFragments(cache, planned, new Map([...(result.fragments ?? []), ...rendered]), edition);
  const all = [...written, ...pdfs].sort(compareText).map((file) => ({ path: file }));
  const out = path.resolve(options.cwd, options.outDir);
  await cache?.set('builds', stamp, { files: await Promise.all(all.map(async (f) => ({ path: f.path, size: (await stat(path.join(out, ...f.path.split('/')))).size }))) } satisfies BuildRecord);
  return { ...checked(result), written: all };
}

/** What a build tells of its check: the bodies rendered ahead are the build's own business. */
function checked({ fragments: _, ...result }: CheckResult): CheckResult {
  return result;
}

/** Everything that shapes a build's output: equal stamps, equal output. */
function buildStamp(key: string, { templates, version, fonts, edition, provenance }: RenderContext, options: BuildOptions): string {
  return hash(key, JSON.stringify(templates), version, edition, JSON.stringify(provenance), String(Boolean(options.pdf)), ...fonts.map((f) => f.bytes));
}

/** The files of the build `stamp` when they are all still in the output folder as it wrote them. */
async function upToDateBuild(cache: Cache, stamp: string, options: BuildOptions): Promise<Array<{ path: string }> | undefined> {
  const previous = await cache.get<BuildRecord>('builds', stamp);
  return previous && (await upToDate(options.outDir, options.cwd, stamp, previous.files)) ? previous.files.map((f) => ({ path: f.path })) : undefined;
}

/** A body's fragment between builds: keyed by its record's revision, which part of it, and the edition. */
function fragmentKey(name: string, revision: string, edition: Edition): string {
  return hash('fragment', name, revision, edition);
}

/** Every fragment the plan needs that the check rendered ahead (`ready`) or an earlier build rendered, by name. */
async function cachedFragments(cache: Cache | undefined, planned: Plan, edition: Edition, ready: ReadonlyMap<string, Fragment> = new Map()): Promise<Map<string, Fragment>> {
  const found = new Map(ready);
  if (!cache) return found;
  const wanted = [...planned.bodies].filter(([name, node]) => node.revision && !found.has(name));
  await inBatches(wanted, async ([name, node]) => {
    const fragment = await cache.get<Fragment>('fragments', fragmentKey(name, node.revision!, edition));
    if (fragment) found.set(name, fragment);
  });
  return found;
}

async function storeFragments(cache: Cache | undefined, planned: Plan, rendered: ReadonlyMap<string, Fragment>, edition: Edition): Promise<void> {
  if (!cache) return;
  await inBatches([...rendered], async ([name, fragment]) => {
    const revision = planned.bodies.get(name)?.revision;
    if (revision) await cache.set('fragments', fragmentKey(name, revision, edition), fragment);
  });
}

/**
 * Everything besides the content that a render needs: templates, ecap's version, the fonts the
 * content's scripts need, the edition and where the content comes from. Shared by `build` and
 * `serve`, so that a preview is made exactly as a build is. `languages`: those the content uses (`languagesUsed`).
 */
export async function renderContext(languages: readonly string[], options: Pick<BuildOptions, 'templatesDir' | 'edition' | 'provenance' | 'contentDir' | 'cwd'>): Promise<RenderContext> {
  const [templates, fonts] = await Promise.all([readTemplates(options.templatesDir ?? defaultTemplatesDir), readFonts(fontsFor(languages))]);
  return { templates, version, fonts, edition: options.edition ?? 'internal', provenance: options.provenance ?? readProvenance(options.contentDir, options.cwd) };
}

export const defaultTemplatesDir = path.join(packageRoot, 'templates');

export async function readTemplates(dir: string): Promise<Templates> {
  const read = (name: string) =>
    readFile(path.join(dir, name), 'utf8').catch(() => {
      throw new UsageError(`Templates folder \`${dir}\` has no \`${name}\`: copy the bundled templates/ folder and edit the copy.`);
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
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) if (d.fix) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const applied: Diagnostic[] = [];
  for (const [file, list] of byFile) {
    const checkedText = result.files.find((f) => f.path === file)?.text;
    const abs = path.resolve(cwd, file);
    const raw = await readFile(abs, 'utf8');
    const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
    if (raw.slice(bom.length) !== checkedText) continue;
    const edited = applyFixes(checkedText, list.map((d) => d.fix!));
    await writeFileAtomic(abs, bom + edited.text);
    applied.push(...list.filter((d) => edited.applied.includes(d.fix!)));
  }
  return applied;
}

async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.ecap-fix-${process.pid}`;
  await writeFile(temp, text);
  await rename(temp, file);
}
