import path from 'node:path';
import type { Model } from '../model/model.js';
import { compareText } from '../order.js';
import { pageAnchorer, resolveLinks, type Anchors } from '../render/anchors.js';
import type { FontFace } from '../render/fonts.js';
import { chartFile, toMarkdownPage } from '../render/markdown.js';
import { runText, textJobs, ties, type PageText, type Runs, type TextJob } from '../render/page-text.js';
import { chartSvg } from '../report/charts.js';
import { toHtml } from 'hast-util-to-html';
import { hash, hashEach } from './cache.js';
import { limited } from './concurrently.js';
import { walk } from '../walk.js';
import { compileShells, type ShellData, type Templates } from '../render/page-shell.js';
import { comprehensiveReport } from '../report/comprehensive.js';
import { countryReport } from '../report/country.js';
import { dataFiles } from '../report/data.js';
import { indexPage } from '../report/index-page.js';
import { lookup, type Lookup } from '../report/lookup.js';
import { body, paragraph, strong, xref, type BodyNode, type Inline } from '../report/nodes.js';
import type { Paragraph, Root, RootContent } from 'mdast';
import { pageFinisher, type Page } from '../report/page.js';
import { listKind, renderFragment, type Edges, type Fragment, type FragmentFormat, type Outline } from '../render/fragment.js';
import { bodyMark, bodyMarks, pageMark } from '../render/marks.js';
import { forEdition, type Edition } from '../model/edition.js';
import type { Provenance } from './provenance.js';
import { laidFiles, wholeText, ownKey, type LaidFile, type Layout, type Neighbour, type OutputFile, type PlacedBody, type Shape, type Shapes, type Sources } from './layout.js';
import { capitalise, formatDate } from '../report/format.js';
import { runsAhead, streamPageText, type RunSink, type RunStore, type StreamedText } from './page-stream.js';

const allBodyMarks = new RegExp(bodyMarks, 'g');

/** An output file held whole, for previews and comparisons. */
export interface WholeFile extends OutputFile {
  content: string | Uint8Array;
}

/** Everything besides the content that shapes the output. */
export interface RenderContext {
  templates: Templates;
  version: string;
  fonts: FontFace[];
  edition: Edition;
  provenance: Provenance;
}

/** The pages of an edition, to be laid out, and the bodies the data files show. */
export interface Plan {
  model: Model;
  /** The edition model's indexes, built once for the layout and the writing. */
  find: Lookup;
  /**
   * The pages, each of which makes its tree afresh whenever it is needed, as it is walked, and
   * lets it go after: a build holds a section of a report at a time (see `sectioned`). Before,
   * every page's tree was held from layout to the last file written: over 300 MB at 10,000
   * records, four fifths of it the country reports.
   */
  pages: Page[];
  /** Each practice's and recommendation's body as written, for the data files. */
  descriptions: Map<string, BodyNode>;
}

/** Plans every page of an edition, its bodies still to be rendered. Pure. */
export function plan(content: Model, context: Pick<RenderContext, 'edition'>): Plan {
  const model = forEdition(content, context.edition);
  const find = lookup(model);
  const made = [indexPage(model, find), comprehensiveReport(model, find), ...model.missions.map((m) => countryReport(model, m, find))];
  const pages = context.edition === 'internal' ? made.map(markInternalEdition) : made;
  const descriptions = new Map<string, BodyNode>();
  for (const r of [...model.practices, ...model.recommendations]) {
    const [node] = body(r, r.body.children, undefined);
    if (node) descriptions.set(r.file, node);
  }
  return { model, find, pages, descriptions };
}

/** Where a render finds the bodies it does not render itself: a build's (see prepare.ts). */
export interface BodySource {
  /** Whether the body was prepared, and not for the render to render itself: a look, where `outline` makes one. */
  prepared(name: string): boolean;
  /** Undefined for a body the render is to render itself. */
  outline(name: string): Outline | undefined;
  /** The outline's list kinds alone; undefined as `outline` is. */
  edges(name: string): Edges | undefined;
  text(name: string, format: FragmentFormat): Promise<string>;
  /** The revision of the body's record: with `code`, it gives the files their keys. */
  revision(name: string): string | undefined;
}

export interface RenderOptions {
  bodies?: BodySource;
  /** Keeps each page's own text between builds. */
  store?: PageStore;
  /** A hash of the code that renders: given, every page and data file gets its key. */
  code?: string;
  /** Serialises the runs of the pages' own text, e.g. on other threads; default: here, as they are asked for. */
  serialise?: (job: TextJob) => Promise<PageText>;
  /**
   * Takes the bodies' shapes, by table, once the pages are laid out, and gives where the files
   * are to read them: held until the last file is written, the comprehensive report's were
   * 9 MB at 10,000 records. Without it, or when it gives undefined, they are held.
   */
  keepShapes?: (tables: Shape[][]) => Promise<Shapes | undefined>;
}

/** A page whose nodes are finished as they are made; what the layout needs of them is gathered as they are walked. */
export interface FinishedPage {
  path: string;
  title: string;
  /** To be walked once. */
  nodes: Iterable<RootContent>;
  /** The anchors of its keyed headings, complete once `nodes` is walked. */
  anchors: Map<string, string>;
  /** Its bodies as placed, and their shapes, complete once `nodes` is walked (see bodyPlacer). */
  placed: PlacedBody[];
  shapes: Shape[];
}

/**
 * Page `index` of the plan, its top-level nodes made one after the other and each finished:
 * tables and figures numbered, headings made unique and anchored, bodies numbered and placed.
 * The same nodes each time: a build lays a page out from one make and serialises it from
 * another, which need not gather where its bodies go (`placing`: the comprehensive report's
 * were 5.5 MB at 10,000 records). A node is given once the next is made, which placing its
 * bodies needs to know.
 */
export function finishedPage(planned: Plan, index: number, outlineOf: (body: BodyNode) => Outline, { placing = true } = {}): FinishedPage {
  const page = planned.pages[index]!;
  const finish = pageFinisher(outlineOf);
  const { anchor, own } = pageAnchorer(outlineOf);
  const { place, placed, shapes } = bodyPlacer(placing);
  function* nodes(): Generator<RootContent> {
    let before: RootContent | undefined;
    let current: RootContent | undefined;
    for (const node of page.children()) {
      finish(node);
      anchor(node);
      if (current) {
        place(current, before, node);
        yield current;
      }
      [before, current] = [current, node];
    }
    if (current) {
      place(current, before, undefined);
      yield current;
    }
  }
  return { path: page.path, title: page.title, nodes: nodes(), anchors: own, placed, shapes };
}

/**
 * Lays out every page of an edition as HTML and as Markdown, the data files and charts, and
 * gives the layout and its files, each made as `files` is iterated. Bodies come from `bodies` or
 * are rendered here. Each page's tree is made twice: once to lay the page out, and again, when
 * its own text is not in `store`, to serialise it. Pure but for `bodies`, `serialise`, and
 * `store`, which it fills with the files' own texts. `made` settles once every text begun is
 * made and stored (or failed), which may be after the last file has read what it needed.
 */
export async function renderPlan(planned: Plan, context: RenderContext, { bodies, store, code, serialise: elsewhere, keepShapes }: RenderOptions = {}): Promise<{ layout: Layout; files: Iterable<OutputFile>; made: () => Promise<void> }> {
  const serialise = elsewhere ?? (async (job: TextJob) => runText(job));
  const { model, find } = planned;
  const nodes = new Map<string, BodyNode>();
  const rendered = new Map<string, Fragment>();
  const own = (name: string): Fragment => {
    let fragment = rendered.get(name);
    if (fragment) return fragment;
    const node = nodes.get(name)!;
    // A body prepared for a build has no tree here: its outline should have come with it.
    if (node.nodes.some((n) => n.type === 'renderedBody')) throw new Error(`ecap bug: the body ${name} was prepared for the build but has no outline`);
    rendered.set(name, (fragment = renderFragment(node.nodes, name)));
    return fragment;
  };
  const outlineOf = (name: string): Outline => bodies?.outline(name) ?? own(name);
  // Only the bodies rendered here are kept: a build's are prepared, and holding their nodes
  // took 11 MB at 10,000 records.
  const known = (node: BodyNode) => {
    if (!bodies?.prepared(node.name)) nodes.set(node.name, node);
  };
  const byNode = (node: BodyNode) => {
    known(node);
    return outlineOf(node.name);
  };
  // Each chart's file, made from the first page that shows it.
  const chartFiles = new Map<string, string>();
  // Each page laid out, a node at a time, and only what the layout needs of it kept; its
  // bodies' shapes apart, to be let go when they are kept elsewhere.
  const shapes: Shape[][] = [];
  const pages = planned.pages.map((_, i) => {
    const { path: at, title, nodes, anchors, placed, shapes: shaped } = finishedPage(planned, i, byNode);
    shapes.push(shaped);
    const charts: string[] = [];
    let tied = false;
    const tree = treeKey(at, tapped(nodes, (top) => {
      tied ||= ties(top);
      walk(top, (node) => {
        if (node.type !== 'chart' || chartFiles.has(chartFile(node))) return;
        chartFiles.set(chartFile(node), toHtml(chartSvg(node, true), { space: 'svg' }) + '\n');
        charts.push(chartFile(node));
      });
    }));
    return { path: at, title, anchors, placed, tree, charts, tied };
  });
  const anchors: Anchors = new Map(pages.map((p) => [p.path, p.anchors]));
  const tables = pages.map((p) => p.placed);
  const shells = compileShells(context.templates);
  const destinations = [
    { page: 'index', label: 'Index' },
    { page: 'comprehensive', label: 'Comprehensive report' },
    ...model.missions.map((m) => ({ page: `countries/${m.data.country.toLowerCase()}`, label: find.country(m.data.country).name })),
  ];
  // A page's own text follows from its tree and the anchors of every page, which its links follow.
  const linked = hash(JSON.stringify([...anchors].map(([page, own]) => [page, [...own]])));
  const keys = pages.map((p) => hash(p.tree, linked));
  // The same on every page of a folder (the Markdown marks no current page): serialised once per folder.
  const navs = new Map<string, string>();
  const navMarkdown = (from: string): string => {
    const folder = path.posix.dirname(from);
    if (!navs.has(folder)) {
      const tree: Root = { type: 'root', children: [paragraph(...destinations.flatMap((d, i): Inline[] => [...(i ? [' · '] : []), xref({ page: d.page }, d.label)]))] };
      resolveLinks(tree, from, anchors, 'md');
      navs.set(folder, toMarkdownPage(tree).trim());
    }
    return navs.get(folder)!;
  };
  const ownOf = (file: string, shell: string, text: string) => ownKey(code ?? '', context.edition, file, shell, text);
  // A page's shell in one format. Made again when its file is written: every HTML shell lists
  // every page, and held until then, the shells were 40 MB at 10,000 records.
  const site = `${model.activity.programme.name} · ${model.activity.title}`;
  const shellOf = ({ path: at, title }: { path: string; title: string }, format: FragmentFormat): string => {
    const root = at.includes('/') ? '../' : '';
    const shared: Omit<ShellData, 'body' | 'nav' | 'navMarkdown'> = { title, site, root, version: context.version, notice: model.activity.notice ?? '', edition: editionStatement(context) };
    if (format === 'markdown') return shells.markdown({ ...shared, nav: [], navMarkdown: navMarkdown(at), body: pageMark });
    return shells.html({ ...shared, nav: destinations.map((d) => ({ label: d.label, current: d.page === at, href: `${root}${d.page}.html` })), navMarkdown: '', body: pageMark });
  };
  // A page's own text is made only when one of its files is written, once for both formats.
  const texts = new Map<string, () => AsyncIterable<string>>();
  // Texts at hand now that a later build with this layout may need, shells and data files,
  // stored 32 at a time: each is a buffer until written.
  const storing: Array<Promise<void>> = [];
  const keep = async (key: string, text: string) => {
    if (!store) return;
    storing.push(store.set(key, text));
    if (storing.length >= 32) await Promise.all(storing.splice(0));
  };
  const files: LaidFile[] = [];
  // The data files first. They give each description as a mark, filled in as they are
  // written: the same mark each time their text is made.
  const described: PlacedBody[] = [];
  const describedShapes: Shape[] = [];
  const descriptionMarks = new Map<string, string>();
  const describe = (record: { file: string }) => {
    const node = planned.descriptions.get(record.file);
    if (!node) return '';
    let made = descriptionMarks.get(record.file);
    if (made === undefined) {
      known(node);
      describedShapes.push({ depth: node.depth });
      descriptionMarks.set(record.file, (made = bodyMark(described.push({ name: node.name, before: '', after: '' }) - 1)));
    }
    return made;
  };
  // A data file's text is made from the records, a record at a time, each time it is read:
  // to key it, to store it, to write it. Held until written, the practices' was one string
  // of 15 MB at 10,000 records.
  for (const file of dataFiles(model, find, describe)) {
    // The bodies it shows, by their marks' numbers, in order.
    const shows: number[] = [];
    const runs = tapped(file.runs(), (run) => {
      for (const m of run.matchAll(allBodyMarks)) shows.push(Number(m[1]));
    });
    const textKey = hash('data', hashEach(runs));
    if (!texts.has(textKey)) {
      texts.set(textKey, async function* () {
        yield* file.runs();
      });
      if (store) await keepJoined(store.runs(textKey), file.runs());
    }
    files.push({ path: file.path, textKey, format: 'markdown', json: true, table: pages.length, shows, own: ownOf(file.path, '', textKey) });
  }
  // Two pages' texts made at once, in order: one keeps the threads busy while the next is
  // begun. With every page's runs fed to the threads together, every page's text grew at once.
  const twoPages = limited(2);
  // The texts being made, waited for before the build ends: a file that copied the rest of its
  // pieces from the previous build stops reading before its text is all made.
  const making = new Set<Promise<void>>();
  for (const [i, page] of pages.entries()) {
    // Read from the store one format at a time. Else serialised, in both formats at once,
    // when the first of the page's two files asks, and read by each as it is made.
    const textKeys = { markdown: pageTextKey(keys[i]!, 'markdown'), html: pageTextKey(keys[i]!, 'html') };
    let made: StreamedText | undefined;
    const pageTextOf = async function* (format: FragmentFormat) {
      const kept = made ? undefined : await store?.get(textKeys[format]);
      if (kept !== undefined) return yield* [kept].flat();
      if (!made) {
        const text = (made = streamPageText(
          textJobs(page.path, finishedPage(planned, i, byNode, { placing: false }).nodes, anchors, page.tied),
          serialise,
          store && { markdown: runStore(store, textKeys.markdown), html: runStore(store, textKeys.html) },
          twoPages,
          elsewhere ? runsAhead : 0,
        ));
        making.add(text.done);
        // Once made, the text is in the store, where a file that asks later reads it (without
        // a cache, it is made again); a format no file has read (one kept from the last
        // build, say) is let go.
        void text.done.then(() => {
          making.delete(text.done);
          if (made === text) made = undefined;
        });
      }
      yield* made.read(format);
    };
    for (const format of ['markdown', 'html'] as const) {
      const file = `${page.path}.${format === 'html' ? 'html' : 'md'}`;
      const shell = shellOf(page, format);
      const shellKey = hash('shell', shell);
      texts.set(shellKey, async function* () {
        yield shellOf(page, format);
      });
      await keep(shellKey, shell);
      const textKey = textKeys[format];
      texts.set(textKey, () => pageTextOf(format));
      files.push({ path: file, textKey, format, shell: { key: shellKey, ...(shell.includes(pageMark) ? {} : { alone: true as const }) }, table: i, own: ownOf(file, shell, textKey) });
    }
    for (const chart of page.charts) files.push({ path: chart, content: chartFiles.get(chart)! });
  }
  await Promise.all(storing);
  const layout: Layout = { pages: pages.map((p) => p.path), files, tables: [...tables, described] };
  shapes.push(describedShapes);
  // Taken out of `shapes`, which the closures made here would hold as long as any file.
  const laidShapes = shapes.splice(0);
  const shapesOf = (await keepShapes?.(laidShapes)) ?? heldShapes(laidShapes);
  const sources: Sources = {
    text: (key) => texts.get(key)!(),
    outline: outlineOf,
    edges: (name) => bodies?.edges(name) ?? own(name),
    body: async (name, format) => (bodies?.prepared(name) ? bodies.text(name, format) : own(name)[format]),
    revision: (name) => (code === undefined ? undefined : bodies?.revision(name)),
  };
  return { layout, files: laidFiles(layout, shapesOf, { css: context.templates.css, fonts: context.fonts }, sources), made: async () => void (await Promise.all(making)) };
}

/** Shapes held here, by table. */
function heldShapes(tables: Shape[][]): Shapes {
  return async (table, body) => tables[table]![body]!;
}

/** `plan` then `renderPlan`, with every page whole: for previews and comparisons. */
export async function render(content: Model, context: RenderContext): Promise<WholeFile[]> {
  const out: WholeFile[] = [];
  for await (const { key: _, pieces: __, ...file } of (await renderPlan(plan(content, context), context)).files) out.push({ ...file, content: typeof file.content === 'string' || file.content instanceof Uint8Array ? file.content : await wholeText(file.content) });
  return out.sort((a, b) => compareText(a.path, b.path));
}

/** Keeps files' own texts (without their bodies), page shells and data files' texts between builds, by a hash of what they are made from. */
export interface PageStore {
  get(key: string): Promise<Runs | undefined>;
  set(key: string, text: string): Promise<void>;
  /** Stores a text given run by run, so that it need not be held whole: call in order, and await each. */
  runs(key: string): RunSink;
  /** Run `n` of a text stored by `runs`, as soon as it is stored; not when the text was one run. */
  run: (key: string, n: number) => Promise<string | undefined>;
}

/** A text of the store as a page's text streams it: stored run by run, and read back. */
function runStore(store: PageStore, key: string): RunStore {
  return { keep: store.runs(key), recall: (n) => store.run(key, n) };
}

/**
 * Gives `runs` to `sink` joined into runs of 256 K characters or more, each an entry of the
 * store: a data file's runs are a record each.
 */
async function keepJoined(sink: RunSink, runs: Iterable<string>): Promise<void> {
  let joined = '';
  for (const run of runs) {
    if (joined.length >= 1 << 18) {
      await sink(joined, false);
      joined = '';
    }
    joined += run;
  }
  await sink(joined, true);
}

/** Where the store keeps a page's own text in one format. */
function pageTextKey(page: string, format: FragmentFormat): string {
  return hash(page, format);
}

/**
 * A hash of a finished page's tree, less its bodies' own nodes, hashed node by node as they
 * come: a large report's tree would be hundreds of megabytes as one string.
 */
function treeKey(path: string, nodes: Iterable<RootContent>): string {
  const withoutBodies = (value: unknown) => JSON.stringify(value, (name, v: unknown) => (name === 'nodes' || name === 'revision' ? undefined : v));
  // JSON.stringify runs several times faster without a replacer, and a node with no body in
  // it, most of a page, needs none.
  const json = (value: unknown) => {
    const plain = JSON.stringify(value);
    return plain.includes('"type":"body"') ? withoutBodies(value) : plain;
  };
  function* parts(): Generator<string> {
    yield* [path, json({ type: 'root' })];
    for (const node of nodes) yield json(node);
  }
  return hashEach(parts());
}

/** The items, each shown to `look` as it is taken. */
function* tapped<T>(items: Iterable<T>, look: (item: T) => void): Generator<T> {
  for (const item of items) {
    look(item);
    yield item;
  }
}

/**
 * Numbers a page's bodies for its serialisation to mark, its top-level nodes given one after
 * the other with those beside them, and notes for each body whether a list or another body
 * stands right before or after it (Markdown would merge two adjacent lists of one kind), and
 * its shape. Unless `gathering`, it only numbers them.
 */
function bodyPlacer(gathering: boolean): { place: (top: RootContent, before: RootContent | undefined, after: RootContent | undefined) => void; placed: PlacedBody[]; shapes: Shape[] } {
  const placed: PlacedBody[] = [];
  const shapes: Shape[] = [];
  let slots = 0;
  const neighbour = (node: RootContent | undefined): Neighbour => (node?.type === 'body' ? { body: node.name } : listKind(node));
  const place = (top: RootContent, before: RootContent | undefined, after: RootContent | undefined) =>
    walk(top, (node, parent, index) => {
      if (node.type !== 'body') return;
      node.slot = slots++;
      if (!gathering) return;
      const [left, right] = parent ? [parent.children[index - 1], parent.children[index + 1]] : [before, after];
      placed.push({ name: node.name, before: neighbour(left as RootContent | undefined), after: neighbour(right as RootContent | undefined) });
      shapes.push({ depth: node.depth, fills: node.fills });
    });
  return { place, placed, shapes };
}

/** `Internal edition, compiled by ecap 0.1.0 from content commit 1a2b3c4d5e6f on 25 November 2026.` */
export function editionStatement({ edition, version, provenance }: Pick<RenderContext, 'edition' | 'version' | 'provenance'>): string {
  const from = provenance.commit ? ` from content commit ${provenance.commit}${provenance.dirty ? ' with uncommitted changes' : ''}` : '';
  const on = provenance.date ? ` on ${formatDate(provenance.date)}` : '';
  return `${capitalise(edition)} edition, compiled by ecap ${version}${from}${on}.`;
}

/** Right under the title of every page of the internal edition: it must not be published. */
function markInternalEdition(page: Page): Page {
  function* children(): Generator<RootContent> {
    let first = true;
    for (const node of page.children()) {
      yield node;
      if (first) yield editionBanner();
      first = false;
    }
  }
  return { ...page, children };
}

function editionBanner(): Paragraph {
  return {
    type: 'paragraph',
    data: { hProperties: { className: ['edition-banner'] } },
    children: [strong('Internal edition.'), { type: 'text', value: ' It contains passages marked internal: do not publish it. Build the public edition with ' }, { type: 'inlineCode', value: 'ecap build --edition public' }, { type: 'text', value: '.' }],
  };
}
