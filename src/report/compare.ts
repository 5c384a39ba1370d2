import type { StatisticsRecord } from '../model/model.js';
import type { Figure } from '../model/types.generated.js';
import { compareText } from '../order.js';
import { comparableKey } from './blocks.js';

/** Figures of one kind (same measure, unit, currency and basis) across countries and years. */
export interface ComparableSeries {
  key: string;
  /** A figure of the series, for its labels. */
  sample: Figure;
  years: number[];
  /** country → year → cell */
  cells: Map<string, Map<number, Cell>>;
}

export interface Cell {
  value: number;
  /** How many agency figures were added up; 0 for a national total. */
  agencies: number;
  /** Not a full calendar year. */
  partial: boolean;
}

/** A cell's value when it covers a whole calendar year; part years are left to the tables. */
export function fullYear(cell: Cell | undefined): number | undefined {
  return cell && !cell.partial ? cell.value : undefined;
}

/** `items-seized|pieces||` → `items-seized-pieces`: a comparable kind as a file-name part. */
export function slugKey(key: string): string {
  return key.split('|').filter(Boolean).join('-').toLowerCase();
}

/**
 * Groups every figure by what it counts. Within one country and year, a national total
 * stands as it is; otherwise the agencies' figures of the same kind are added up. Figures of
 * different kinds are never added or set side by side.
 */
export function compareSeries(statistics: readonly StatisticsRecord[]): ComparableSeries[] {
  const series = new Map<string, ComparableSeries>();
  for (const stats of statistics) {
    for (const f of stats.data.figures) {
      const key = comparableKey(f);
      let s = series.get(key);
      if (!s) series.set(key, (s = { key, sample: f, years: [], cells: new Map() }));
      let byYear = s.cells.get(stats.data.country);
      if (!byYear) s.cells.set(stats.data.country, (byYear = new Map()));
      const partial = (f.period ?? 'calendar-year') !== 'calendar-year';
      const cell = byYear.get(f.year);
      if (!f.agency) byYear.set(f.year, { value: f.value, agencies: 0, partial });
      else if (!cell) byYear.set(f.year, { value: f.value, agencies: 1, partial });
      else if (cell.agencies > 0) byYear.set(f.year, { value: cell.value + f.value, agencies: cell.agencies + 1, partial: cell.partial || partial });
      if (!s.years.includes(f.year)) s.years.push(f.year);
    }
  }
  for (const s of series.values()) s.years.sort((a, b) => a - b);
  return [...series.values()].sort((a, b) => compareText(a.key, b.key));
}
