import type { Model } from '../model/model.js';
import type { Lookup } from './lookup.js';

/** Where the reports point readers for the figures and records as data. */
export const dataPaths = {
  statistics: 'data/statistics.csv',
  practices: 'data/practices.json',
  recommendations: 'data/recommendations.json',
} as const;

/** A data file whose text is made in runs, afresh each time they are iterated. */
export interface DataFile {
  path: string;
  /** Joined, the file's text: a record's worth a run, each made as it is taken. */
  runs: () => Iterable<string>;
}

/**
 * The statistics as CSV and the practices and recommendations as JSON, so that readers can
 * reuse them. Figures keep their unit, currency and basis in their own columns: a reader
 * who adds them up must choose to ignore those. Each file's text is made a record at a time
 * whenever it is read, and never held whole: the practices' was 15 MB at 10,000 records.
 * `describe` must give the same text each time for the same record.
 */
export function dataFiles(model: Model, find: Lookup, describe: (record: { file: string }) => string): DataFile[] {
  const header = ['country', 'year', 'period', 'agency', 'measure', 'value', 'unit', 'currency', 'basis', 'note', 'source'];
  const rows = (s: Model['statistics'][number]) =>
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
    ]);
  const practice = (p: Model['practices'][number]) => ({
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
  });
  const recommendation = (r: Model['recommendations'][number]) => ({
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
  });
  return [
    { path: dataPaths.statistics, runs: () => csvRuns(header, model.statistics, rows) },
    { path: dataPaths.practices, runs: () => jsonArrayRuns(model.practices, practice) },
    { path: dataPaths.recommendations, runs: () => jsonArrayRuns(model.recommendations, recommendation) },
  ];
}

/** The header and each item's rows as CSV lines, CRLF-terminated, an item's rows a run. */
function* csvRuns<T>(header: string[], items: Iterable<T>, rows: (item: T) => string[][]): Generator<string> {
  yield csvLine(header);
  for (const item of items) yield rows(item).map(csvLine).join('');
}

function csvLine(fields: string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/** `JSON.stringify(items.map(make), null, 2)` and a final newline, an item a run, each made as it is taken. */
export function* jsonArrayRuns<T>(items: Iterable<T>, make: (item: T) => unknown): Generator<string> {
  let first = true;
  for (const item of items) {
    // Indented one level, as within the array: JSON has no line break but those stringify puts in.
    yield `${first ? '[\n  ' : ',\n  '}${(JSON.stringify(make(item), null, 2) ?? 'null').replaceAll('\n', '\n  ')}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
