import { describe, expect, it } from 'vitest';
import type { StatisticsRecord } from '../src/model/model.js';
import type { Figure } from '../src/model/types.generated.js';
import { compareSeries } from '../src/report/compare.js';
import { nowhere } from '../src/content/locations.js';

const stats = (country: string, figures: Figure[]): StatisticsRecord => ({ id: country.toLowerCase(), file: '', locations: nowhere, data: { country, figures } });

describe('compareSeries', () => {
  it('never puts different units, currencies or bases in one series', () => {
    const series = compareSeries([
      stats('TH', [
        { year: 2012, measure: 'items-seized', value: 10, unit: 'pieces', source: 's' },
        { year: 2012, measure: 'items-seized', value: 3, unit: 'cartons', source: 's' },
        { year: 2012, measure: 'value-seized', value: 100, currency: 'THB', basis: 'estimated-damage', source: 's' },
      ]),
      stats('PH', [
        { year: 2012, measure: 'items-seized', value: 20, unit: 'pieces', source: 's' },
        { year: 2012, measure: 'value-seized', value: 100, currency: 'PHP', basis: 'estimated-damage', source: 's' },
        { year: 2012, measure: 'value-seized', value: 100, currency: 'THB', basis: 'retail-genuine', source: 's' },
      ]),
    ]);
    expect(series.map((s) => [s.key, [...s.cells.keys()].sort()])).toEqual([
      ['items-seized|cartons||', ['TH']],
      ['items-seized|pieces||', ['PH', 'TH']],
      ['value-seized||PHP|estimated-damage', ['PH']],
      ['value-seized||THB|estimated-damage', ['TH']],
      ['value-seized||THB|retail-genuine', ['PH']],
    ]);
  });

  it('adds up agencies of one country for one period, but lets a national total stand', () => {
    const series = compareSeries([
      stats('TH', [
        { year: 2012, agency: 'customs', measure: 'raids', value: 5, unit: 'operations', source: 's' },
        { year: 2012, agency: 'dsi', measure: 'raids', value: 7, unit: 'operations', source: 's', period: 'fiscal-year' },
        { year: 2011, agency: 'dsi', measure: 'raids', value: 2, unit: 'operations', source: 's' },
        { year: 2011, measure: 'raids', value: 9, unit: 'operations', source: 's' },
      ]),
    ]);
    const th = series[0]!.cells.get('TH')!;
    // The fiscal-year figure is not added to the calendar-year one.
    expect(th.get('2012')).toEqual({ value: 5, agencies: 1 });
    expect(th.get('FY 2012')).toEqual({ value: 7, agencies: 1 });
    expect(th.get('2011')).toEqual({ value: 9, agencies: 0 });
    expect(series[0]!.periods).toEqual(['2011', '2012', 'FY 2012']);
  });
});
