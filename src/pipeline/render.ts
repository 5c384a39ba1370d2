import path from 'node:path';
import type { Model } from '../model/model.js';
import { compareText } from '../order.js';
import { assignAnchors, resolveLinks, type Anchors } from '../render/anchors.js';
import type { FontFace } from '../render/fonts.js';
import { toHtmlBody } from '../render/html.js';
import { chartFile, toMarkdownPage } from '../render/markdown.js';
import { chartSvg, type Chart } from '../report/charts.js';
import { toHtml } from 'hast-util-to-html';
import { hash, hashEach } from './cache.js';
import { walk } from '../report/walk.js';
import { compileShells, type ShellData, type Templates } from '../render/page-shell.js';
import { comprehensiveReport } from '../report/comprehensive.js';
import { countryReport } from '../report/country.js';
import { dataFiles } from '../report/data.js';
import { indexPage } from '../report/index-page.js';
import { lookup, type Lookup } from '../report/lookup.js';
import { body, paragraph, strong, xref, type BodyNode, type Inline } from '../report/nodes.js';
import type { Paragraph, Root, RootContent } from 'mdast';
import { finishPage, type Page } from '../report/page.js';
import { fill, listKind, renderFragment, type Fragment, type FragmentFormat, type ListKind, type Outline } from '../render/fragment.js';
import { bodyMark, bodyMarks, pageMark } from '../render/marks.js';
import { forEdition, type Edition } from '../model/edition.js';
import type { Provenance } from './provenance.js';
import { capitalise, formatDate } from '../report/format.js';

/** A file to write under the output folder. */
export interface OutputFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  /** A page comes in pieces, made as they are written: it never has to be one string. */
  content: string | Uint8Array | AsyncIterable<string>;
  /**
   * A hash of everything the content follows from, for the files that take long to make: equal
   * keys, equal bytes, so a build can keep the file its previous build wrote.
   */
  key?: string;
}

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

/** The pages of an edition, laid out, and the bodies the data files show. */
export interface Plan {
  model: Model;
  /** The edition model's indexes, built once for the layout and the writing. */
  find: Lookup;
  pages: Page[];
  /** Each practice's and recommendation's body as written, for the data files. */
  descriptions: Map<string, BodyNode>;
}

/** Lays out every page of an edition, its bodies still to be rendered. Pure. */
export function plan(content: Model, context: Pick<RenderContext, 'edition'>): Plan {
  const model = forEdition(content, context.edition);
  const find = lookup(model);
  const pages: Page[] = [indexPage(model, find), comprehensiveReport(model, find), ...model.missions.map((m) => countryReport(model, m, find))];
  if (context.edition === 'internal') pages.forEach(markInternalEdition);
  const descriptions = new Map<string, BodyNode>();
  for (const r of [...model.practices, ...model.recommendations]) {
    const [node] = body(r, r.body.children, undefined);
    if (node) descriptions.set(r.file, node);
  }
  return { model, find, pages, descriptions };
}

/** Where a render finds the fragments of bodies it does not render itself: a build's (see prepare.ts). */
export interface BodySource {
  /** Undefined for a body the render is to render itself. */
  outline(node: BodyNode): Outline | undefined;
  text(node: BodyNode, format: FragmentFormat): Promise<string>;
}

export interface RenderOptions {
  bodies?: BodySource;
  /** Keeps each page's own text between builds. */
  store?: PageStore;
  /** A hash of the code that renders: given, every page and data file gets its key. */
  code?: string;
}

/**
 * Every page of an edition as HTML and as Markdown, the data files, the stylesheets and fonts,
 * each made as `files` is iterated. Bodies come from `bodies` or are rendered here. It
 * numbers, anchors and links the plan's pages in place, so a plan serves one call. Pure but
 * for `bodies` and `store`.
 */
export async function renderPlan(planned: Plan, context: RenderContext, { bodies, store, code }: RenderOptions = {}): Promise<AsyncIterable<OutputFile>> {
  const { model, find, pages } = planned;
  const rendered = new Map<string, Fragment>();
  const own = (node: BodyNode): Fragment => {
    let fragment = rendered.get(node.name);
    if (fragment) return fragment;
    // A body prepared for a build has no tree here: its outline should have come with it.
    if (node.nodes.some((n) => n.type === 'renderedBody')) throw new Error(`ecap bug: the body ${node.name} was prepared for the build but has no outline`);
    rendered.set(node.name, (fragment = renderFragment(node.nodes, node.name)));
    return fragment;
  };
  const outlineOf = (node: BodyNode): Outline => bodies?.outline(node) ?? own(node);
  const textOf = async (node: BodyNode, format: FragmentFormat): Promise<string> => (bodies?.outline(node) ? bodies.text(node, format) : own(node)[format]);
  pages.forEach((page) => finishPage(page, outlineOf));
  const anchors = assignAnchors(pages, outlineOf);
  const shells = compileShells(context.templates);
  const destinations = [
    { page: 'index', label: 'Index' },
    { page: 'comprehensive', label: 'Comprehensive report' },
    ...model.missions.map((m) => ({ page: `countries/${m.data.country.toLowerCase()}`, label: find.country(m.data.country).name })),
  ];
  const placed = pages.map((page) => placeBodies(page.root));
  const keys = pageKeys(pages, anchors);
  const put = (text: string | (() => Promise<string>), slots: readonly Slot[], format: FragmentFormat, escape?: (piece: string) => string) => assemble(text, slots, outlineOf, textOf, format, escape);
  // A file's bytes follow from its own text (a page's: from its tree, keyed already) and from
  // each body it shows: its record's revision, and where and how the page places it.
  const bodiesKey = (slots: readonly Slot[]): string | undefined => (code && slots.every((s) => s.node.revision) ? JSON.stringify(slots.map(({ node }) => [node.name, node.revision, node.depth, node.fills])) : undefined);
  const keyOf = (path: string, text: string, bodies: string | undefined): string | undefined => (bodies === undefined ? undefined : hash(code!, context.edition, path, text, bodies));
  // The data files give each description as a mark, filled in as they are written.
  const described: Slot[] = [];
  const describe = (record: { file: string }) => {
    const node = planned.descriptions.get(record.file);
    return node ? bodyMark(described.push({ node, before: undefined, after: undefined }) - 1) : '';
  };
  const inJson = (piece: string) => JSON.stringify(piece).slice(1, -1);
  // Each page is put together only when the writer asks for it, so that a page's pieces can
  // be let go once written instead of every page being held at once.
  function* files(): Generator<OutputFile> {
    const charts = new Set<string>();
    for (const [i, page] of pages.entries()) {
      // Shared by the page's two files, and not even read for a file kept from the last build.
      let text: Promise<PageText> | undefined;
      const pageTextOf = () => (text ??= pageText(page, keys[i]!, anchors, store));
      yield* pageFiles(page, pageTextOf, keys[i]!, placed[i]!, charts);
    }
    yield { path: 'assets/ecap.css', content: context.templates.css };
    yield { path: 'assets/fonts.css', content: context.fonts.map((f) => f.css).join('\n\n') + '\n' };
    for (const font of context.fonts) yield { path: `assets/fonts/${font.file}`, content: font.bytes };
    for (const file of dataFiles(model, find, describe)) {
      const text = file.content as string;
      const shown = [...text.matchAll(new RegExp(bodyMarks, 'g'))].map((m) => described[Number(m[1])]!);
      yield { path: file.path, content: put(text, described, 'markdown', inJson), ...defined('key', keyOf(file.path, text, bodiesKey(shown))) };
    }
  }
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
  function* pageFiles(page: Page, text: () => Promise<PageText>, key: string, slots: readonly Slot[], charts: Set<string>): Generator<OutputFile> {
    const root = page.path.includes('/') ? '../' : '';
    const shared: Omit<ShellData, 'body' | 'nav' | 'navMarkdown'> = {
      title: page.title,
      site: `${model.activity.programme.name} · ${model.activity.title}`,
      root,
      version: context.version,
      notice: model.activity.notice ?? '',
      edition: editionStatement(context),
    };
    const nav = destinations.map((d) => ({ label: d.label, page: d.page, current: d.page === page.path }));
    const markdownShell = shells.markdown({ ...shared, nav: [], navMarkdown: navMarkdown(page.path), body: pageMark });
    const markdownPath = `${page.path}.md`;
    const bodies = bodiesKey(slots);
    yield { path: markdownPath, content: inShell(markdownShell, put(async () => (await text()).markdown, slots, 'markdown')), ...defined('key', keyOf(markdownPath, markdownShell + key, bodies)) };
    const htmlNav = nav.map((d) => ({ label: d.label, current: d.current, href: `${root}${d.page}.html` }));
    const htmlShell = shells.html({ ...shared, nav: htmlNav, navMarkdown: '', body: pageMark });
    const htmlPath = `${page.path}.html`;
    yield { path: htmlPath, content: inShell(htmlShell, put(async () => (await text()).html, slots, 'html')), ...defined('key', keyOf(htmlPath, htmlShell + key, bodies)) };
    const found: Chart[] = [];
    walk(page.root, (node) => void (node.type === 'chart' && found.push(node)));
    for (const chart of found) {
      if (charts.has(chartFile(chart))) continue;
      charts.add(chartFile(chart));
      yield { path: chartFile(chart), content: toHtml(chartSvg(chart, true), { space: 'svg' }) + '\n' };
    }
  }
  return asyncFiles(files());
}

async function* asyncFiles(files: Iterable<OutputFile>): AsyncGenerator<OutputFile> {
  yield* files;
}

/** `plan` then `renderPlan`, with every page whole: for previews and comparisons. */
export async function render(content: Model, context: RenderContext): Promise<WholeFile[]> {
  const out: WholeFile[] = [];
  for await (const { key: _, ...file } of await renderPlan(plan(content, context), context)) out.push({ ...file, content: typeof file.content === 'string' || file.content instanceof Uint8Array ? file.content : await joined(file.content) });
  return out.sort((a, b) => compareText(a.path, b.path));
}

async function joined(pieces: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of pieces) text += piece;
  return text;
}

/** Keeps pages' own serialisations (without their bodies) between builds, by a hash of what they serialise. */
export interface PageStore {
  get(key: string): Promise<PageText | undefined>;
  set(key: string, text: PageText): Promise<void>;
}

export type PageText = Record<FragmentFormat, string>;

/**
 * A key of each page's own text: its tree (less its bodies' own nodes) and the anchors of every
 * page, which its links follow from. Taken before the links are resolved, and hashed node by
 * node: a large report's tree would be hundreds of megabytes as one string.
 */
function pageKeys(pages: readonly Page[], anchors: Anchors): string[] {
  const linked = hash(JSON.stringify([...anchors].map(([page, own]) => [page, [...own]])));
  const withoutBodies = (value: unknown) => JSON.stringify(value, (name, v: unknown) => (name === 'nodes' || name === 'revision' ? undefined : v));
  // JSON.stringify runs several times faster without a replacer, and a child with no body in
  // it, most of a page, needs none.
  const json = (value: unknown) => {
    const plain = JSON.stringify(value);
    return plain.includes('"type":"body"') ? withoutBodies(value) : plain;
  };
  function* parts({ path, root: { children, ...root } }: Page): Generator<string> {
    yield* [path, linked, json(root)];
    for (const child of children) yield json(child);
  }
  return pages.map((page) => hashEach(parts(page)));
}

/**
 * A page's own serialisation in both formats, its bodies left as marks. A long page is mostly
 * the same from one build to the next while a body changes, so it is looked up in `store` by
 * its key first. Made only when a file of the page is written, and let go with it.
 */
async function pageText(page: Page, key: string, anchors: Anchors, store: PageStore | undefined): Promise<PageText> {
  const known = await store?.get(key);
  if (known) return known;
  resolveLinks(page.root, page.path, anchors, 'md');
  const markdown = toMarkdownPage(page.root, page.path);
  resolveLinks(page.root, page.path, anchors, 'html');
  const text = { markdown, html: toHtmlBody(page.root) };
  await store?.set(key, text);
  return text;
}

/** A body's place in a file: the node, and what stands right before and after it. */
interface Slot {
  node: BodyNode;
  before: RootContent | undefined;
  after: RootContent | undefined;
}

/**
 * Numbers the page's bodies for its serialisation to mark, and notes for each whether a list
 * stands right before or after it: Markdown would merge two adjacent lists of one kind.
 */
function placeBodies(root: Root): Slot[] {
  const placed: Slot[] = [];
  walk(root, (node, parent, index) => {
    if (node.type !== 'body') return;
    node.slot = placed.length;
    placed.push({ node, before: parent?.children[index - 1] as RootContent | undefined, after: parent?.children[index + 1] as RootContent | undefined });
  });
  return placed;
}

/**
 * A file's own text with each body's mark replaced by its filled fragment (`escape`d, e.g. for
 * a JSON string), piece by piece as the writer asks for them: a page never exists whole.
 */
async function* assemble(
  own: string | (() => Promise<string>),
  slots: readonly Slot[],
  outlineOf: (node: BodyNode) => Outline,
  textOf: (node: BodyNode, format: FragmentFormat) => Promise<string>,
  format: FragmentFormat,
  escape: (piece: string) => string = (piece) => piece,
): AsyncGenerator<string> {
  const pieces = (typeof own === 'string' ? own : await own()).split(bodyMarks);
  const edge = (node: RootContent | undefined, side: 'first' | 'last'): ListKind => (node?.type === 'body' ? outlineOf(node)[side] : listKind(node));
  // The text before a body is held until the body is known not to be empty.
  let before = pieces[0]!;
  for (let i = 1; i < pieces.length; i += 2) {
    const { node, before: previous, after } = slots[Number(pieces[i])]!;
    const fragment = outlineOf(node);
    let piece = fill({ ...fragment, [format]: await textOf(node, format) } as Fragment, format, node.depth, node.fills);
    if (piece === '') {
      before = before.replace(/\n+$/, '') + pieces[i + 1]!;
      continue;
    }
    if (format === 'markdown') {
      // An empty comment keeps two lists apart, as CommonMark suggests.
      if (fragment.first && edge(previous, 'last') === fragment.first) piece = `<!-- -->\n\n${piece}`;
      if (fragment.last && edge(after, 'first') === fragment.last) piece = `${piece}\n\n<!-- -->`;
    }
    yield before;
    yield escape(piece);
    before = pieces[i + 1]!;
  }
  yield before;
}

/** The shell's text around the page's pieces. */
async function* inShell(shell: string, pieces: AsyncIterable<string>): AsyncGenerator<string> {
  const at = shell.indexOf(pageMark);
  if (at < 0) {
    yield shell;
    return;
  }
  yield shell.slice(0, at);
  yield* pieces;
  yield shell.slice(at + pageMark.length);
}

/** `{ [name]: value }`, or nothing when the value is undefined. */
function defined<K extends string, V>(name: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [name]: value } as Record<K, V>);
}

/** `Internal edition, compiled by ecap 0.1.0 from content commit 1a2b3c4d5e6f on 25 November 2026.` */
export function editionStatement({ edition, version, provenance }: Pick<RenderContext, 'edition' | 'version' | 'provenance'>): string {
  const from = provenance.commit ? ` from content commit ${provenance.commit}${provenance.dirty ? ' with uncommitted changes' : ''}` : '';
  const on = provenance.date ? ` on ${formatDate(provenance.date)}` : '';
  return `${capitalise(edition)} edition, compiled by ecap ${version}${from}${on}.`;
}

/** Right under the title of every page of the internal edition: it must not be published. */
function markInternalEdition(page: Page): void {
  const banner: Paragraph = {
    type: 'paragraph',
    data: { hProperties: { className: ['edition-banner'] } },
    children: [strong('Internal edition.'), { type: 'text', value: ' It contains passages marked internal: do not publish it. Build the public edition with ' }, { type: 'inlineCode', value: 'ecap build --edition public' }, { type: 'text', value: '.' }],
  };
  page.root.children.splice(1, 0, banner);
}
