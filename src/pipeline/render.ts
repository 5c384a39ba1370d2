import type { Model } from '../model/model.js';
import { compareText } from '../order.js';
import { assignAnchors, resolveLinks, type Anchors } from '../render/anchors.js';
import type { FontFace } from '../render/fonts.js';
import { toHtmlBody } from '../render/html.js';
import { chartFile, toMarkdownPage } from '../render/markdown.js';
import { chartSvg, type Chart } from '../report/charts.js';
import { toHtml } from 'hast-util-to-html';
import { hash } from './cache.js';
import { inBatches } from './batches.js';
import { visit } from 'unist-util-visit';
import { compileShells, type ShellData, type Templates } from '../render/page-shell.js';
import { comprehensiveReport } from '../report/comprehensive.js';
import { countryReport } from '../report/country.js';
import { dataFiles } from '../report/data.js';
import { indexPage } from '../report/index-page.js';
import { lookup, type Lookup } from '../report/lookup.js';
import { body, paragraph, strong, xref, type BodyNode, type Inline } from '../report/nodes.js';
import type { Paragraph, Root, RootContent } from 'mdast';
import { finishPage, type Page } from '../report/page.js';
import { fill, listKind, renderFragment, type Fragment, type FragmentFormat, type ListKind } from '../render/fragment.js';
import { bodyMarks, pageMark } from '../render/marks.js';
import { bodyForEdition, forEdition, type Edition } from '../model/edition.js';
import { partKeys } from '../content/parts.js';
import type { CheckedFile } from './structure.js';
import type { Provenance } from './provenance.js';
import { capitalise, formatDate } from '../report/format.js';

/** A file to write under the output folder. */
export interface OutputFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  /** A page comes in pieces, made as they are written: it never has to be one string. */
  content: string | Uint8Array | Iterable<string>;
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

/** The pages of an edition, and every body they show. */
export interface Plan {
  model: Model;
  /** The edition model's indexes, built once for the layout and the writing. */
  find: Lookup;
  pages: Page[];
  /** Each practice's and recommendation's body as written, for the data files. */
  descriptions: Map<string, BodyNode>;
  /** By name (see BodyNode): one of each, wherever it is shown. */
  bodies: Map<string, BodyNode>;
}

/**
 * Renders ahead the fragments the reports will ask of one file's body, e.g. in the worker that
 * parsed it while its tree is at hand. It must agree with where the report builders place
 * bodies (country.ts, comprehensive.ts, blocks.ts); a test checks that a build renders
 * nothing more. By body name.
 */
export function renderBodiesOf(file: CheckedFile, edition: Edition): Map<string, Fragment> {
  const out = new Map<string, Fragment>();
  const place = (nodes: RootContent[] | undefined, part = 'body') => {
    const [node] = body({ file: file.path }, bodyForEdition({ type: 'root', children: nodes ?? [] }, edition).children, undefined, part);
    if (node) out.set(node.name, renderFragment(node.nodes, node.name));
  };
  if (file.collection === 'missions') {
    place(file.parts?.intro, 'intro');
    for (const key of partKeys) place(file.parts?.parts[key], key);
  } else if (['practices', 'recommendations', 'themes', 'meetings'].includes(file.collection)) place(file.body?.children);
  return out;
}

/** Lays out every page of an edition, its bodies still to be rendered. Pure. */
export function plan(content: Model, context: Pick<RenderContext, 'edition'>): Plan {
  const model = forEdition(content, context.edition);
  const find = lookup(model);
  const pages: Page[] = [indexPage(model, find), comprehensiveReport(model, find), ...model.missions.map((m) => countryReport(model, m, find))];
  if (context.edition === 'internal') pages.forEach(markInternalEdition);
  const bodies: Plan['bodies'] = new Map();
  for (const page of pages) visit(page.root, 'body', (node: BodyNode) => void bodies.set(node.name, node));
  const descriptions = new Map<string, BodyNode>();
  for (const r of [...model.practices, ...model.recommendations]) {
    const [node] = body(r, r.body.children, undefined);
    if (!node) continue;
    descriptions.set(r.file, node);
    if (!bodies.has(node.name)) bodies.set(node.name, node);
  }
  return { model, find, pages, descriptions, bodies };
}

/**
 * Every page of an edition as HTML and as Markdown, the data files, the stylesheets and fonts,
 * each made as `files` is iterated. Bodies come from `fragments` (by name) or are rendered
 * here, and `rendered` holds those rendered here, for a cache to keep. It numbers, anchors and
 * links the plan's pages in place, so a plan serves one call. Pure but for `store`.
 */
export async function renderPlan(planned: Plan, context: RenderContext, fragments: ReadonlyMap<string, Fragment> = new Map(), store?: PageStore): Promise<{ files: Iterable<OutputFile>; rendered: Map<string, Fragment> }> {
  const { model, find, pages } = planned;
  const rendered = new Map<string, Fragment>();
  const fragmentOf = (node: BodyNode): Fragment => {
    let fragment = fragments.get(node.name) ?? rendered.get(node.name);
    if (!fragment) rendered.set(node.name, (fragment = renderFragment(node.nodes, node.name)));
    return fragment;
  };
  pages.forEach((page) => finishPage(page, fragmentOf));
  const anchors = assignAnchors(pages, fragmentOf);
  const shells = compileShells(context.templates);
  const destinations = [
    { page: 'index', label: 'Index' },
    { page: 'comprehensive', label: 'Comprehensive report' },
    ...model.missions.map((m) => ({ page: `countries/${m.data.country.toLowerCase()}`, label: find.country(m.data.country).name })),
  ];
  const placed = pages.map((page) => placeBodies(page.root));
  const texts = await serialisePages(pages, anchors, store);
  const describe = (record: { file: string }) => {
    const node = planned.descriptions.get(record.file);
    return node ? fill(fragmentOf(node), 'markdown', undefined) : '';
  };
  // Each page is put together only when the writer asks for it, so that a page's pieces can
  // be let go once written instead of every page being held at once.
  function* files(): Generator<OutputFile> {
    const charts = new Set<string>();
    for (const [i, page] of pages.entries()) yield* pageFiles(page, texts[i]!, placed[i]!, charts);
    yield { path: 'assets/ecap.css', content: context.templates.css };
    yield { path: 'assets/fonts.css', content: context.fonts.map((f) => f.css).join('\n\n') + '\n' };
    for (const font of context.fonts) yield { path: `assets/fonts/${font.file}`, content: font.bytes };
    yield* dataFiles(model, find, describe);
  }
  function* pageFiles(page: Page, text: PageText, bodies: ReturnType<typeof placeBodies>, charts: Set<string>): Generator<OutputFile> {
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
    const navTree = { type: 'root' as const, children: [paragraph(...nav.flatMap((d, i): Inline[] => [...(i ? [' · '] : []), xref({ page: d.page }, d.label)]))] };
    resolveLinks(navTree, page.path, anchors, 'md');
    const markdown = assemble(text.markdown, bodies, fragmentOf, 'markdown');
    yield { path: `${page.path}.md`, content: inShell(shells.markdown({ ...shared, nav: [], navMarkdown: toMarkdownPage(navTree).trim(), body: pageMark }), markdown) };
    const htmlNav = nav.map((d) => ({ label: d.label, current: d.current, href: `${root}${d.page}.html` }));
    const html = assemble(text.html, bodies, fragmentOf, 'html');
    yield { path: `${page.path}.html`, content: inShell(shells.html({ ...shared, nav: htmlNav, navMarkdown: '', body: pageMark }), html) };
    const found: Chart[] = [];
    visit(page.root, 'chart', (chart: Chart) => void found.push(chart));
    for (const chart of found) {
      if (charts.has(chartFile(chart))) continue;
      charts.add(chartFile(chart));
      yield { path: chartFile(chart), content: toHtml(chartSvg(chart, true), { space: 'svg' }) + '\n' };
    }
  }
  return { files: files(), rendered };
}

/** `plan` then `renderPlan`, with every page whole: for previews and comparisons. */
export async function render(content: Model, context: RenderContext): Promise<WholeFile[]> {
  const { files } = await renderPlan(plan(content, context), context);
  return [...files].map((f): WholeFile => ({ ...f, content: typeof f.content === 'string' || f.content instanceof Uint8Array ? f.content : [...f.content].join('') })).sort((a, b) => compareText(a.path, b.path));
}

/** Keeps pages' own serialisations (without their bodies) between builds, by a hash of what they serialise. */
export interface PageStore {
  get(key: string): Promise<PageText | undefined>;
  set(key: string, text: PageText): Promise<void>;
}

export type PageText = Record<FragmentFormat, string>;

/**
 * Each page's own serialisation in both formats, its bodies left as marks. A long page is
 * mostly the same from one build to the next while a body changes, so each is looked up by
 * a hash of its tree first.
 */
async function serialisePages(pages: readonly Page[], anchors: Anchors, store: PageStore | undefined): Promise<PageText[]> {
  const run = (page: Page): PageText => {
    resolveLinks(page.root, page.path, anchors, 'md');
    const markdown = toMarkdownPage(page.root, page.path);
    resolveLinks(page.root, page.path, anchors, 'html');
    return { markdown, html: toHtmlBody(page.root) };
  };
  if (!store) return pages.map(run);
  // Taken before its links are resolved: they follow from the tree and the anchors of the
  // pages linked to, hashed once for all. A body's own nodes never reach the page's text.
  const linked = hash(JSON.stringify([...anchors].map(([page, own]) => [page, [...own]])));
  const keys = pages.map((page) => hash(page.path, linked, JSON.stringify(page.root, (name, value) => (name === 'nodes' || name === 'revision' ? undefined : value))));
  const known: Array<PageText | undefined> = [];
  await inBatches([...keys.entries()], async ([i, key]) => void (known[i] = await store.get(key)));
  const out: PageText[] = [];
  for (const [i, page] of pages.entries()) {
    let text = known[i];
    if (!text) await store.set(keys[i]!, (text = run(page)));
    out.push(text);
  }
  return out;
}

/**
 * Numbers the page's bodies for its serialisation to mark, and notes for each whether a list
 * stands right before or after it: Markdown would merge two adjacent lists of one kind.
 */
function placeBodies(root: Root): Array<{ node: BodyNode; before: RootContent | undefined; after: RootContent | undefined }> {
  const placed: ReturnType<typeof placeBodies> = [];
  visit(root, 'body', (node: BodyNode, index, parent) => {
    node.slot = placed.length;
    placed.push({ node, before: parent?.children[index! - 1] as RootContent | undefined, after: parent?.children[index! + 1] as RootContent | undefined });
  });
  return placed;
}

/**
 * A page's own serialisation with each body's mark replaced by its filled fragment, piece by
 * piece as the writer asks for them: a page never exists whole.
 */
function* assemble(text: string, bodies: ReturnType<typeof placeBodies>, fragmentOf: (node: BodyNode) => Fragment, format: FragmentFormat): Generator<string> {
  const pieces = text.split(bodyMarks);
  const edge = (node: RootContent | undefined, side: 'first' | 'last'): ListKind => (node?.type === 'body' ? fragmentOf(node)[side] : listKind(node));
  // The text before a body is held until the body is known not to be empty.
  let before = pieces[0]!;
  for (let i = 1; i < pieces.length; i += 2) {
    const { node, before: previous, after } = bodies[Number(pieces[i])]!;
    const fragment = fragmentOf(node);
    let piece = fill(fragment, format, node.depth, node.fills);
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
    yield piece;
    before = pieces[i + 1]!;
  }
  yield before;
}

/** The shell's text around the page's pieces. */
function* inShell(shell: string, pieces: Iterable<string>): Generator<string> {
  const at = shell.indexOf(pageMark);
  if (at < 0) {
    yield shell;
    return;
  }
  yield shell.slice(0, at);
  yield* pieces;
  yield shell.slice(at + pageMark.length);
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
