import type { RootContent } from 'mdast';
import { countDiagnostics, sortDiagnostics, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import type { Edition } from '../model/edition.js';
import type { Model } from '../model/model.js';
import { compareText } from '../order.js';
import { count } from '../report/format.js';
import { heading, inlineCode, paragraph, plainTable, type Inline } from '../report/nodes.js';
import { toMarkdownPage } from '../render/markdown.js';

export interface BuildSummaryInput {
  /** The model of the edition that was built (or checked, when the build failed). */
  model: Model | undefined;
  diagnostics: readonly Diagnostic[];
  /** Every file written, relative to the output folder; empty when the build wrote nothing. */
  written: readonly string[];
  /** The output folder as the user named it. */
  outDir: string;
  edition: Edition;
  /** The output folder was already up to date, so the files listed were left as they were. */
  unchanged?: boolean;
  /** Why nothing was written: errors in the content, or more warnings than allowed. */
  failure?: 'errors' | 'warnings';
}

/** Problems listed one by one in a failed build's summary; job summaries have a size limit. */
export const listedProblems = 100;

/** A short Markdown account of a build, for a CI job summary. Pure. */
export function buildSummary(input: BuildSummaryInput): string {
  const counts = countDiagnostics(input.diagnostics);
  const tally = `${count(counts.error, 'error')}, ${count(counts.warning, 'warning')}, ${count(counts.info, 'info')}`;
  const out: RootContent[] = [];
  if (input.failure) {
    out.push(heading(2, 'ecap build failed'));
    out.push(paragraph(input.failure === 'errors' ? 'The content has errors, so nothing was written' : 'There were more warnings than allowed, so nothing was written', `: ${tally}.`));
    const severity: Severity = input.failure === 'errors' ? 'error' : 'warning';
    const listed = sortDiagnostics(input.diagnostics).filter((d) => d.severity === severity);
    out.push(heading(3, severity === 'error' ? 'Errors' : 'Warnings'));
    out.push(plainTable([['Where'], ['Problem'], ['Rule']], listed.slice(0, listedProblems).map((d) => [[inlineCode(`${d.file}:${d.line}`)], [d.message], [inlineCode(d.rule)]])));
    if (listed.length > listedProblems) out.push(paragraph(`And ${listed.length - listedProblems} more: run `, inlineCode('ecap check'), ' to see them all.'));
  } else {
    out.push(heading(2, 'ecap build'));
    const reports = pages(input.written, input.model);
    const what = ` (${count(reports.length, 'report')}, ${input.edition} edition); ${tally}.`;
    out.push(input.unchanged ? paragraph(inlineCode(`${input.outDir}/`), ` was up to date: ${count(input.written.length, 'file')}${what}`) : paragraph(`Wrote ${count(input.written.length, 'file')} to `, inlineCode(`${input.outDir}/`), what));
    out.push(heading(3, 'Reports'));
    const formats = (['html', 'md', 'pdf'] as const).filter((f) => reports.some((r) => r.files[f]));
    const names = { html: 'HTML', md: 'Markdown', pdf: 'PDF' };
    out.push(plainTable([['Report'], ...formats.map((f): Inline[] => [names[f]])], reports.map((r) => [[r.title], ...formats.map((f): Inline[] => (r.files[f] ? [inlineCode(`${input.outDir}/${r.files[f]}`)] : []))])));
    if (input.model) {
      const { themes, practices, recommendations } = input.model;
      out.push(heading(3, 'Themes'));
      out.push(paragraph(`${count(practices.length, 'practice')} and ${count(recommendations.length, 'recommendation')}; a practice or recommendation counts under every theme it lists.`));
      out.push(plainTable([['Theme'], ['Practices'], ['Recommendations']], themes.map((t) => [[t.data.title], [String(practices.filter((p) => p.data.themes.includes(t.id)).length)], [String(recommendations.filter((r) => r.data.themes.includes(t.id)).length)]]), [null, 'right', 'right']));
    }
  }
  out.push(heading(3, 'Problems by rule'));
  const rules = byRule(input.diagnostics);
  out.push(rules.length ? plainTable([['Rule'], ['Severity'], ['Count']], rules.map((r) => [[inlineCode(r.rule)], [r.severity], [String(r.count)]]), [null, null, 'right']) : paragraph('None.'));
  return toMarkdownPage({ type: 'root', children: out });
}

interface PageFiles {
  title: string;
  rank: number;
  files: Partial<Record<'html' | 'md' | 'pdf', string>>;
}

/** The reports among the written files: a page is every HTML, Markdown or PDF file of one name. */
function pages(written: readonly string[], model: Model | undefined): PageFiles[] {
  const found = new Map<string, PageFiles>();
  for (const file of written) {
    const match = /^(.*)\.(html|md|pdf)$/.exec(file);
    if (!match) continue;
    const [, stem, ext] = match as unknown as [string, string, 'html' | 'md' | 'pdf'];
    const page = found.get(stem) ?? { ...titleOf(stem, model), files: {} };
    page.files[ext] = file;
    found.set(stem, page);
  }
  return [...found.values()].sort((a, b) => a.rank - b.rank || compareText(a.title, b.title));
}

function titleOf(stem: string, model: Model | undefined): Pick<PageFiles, 'title' | 'rank'> {
  if (stem === 'index') return { title: 'Index', rank: 0 };
  if (stem === 'comprehensive') return { title: 'Comprehensive report', rank: 1 };
  const country = stem.startsWith('countries/') ? model?.countries.find((c) => c.code.toLowerCase() === stem.slice('countries/'.length)) : undefined;
  return { title: country ? `Country report: ${country.name}` : stem, rank: 2 };
}

function byRule(diagnostics: readonly Diagnostic[]): Array<{ rule: string; severity: Severity; count: number }> {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const counts = new Map<string, { rule: string; severity: Severity; count: number }>();
  for (const d of diagnostics) {
    const key = `${d.severity} ${d.rule}`;
    const entry = counts.get(key) ?? { rule: d.rule, severity: d.severity, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => rank[a.severity] - rank[b.severity] || compareText(a.rule, b.rule));
}
