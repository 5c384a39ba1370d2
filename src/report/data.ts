import type { Model } from '../model/model.js';
import type { OutputFile } from '../pipeline/layout.js';
import type { Lookup } from './lookup.js';

/** Where the reports point readers for the figures and records as data. */
export const dataPaths = {
  statistics: 'data/statistics.csv',
  practices: 'data/practices.json',
  recommendations: 'data/recommendations.json',
} as const;

/**
 * The statistics as CSV and the practices and recommendations as JSON, so that readers can
 * reuse them. Figures keep their unit, currency and basis in their own columns: a reader
 * who adds them up must choose to ignore those.
 */
export function dataFiles(model: Model, find: Lookup, describe: (record: { file: string }) => string): OutputFile[] {
  const header = ['country', 'year', 'period', 'agency', 'measure', 'value', 'unit', 'currency', 'basis', 'note', 'source'];
  const rows = model.statistics.flatMap((s) =>
    s.data.figures.map((f) => [
      s.data.country,
      String(f.year),
      f.period ?? 'calendar-year',
      f.agency ? find.agency(f.agency, s.data.country).name : '',
      f.measure,
      String(f.value),
      f.unit ?? '',
      f.currency ?? '',
      f.basis ?? '',
      f.note ?? '',
      f.source,
    ]),
  );
  const csv = [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';

  const practices = model.practices.map((p) => ({
    id: p.id,
    title: p.data.title,
    country: p.data.country,
    themes: p.data.themes,
    agencies: p.data.agencies.map((ref) => {
      const a = find.agency(ref, p.data.country);
      return { id: `${a.country.toLowerCase()}/${a.id}`, name: a.name, ...(a.acronym ? { acronym: a.acronym } : {}) };
    }),
    summary: p.data.summary,
    results: p.data.results,
    transferability: p.data.transferability,
    status: p.data.status,
    sources: p.data.sources ?? [],
    recommendations: find.citing(p.id).map((r) => r.id),
    description: describe(p),
  }));
  const recommendations = model.recommendations.map((r) => ({
    id: r.id,
    number: r.data.number,
    title: r.data.title,
    meeting: r.data.meeting,
    themes: r.data.themes,
    scope: r.data.scope,
    countries: r.data.countries ?? [],
    addressees: r.data.addressees ?? [],
    builds_on: r.data.builds_on ?? [],
    text: describe(r),
  }));
  return [
    { path: dataPaths.statistics, content: csv },
    { path: dataPaths.practices, content: JSON.stringify(practices, null, 2) + '\n' },
    { path: dataPaths.recommendations, content: JSON.stringify(recommendations, null, 2) + '\n' },
  ];
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
