import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { applyFixes } from '../content/fix.js';
import { UsageError } from '../errors.js';
import path from 'node:path';
import { packageRoot, version } from '../package.js';
import { readSchemas } from '../content/schemas.js';
import type { FileResult } from './check-file.js';
import { Cache, codeHash, hash } from './cache.js';
import { countDiagnostics, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/model.js';
import type { Templates } from '../render/page-shell.js';
import { link } from './link.js';
import { load, type SourceFile } from './load.js';
import type { Plan, RenderContext } from './render.js';
import type { Fragment } from '../render/fragment.js';
import type { CheckedFile } from './structure.js';
import { upToDate, write } from './write.js';
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
  /** Told of each step, for a progress display: the stage, and records done of total where counted. */
  onProgress?: (stage: string, done?: number, total?: number) => void;
}

export interface CheckResult {
  files: SourceFile[];
  model: Model | undefined;
  diagnostics: Diagnostic[];
  /** A hash of everything the check read: equal keys, equal results. */
  key: string;
}

/** load → parse → validate → structure → link: everything short of writing output. */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const schemas = await readSchemas();
  let checker: Promise<(file: SourceFile) => FileResult> | undefined;
  const checkFile = async (file: SourceFile) => (await (checker ??= import('./check-file.js').then((m) => m.fileChecker(schemas))))(file);
  const loaded = await load(options.contentDir, options.cwd);
  const cache = options.cacheDir ? new Cache(path.resolve(options.cwd, options.cacheDir)) : undefined;
  const base = hash(await codeHash(), JSON.stringify(schemas));
  const diagnostics = [...loaded.diagnostics];
  const checked: CheckedFile[] = [];
  const keys = loaded.value.map((file) => hash(base, file.collection, file.path, file.text));
  const cached: Array<FileResult | undefined> = [];
  await inBatches(keys.map((key, i) => [key, i] as const), async ([key, i]) => void (cached[i] = await cache?.get<FileResult>('files', key)));
  // A bad file never stops the others; an unchanged one is not parsed again.
  for (const [i, file] of loaded.value.entries()) {
    options.onProgress?.('checking', i + 1, loaded.value.length);
    let result = cached[i];
    if (!result) {
      result = await checkFile(file);
      await cache?.set('files', keys[i]!, result);
    }
    diagnostics.push(...result.diagnostics);
    if (result.checked) checked.push({ ...result.checked, revision: keys[i] });
  }
  const linked = link(checked, loaded.value);
  diagnostics.push(...linked.diagnostics);
  return { files: loaded.value, model: linked.value, diagnostics: sortDiagnostics(diagnostics), key: hash(base, ...keys, JSON.stringify(loaded.diagnostics)) };
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

/** check → render → write. Writes nothing unless the content is free of errors. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  // Say at once, before any work, when a PDF was asked for and cannot be made.
  const chromium = options.pdf ? requireChromium() : undefined;
  const result = await check(options);
  const counts = countDiagnostics(result.diagnostics);
  if (!result.model || counts.error > 0 || counts.warning > (options.maxWarnings ?? Infinity)) return { ...result, written: [] };
  const context = await renderContext(result.model, options);
  const { templates, version, fonts, edition, provenance } = context;
  const cache = options.cacheDir ? new Cache(path.resolve(options.cwd, options.cacheDir)) : undefined;
  const stamp = hash(result.key, JSON.stringify(templates), version, edition, JSON.stringify(provenance), String(Boolean(options.pdf)), ...fonts.map((f) => f.bytes));
  const previous = await cache?.get<BuildRecord>('builds', stamp);
  if (previous && (await upToDate(options.outDir, options.cwd, stamp, previous.files))) {
    return { ...result, written: previous.files.map((f) => ({ path: f.path })), unchanged: true };
  }
  options.onProgress?.('rendering');
  // The renderer (unified, rehype, handlebars) is loaded only when there is something to render.
  const { plan, renderPlan } = await import('./render.js');
  const planned = plan(result.model, context);
  const fragments = await cachedFragments(cache, planned, edition);
  const { files, rendered } = renderPlan(planned, context, fragments);
  await storeFragments(cache, planned, rendered, edition);
  const pdfs: Array<{ path: string }> = [];
  const print = async (folder: string) => {
    const pages = files.filter((f) => f.path.endsWith('.html')).map((f) => f.path);
    for (const pdf of await printPdfs(folder, pages, chromium!)) pdfs.push({ path: pdf });
  };
  options.onProgress?.('writing');
  await write(options.outDir, files, { cwd: options.cwd, contentDir: options.contentDir }, options.pdf ? print : undefined, stamp);
  const all = [...files.map((f) => ({ path: f.path })), ...pdfs];
  const out = path.resolve(options.cwd, options.outDir);
  await cache?.set('builds', stamp, { files: await Promise.all(all.map(async (f) => ({ path: f.path, size: (await stat(path.join(out, ...f.path.split('/')))).size }))) } satisfies BuildRecord);
  return { ...result, written: all };
}

/** A body's fragment between builds: keyed by its record's revision, where and how it is shown, and the edition. */
function fragmentKey(name: string, revision: string, edition: Edition): string {
  return hash('fragment', name, revision, edition);
}

/** Every fragment the plan needs that an earlier build rendered, by name. */
async function cachedFragments(cache: Cache | undefined, planned: Plan, edition: Edition): Promise<Map<string, Fragment>> {
  const found = new Map<string, Fragment>();
  if (!cache) return found;
  const wanted = [...planned.bodies].filter(([, b]) => b.node.revision);
  await inBatches(wanted, async ([name, b]) => {
    const fragment = await cache.get<Fragment>('fragments', fragmentKey(name, b.node.revision!, edition));
    if (fragment) found.set(name, fragment);
  });
  return found;
}

async function storeFragments(cache: Cache | undefined, planned: Plan, rendered: ReadonlyMap<string, Fragment>, edition: Edition): Promise<void> {
  if (!cache) return;
  await inBatches([...rendered], async ([name, fragment]) => {
    const revision = planned.bodies.get(name)?.node.revision;
    if (revision) await cache.set('fragments', fragmentKey(name, revision, edition), fragment);
  });
}

/** Runs `task` on every item, 32 at a time: one at a time leaves the CPU waiting on the disk. */
async function inBatches<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 32) await Promise.all(items.slice(i, i + 32).map(task));
}

/**
 * Everything besides the content that a render needs: templates, ecap's version, the fonts the
 * content's scripts need, the edition and where the content comes from. Shared by `build` and
 * `serve`, so that a preview is made exactly as a build is.
 */
export async function renderContext(model: Model, options: Pick<BuildOptions, 'templatesDir' | 'edition' | 'provenance' | 'contentDir' | 'cwd'>): Promise<RenderContext> {
  const [templates, fonts] = await Promise.all([readTemplates(options.templatesDir ?? defaultTemplatesDir), readFonts(fontsFor(languagesUsed(model)))]);
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
