import type { Model } from '../model/model.js';
import { countryName } from './blocks.js';
import { capitalise, formatRange } from './format.js';
import type { Lookup } from './lookup.js';
import { heading, list, paragraph, table, xref } from './nodes.js';
import { notice } from './notice.js';
import { dataPaths } from './data.js';
import type { Page } from './page.js';

/** The landing page: what the activity is, and links to every report. */
export function indexPage(model: Model, find: Lookup): Page {
  const { activity } = model;
  const path = 'index';
  return {
    path,
    title: activity.title,
    children: () => [
      heading(1, activity.title),
      ...notice(model),
      paragraph(`${activity.programme.full_name}. ${formatRange(activity.period.start, activity.period.end)}.`),
      heading(2, 'Comprehensive report', 'comprehensive'),
      list([[xref({ page: 'comprehensive' }, 'Comprehensive report on best practices on IPR enforcement'), `: ${model.themes.length} themes, ${model.practices.length} best practices, ${model.recommendations.length} recommendations.`]]),
      heading(2, 'Country reports', 'countries'),
      table(
        ['Country reports, by member state'],
        [['Member state'], ['Mission'], ['Agencies met'], ['Note']],
        model.missions.map((m) => [
          [xref({ page: `countries/${m.data.country.toLowerCase()}` }, ...countryName(find.country(m.data.country)))],
          [formatRange(m.data.dates.start, m.data.dates.end)],
          [String(m.data.agencies.length)],
          [capitalise(m.data.status)],
        ]),
        [null, null, 'right', null],
      ),
      heading(2, 'Data', 'data'),
      paragraph('The figures and records behind the reports, for reuse:'),
      list([
        [xref({ file: dataPaths.statistics }, 'Enforcement statistics (CSV)'), ': every figure with its unit, valuation basis and source.'],
        [xref({ file: dataPaths.practices }, 'Best practices (JSON)')],
        [xref({ file: dataPaths.recommendations }, 'Recommendations (JSON)')],
      ]),
    ],
  };
}
