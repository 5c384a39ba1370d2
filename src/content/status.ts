import { toString } from 'mdast-util-to-string';
import { countDiagnostics, type Counts, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model, PartKey } from '../model/model.js';
import { count } from '../report/format.js';
import { partKeys } from './parts.js';

/** One member state with a mission: how far its note, practices and statistics are. */
export interface CountryStatus {
  code: string;
  name: string;
  /** The mission note's status. */
  note: 'draft' | 'final';
  /** Whether each part (a)–(d) has any text. */
  parts: Record<PartKey, boolean>;
  practices: number;
  /** Whether there is a statistics file for the country. */
  statistics: boolean;
  /** Figures in it; 0 without one. */
  figures: number;
}

export interface ThemeStatus {
  id: string;
  title: string;
  /** Practices that list the theme, first or not. */
  practices: number;
}

/**
 * Where the work stands, as `ecap status --json` prints it. The shape is stable: fields may
 * be added, none are renamed or removed without raising `version`.
 */
export interface Status {
  version: 1;
  /** Member states with a mission note, by English name. */
  countries: CountryStatus[];
  /** In chapter order. */
  themes: ThemeStatus[];
  totals: {
    missions: number;
    drafts: number;
    finals: number;
    practices: number;
    recommendations: number;
    /** Codes of member states with a mission note but no statistics file. */
    missingStatistics: string[];
    /** Ids of practices no recommendation lists under `builds_on`. */
    notRecommended: string[];
    /** Codes of member states without a mission note. */
    notVisited: string[];
    /** What `ecap check` reports, by severity. */
    diagnostics: Counts;
  };
}

/** Where the work stands, from a checked model. Pure. */
export function status(model: Model, diagnostics: readonly Diagnostic[]): Status {
  const practicesOf = (code: string) => model.practices.filter((p) => p.data.country === code).length;
  const countries = model.missions.map((m): CountryStatus => {
    const { country } = m.data;
    const figures = model.statistics.filter((s) => s.data.country === country).reduce((n, s) => n + s.data.figures.length, 0);
    // "Written" as the structure check sees it: some text in the part, not just a heading.
    const parts = Object.fromEntries(partKeys.map((k) => [k, (m.body.parts[k] ?? []).some((n) => toString(n).trim() !== '')])) as Record<PartKey, boolean>;
    return {
      code: country,
      name: model.countries.find((c) => c.code === country)?.name ?? country,
      note: m.data.status,
      parts,
      practices: practicesOf(country),
      statistics: model.statistics.some((s) => s.data.country === country),
      figures,
    };
  });
  const themes = model.themes.map((t) => ({ id: t.id, title: t.data.title, practices: model.practices.filter((p) => p.data.themes.includes(t.id)).length }));
  const cited = new Set(model.recommendations.flatMap((r) => r.data.builds_on ?? []));
  const visited = new Set(countries.map((c) => c.code));
  return {
    version: 1,
    countries,
    themes,
    totals: {
      missions: countries.length,
      drafts: countries.filter((c) => c.note === 'draft').length,
      finals: countries.filter((c) => c.note === 'final').length,
      practices: model.practices.length,
      recommendations: model.recommendations.length,
      missingStatistics: countries.filter((c) => !c.statistics).map((c) => c.code),
      notRecommended: model.practices.filter((p) => !cited.has(p.id)).map((p) => p.id),
      notVisited: model.countries.filter((c) => !visited.has(c.code)).map((c) => c.code),
      diagnostics: countDiagnostics(diagnostics),
    },
  };
}

/** The status as aligned plain-text tables, for a terminal. */
export function formatStatus(s: Status, model: Pick<Model, 'countries'>): string {
  const name = (code: string) => model.countries.find((c) => c.code === code)?.name ?? code;
  const none = (list: readonly string[], show: (item: string) => string = (x) => x) => (list.length ? list.map(show).join(', ') : 'none');
  const countries = table(
    ['Member state', 'Note', 'Parts (a)-(d)', 'Practices', 'Statistics'],
    s.countries.map((c) => [c.name, c.note, partKeys.map((k) => (c.parts[k] ? k : '-')).join(' '), String(c.practices), c.statistics ? count(c.figures, 'figure') : 'none']),
    [false, false, false, true, false],
  );
  const themes = table(['Theme', 'Practices'], s.themes.map((t) => [t.title, String(t.practices)]), [false, true]);
  const t = s.totals;
  const d = t.diagnostics;
  const totals = [
    `Missions: ${t.missions} (${t.drafts} draft, ${t.finals} final); not visited: ${none(t.notVisited, name)}`,
    `Statistics missing for: ${none(t.missingStatistics, name)}`,
    `Practices: ${t.practices}; no recommendation builds on: ${none(t.notRecommended)}`,
    `Recommendations: ${t.recommendations}`,
    `Problems: ${count(d.error, 'error')}, ${count(d.warning, 'warning')}, ${count(d.info, 'info')}${d.warning + d.info > 0 ? ' (ecap check lists them)' : ''}`,
  ];
  return [countries, themes, totals.join('\n')].join('\n\n') + '\n';
}

/** Columns padded to their widest cell; `right` aligns numbers. */
function table(head: string[], rows: string[][], right: boolean[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
