import type { Model } from '../model/model.js';
import { assignAnchors, resolveLinks } from '../render/anchors.js';
import { toHtmlBody } from '../render/html.js';
import { toMarkdownPage } from '../render/markdown.js';
import { compileShells, type ShellData, type Templates } from '../render/page-shell.js';
import { comprehensiveReport } from '../report/comprehensive.js';
import { countryReport } from '../report/country.js';
import { indexPage } from '../report/index-page.js';
import { lookup } from '../report/lookup.js';
import { paragraph, xref, type Inline } from '../report/nodes.js';
import type { Page } from '../report/page.js';

/** A file to write under the output folder. */
export interface OutputFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  content: string;
}

/** Every page, as HTML and as Markdown, plus the stylesheet. Pure. */
export function render(model: Model, templates: Templates, version: string): OutputFile[] {
  const find = lookup(model);
  const pages: Page[] = [indexPage(model, find), comprehensiveReport(model, find), ...model.missions.map((m) => countryReport(model, m, find))];
  const anchors = assignAnchors(pages);
  const shells = compileShells(templates);
  const destinations = [
    { page: 'index', label: 'Index' },
    { page: 'comprehensive', label: 'Comprehensive report' },
    ...model.missions.map((m) => ({ page: `countries/${m.data.country.toLowerCase()}`, label: find.country(m.data.country).name })),
  ];
  const files: OutputFile[] = [];
  for (const page of pages) {
    const root = page.path.includes('/') ? '../' : '';
    const shared: Omit<ShellData, 'body' | 'nav' | 'navMarkdown'> = {
      title: page.title,
      site: model.activity.programme.name + ' · ' + 'Best practices on IPR enforcement',
      root,
      version,
      notice: model.activity.notice ?? '',
    };
    const nav = destinations.map((d) => ({ label: d.label, page: d.page, current: d.page === page.path }));

    resolveLinks(page.root, page.path, anchors, 'md');
    const navTree = { type: 'root' as const, children: [paragraph(...nav.flatMap((d, i): Inline[] => [...(i ? [' · '] : []), xref({ page: d.page }, d.label)]))] };
    resolveLinks(navTree, page.path, anchors, 'md');
    files.push({ path: `${page.path}.md`, content: shells.markdown({ ...shared, nav: [], navMarkdown: toMarkdownPage(navTree).trim(), body: toMarkdownPage(page.root) }) });

    resolveLinks(page.root, page.path, anchors, 'html');
    const htmlNav = nav.map((d) => ({ label: d.label, current: d.current, href: `${root}${d.page}.html` }));
    files.push({ path: `${page.path}.html`, content: shells.html({ ...shared, nav: htmlNav, navMarkdown: '', body: toHtmlBody(page.root) }) });
  }
  files.push({ path: 'assets/ecap.css', content: templates.css });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
