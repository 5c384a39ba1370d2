import type { Model } from '../model/model.js';
import { compareText } from '../order.js';
import { assignAnchors, resolveLinks } from '../render/anchors.js';
import type { FontFace } from '../render/fonts.js';
import { toHtmlBody } from '../render/html.js';
import { chartFile, toMarkdownPage } from '../render/markdown.js';
import { chartSvg, type Chart } from '../report/charts.js';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { compileShells, type ShellData, type Templates } from '../render/page-shell.js';
import { comprehensiveReport } from '../report/comprehensive.js';
import { countryReport } from '../report/country.js';
import { dataFiles } from '../report/data.js';
import { indexPage } from '../report/index-page.js';
import { lookup } from '../report/lookup.js';
import { paragraph, strong, xref, type Inline } from '../report/nodes.js';
import type { Paragraph } from 'mdast';
import { finishPage, type Page } from '../report/page.js';
import { forEdition, type Edition } from '../model/edition.js';
import type { Provenance } from './provenance.js';
import { capitalise, formatDate } from '../report/format.js';

/** A file to write under the output folder. */
export interface OutputFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
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

/** Every page of an edition as HTML and as Markdown, the data files, the stylesheets and fonts. Pure. */
export function render(content: Model, context: RenderContext): OutputFile[] {
  const model = forEdition(content, context.edition);
  const find = lookup(model);
  const pages: Page[] = [indexPage(model, find), comprehensiveReport(model, find), ...model.missions.map((m) => countryReport(model, m, find))];
  if (context.edition === 'internal') pages.forEach(markInternalEdition);
  pages.forEach(finishPage);
  const anchors = assignAnchors(pages);
  const shells = compileShells(context.templates);
  const destinations = [
    { page: 'index', label: 'Index' },
    { page: 'comprehensive', label: 'Comprehensive report' },
    ...model.missions.map((m) => ({ page: `countries/${m.data.country.toLowerCase()}`, label: find.country(m.data.country).name })),
  ];
  const files: OutputFile[] = [];
  const charts = new Map<string, string>();
  for (const page of pages) {
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

    resolveLinks(page.root, page.path, anchors, 'md');
    const navTree = { type: 'root' as const, children: [paragraph(...nav.flatMap((d, i): Inline[] => [...(i ? [' · '] : []), xref({ page: d.page }, d.label)]))] };
    resolveLinks(navTree, page.path, anchors, 'md');
    files.push({ path: `${page.path}.md`, content: shells.markdown({ ...shared, nav: [], navMarkdown: toMarkdownPage(navTree).trim(), body: toMarkdownPage(page.root, page.path) }) });
    visit(page.root, 'chart', (chart: Chart) => void charts.set(chartFile(chart), toHtml(chartSvg(chart, true), { space: 'svg' }) + '\n'));

    resolveLinks(page.root, page.path, anchors, 'html');
    const htmlNav = nav.map((d) => ({ label: d.label, current: d.current, href: `${root}${d.page}.html` }));
    files.push({ path: `${page.path}.html`, content: shells.html({ ...shared, nav: htmlNav, navMarkdown: '', body: toHtmlBody(page.root) }) });
  }
  for (const [path, content] of charts) files.push({ path, content });
  files.push({ path: 'assets/ecap.css', content: context.templates.css });
  files.push({ path: 'assets/fonts.css', content: context.fonts.map((f) => f.css).join('\n\n') + '\n' });
  for (const font of context.fonts) files.push({ path: `assets/fonts/${font.file}`, content: font.bytes });
  files.push(...dataFiles(model, find));
  return files.sort((a, b) => compareText(a.path, b.path));
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
