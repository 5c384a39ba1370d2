import type { StatisticsRecord } from '../model/model.js';
import type { Figure } from '../model/types.generated.js';
import { compareText } from '../order.js';
import { words } from './format.js';

/** Figures of one kind (same measure, unit, currency and basis) across countries and periods. */
export interface ComparableSeries {
  key: string;
  /** A figure of the series, for its labels. */
  sample: Figure;
  /** Column labels: `2012`, `FY 2012`, `2013 (part)`, in order. */
  periods: string[];
  /** country → period → cell */
  cells: Map<string, Map<string, Cell>>;
}

export interface Cell {
  value: number;
  /** How many agency figures were added up; 0 for a national total. */
  agencies: number;
}

/** What a figure counts, in words: `items seized (pieces)` or `value seized (THB, estimated damage)`. */
export function measureLabel(f: Figure): string {
  return f.measure === 'value-seized' ? `value seized (${f.currency}, ${words(f.basis!)})` : `${words(f.measure)} (${f.unit})`;
}

/** Figures are comparable only when measure, unit, currency and basis all agree. */
export function comparableKey(f: Figure): string {
  return [f.measure, f.unit ?? '', f.currency ?? '', f.basis ?? ''].join('|');
}

/** A figure's period, flagged when it is not a calendar year. */
export function periodLabel(f: Figure): string {
  return f.period === 'fiscal-year' ? `FY ${f.year}` : f.period === 'part-year' ? `${f.year} (part)` : String(f.year);
}

/** `2012` and not `FY 2012` or `2013 (part)`: the periods a chart may set side by side. */
export function isCalendarYear(period: string): boolean {
  return /^\d{4}$/.test(period);
}

/** `items-seized|pieces||` → `items-seized-pieces`: a comparable kind as a file-name part. */
export function slugKey(key: string): string {
  return key.split('|').filter(Boolean).join('-').toLowerCase();
}

/**
 * Groups every figure by what it counts and the period it covers. Within one country and
 * period, a national total stands as it is; otherwise the agencies' figures of the same kind
 * and period are added up. Figures of different kinds or periods are never added together.
 */
export function compareSeries(statistics: readonly StatisticsRecord[]): ComparableSeries[] {
  const series = new Map<string, ComparableSeries>();
  for (const stats of statistics) {
    for (const f of stats.data.figures) {
      const key = comparableKey(f);
      let s = series.get(key);
      if (!s) series.set(key, (s = { key, sample: f, periods: [], cells: new Map() }));
      let byPeriod = s.cells.get(stats.data.country);
      if (!byPeriod) s.cells.set(stats.data.country, (byPeriod = new Map()));
      const period = periodLabel(f);
      const cell = byPeriod.get(period);
      if (!f.agency) byPeriod.set(period, { value: f.value, agencies: 0 });
      else if (!cell) byPeriod.set(period, { value: f.value, agencies: 1 });
      else if (cell.agencies > 0) byPeriod.set(period, { value: cell.value + f.value, agencies: cell.agencies + 1 });
      if (!s.periods.includes(period)) s.periods.push(period);
    }
  }
  // `2012` < `2013 (part)` < `FY 2012` in code-point order; sort by year first.
  const year = (p: string) => Number(/\d{4}/.exec(p)![0]);
  for (const s of series.values()) s.periods.sort((a, b) => year(a) - year(b) || compareText(a, b));
  return [...series.values()].sort((a, b) => compareText(a.key, b.key));
}
