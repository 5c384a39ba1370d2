import type { RootContent } from 'mdast';
import { partTitles } from '../content/parts.js';
import type { Model, PartKey } from '../model/model.js';
import { agencyTable, countryName, missionAgencies, practiceBlock, recommendationBlock } from './blocks.js';
import { compareSeries, isCalendarYear, measureLabel, slugKey } from './compare.js';
import { chartOf } from './charts.js';
import { dataPaths } from './data.js';
import { compareText } from '../order.js';
import { capitalise, count, formatNumber, formatRange, inWords, lowerFirst, words } from './format.js';
import type { Lookup } from './lookup.js';
import { body, heading, list, paragraph, strong, table, xref, type Inline } from './nodes.js';
import { notice } from './notice.js';
import { sectioned, type Citations, type Page, type Section } from './page.js';

const path = 'comprehensive';

/** The comprehensive report on best practices, organised by theme. */
export function comprehensiveReport(model: Model, find: Lookup): Page {
  // Its sections in order, each made on its own, citing sources as it goes.
  const sections: Section[] = [
    () => introduction(model, find),
    ...model.themes.map((theme, i): Section => (citations) => chapter(model, find, citations, theme.id, i + 1)),
    () => gathered(model, find, 'c', 'guidelines', 'Suggestions for regional guidelines and materials', 'What the agencies met suggested for draft guidelines or materials on IPR enforcement that could be proposed for adoption at the ASEAN regional level (part (c) of every mission note).', 'Guidelines and materials'),
    () => gathered(model, find, 'd', 'coordination', 'Suggestions for an interagency coordination plan', 'What the agencies met suggested for a plan to foster IPR enforcement interagency coordination within ASEAN (part (d) of every mission note).', 'Interagency coordination'),
    () => coverage(model, find),
    () => statistics(model, find),
    ...model.meetings.map((m): Section => (citations) => meeting(model, find, citations, m.id)),
    () => annex(model, find),
  ];
  const title = 'Comprehensive report on best practices on IPR enforcement';
  const opening = (toc: RootContent[]) => [heading(1, title), ...notice(model), paragraph(`${model.activity.title}. ${model.activity.programme.full_name}.`), ...toc];
  return { path, title, children: sectioned(path, model, opening, sections) };
}

function introduction(model: Model, find: Lookup): RootContent[] {
  const { activity } = model;
  const missions = model.missions;
  return [
    heading(2, 'Introduction and method', 'introduction'),
    paragraph(
      `The activity “${activity.title}” (${formatRange(activity.period.start, activity.period.end)}) is part of the ${activity.programme.full_name}.${activity.programme.implementer ? ` The programme was implemented by the ${activity.programme.implementer}.` : ''} This report serves its ${activity.aims.length === 1 ? 'aim' : `${inWords(activity.aims.length)} aims`}:`,
    ),
    list(activity.aims.map((aim) => [aim])),
    paragraph(
      `An IPR enforcement expert visited ${count(missions.length, 'member state', 'member states', true)}, meeting the IP office and the other enforcement agencies in each, on a programme prepared by the national coordinator. Every mission recorded (a) the current situation, needs and expectations; (b) best practices that could be proposed for adoption; (c) suggestions for guidelines and materials; and (d) suggestions for interagency coordination. ${capitalise(count(model.practices.length, 'best practice'))} ${model.practices.length === 1 ? 'is' : 'are'} documented below, by theme; ${model.meetings.length ? 'a regional consultation meeting then adopted recommendations.' : ''}`.trim(),
    ),
    paragraph('The practices are also available as ', xref({ file: dataPaths.practices }, 'a JSON file'), ' for reuse.'),
    table(
      ['Missions'],
      [['Member state'], ['Dates'], ['Agencies met'], ['Meetings'], ['Practices'], ['Note']],
      missions.map((m) => [
        [xref({ page: `countries/${m.data.country.toLowerCase()}` }, ...countryName(find.country(m.data.country)))],
        [formatRange(m.data.dates.start, m.data.dates.end)],
        [String(m.data.agencies.length)],
        [String(m.data.meetings.length)],
        [String(find.practicesIn(m.data.country).length)],
        [capitalise(m.data.status)],
      ]),
      [null, null, 'right', 'right', 'right', null],
    ),
  ];
}

/** A theme's chapter, its practices made one by one as it is walked: a thousand each at 10,000 records. */
function* chapter(model: Model, find: Lookup, citations: Citations, themeId: string, number: number): Generator<RootContent> {
  const theme = find.theme(themeId);
  const primary = model.practices.filter((p) => p.data.themes[0] === themeId);
  const related = model.practices.filter((p) => p.data.themes.slice(1).includes(themeId));
  yield* [heading(2, `${number}. ${theme.data.title}`, `theme:${themeId}`), paragraph(strong(theme.data.summary)), ...body(theme, theme.body.children, 2)];
  if (primary.length === 0 && related.length === 0) yield paragraph('No best practice has been documented for this theme yet.');
  for (const p of primary) yield* practiceBlock(p, 3, find, citations, { showCountry: true });
  if (related.length > 0) {
    yield* [
      paragraph(strong('Also relevant to this theme:')),
      list(related.map((p): Inline[] => [xref({ page: path, key: `practice:${p.id}` }, p.data.title), ` (${find.country(p.data.country).name}), under ${find.theme(p.data.themes[0]!).data.title}`])),
    ];
  }
}

/** One part of every mission note, country by country. */
function gathered(model: Model, find: Lookup, part: PartKey, key: string, title: string, lead: string, short: string): RootContent[] {
  const out: RootContent[] = [heading(2, title, key), paragraph(lead)];
  for (const m of model.missions) {
    const nodes = m.body.parts[part];
    out.push(heading(3, [...countryName(find.country(m.data.country)), `: ${lowerFirst(short)}`], `${key}:${m.data.country}`));
    out.push(...(nodes?.length ? body(m, nodes, 3, part) : [paragraph(`Nothing recorded yet under “${partTitles[part]}”.`)]));
  }
  return out;
}

function coverage(model: Model, find: Lookup): RootContent[] {
  const discussed = (code: string, theme: string) => model.missions.some((m) => m.data.country === code && m.data.meetings.some((x) => x.themes.includes(theme)));
  // Counted in one pass: a filter per cell grows with states × themes × practices.
  const counts = new Map<string, number>();
  for (const p of model.practices) for (const theme of p.data.themes) counts.set(`${p.data.country} ${theme}`, (counts.get(`${p.data.country} ${theme}`) ?? 0) + 1);
  return [
    heading(2, 'Coverage by member state and theme', 'coverage'),
    paragraph('Each cell gives the number of best practices documented for the theme in the member state (counting every theme a practice belongs to). A dot means the theme was discussed in meetings but no practice was documented; a dash means it was not discussed.'),
    table(
      ['Best practices by member state and theme'],
      [['Member state'], ...model.themes.map((t): Inline[] => [xref({ page: path, key: `theme:${t.id}` }, t.data.title)])],
      model.missions.map((m) => {
        const code = m.data.country;
        return [
          [xref({ page: `countries/${code.toLowerCase()}` }, find.country(code).name)],
          ...model.themes.map((t): Inline[] => {
            const n = counts.get(`${code} ${t.id}`) ?? 0;
            return [n > 0 ? String(n) : discussed(code, t.id) ? '·' : '–'];
          }),
        ];
      }),
      [null, ...model.themes.map(() => 'right' as const)],
    ),
  ];
}

function statistics(model: Model, find: Lookup): RootContent[] {
  const series = compareSeries(model.statistics);
  const shared = series.filter((s) => s.cells.size > 1);
  const single = series.filter((s) => s.cells.size === 1);
  const out: RootContent[] = [
    heading(2, 'Enforcement statistics compared', 'statistics'),
    paragraph(
      'Agencies count in different units (cases, operations, pieces, shipments) and value goods on different bases (retail price of the genuine item, declared value, estimated damage) in different currencies. Figures are therefore set side by side only where measure, unit, currency and basis agree, and never added up across them. Where a member state reports a kind of figure by agency, the agencies’ figures for the same period are added up (marked +); a national total is shown as it is. Figures for part of a year or for a fiscal year have columns of their own and are left out of the charts.',
    ),
  ];
  out.push(paragraph('The figures of every member state are also available as ', xref({ file: dataPaths.statistics }, 'a CSV file'), ', with their units, valuation bases and sources.'));
  for (const s of shared) {
    const label = capitalise(measureLabel(s.sample));
    const countries = [...s.cells.keys()].map((code) => find.country(code)).sort((a, b) => compareText(a.name, b.name));
    out.push(heading(3, label, `statistics:${s.key}`));
    out.push(
      table(
        [label, ', by member state and year'],
        [['Member state'], ...s.periods.map((p): Inline[] => [p])],
        countries.map((country) => [
            [xref({ page: `countries/${country.code.toLowerCase()}`, key: 'statistics' }, country.name)],
            ...s.periods.map((p): Inline[] => {
              const cell = s.cells.get(country.code)!.get(p);
              return [cell ? `${formatNumber(cell.value)}${cell.agencies > 1 ? '+' : ''}` : '–'];
            }),
          ]),
        [null, ...s.periods.map(() => 'right' as const)],
      ),
    );
    const years = s.periods.filter((p) => isCalendarYear(p) && countries.some((c) => s.cells.get(c.code)!.has(p)));
    if (years.length > 0) out.push(
      chartOf(
        `statistics-${slugKey(s.key)}`,
        `${label}, by member state and year`,
        countries.map((c) => ({ label: c.name, values: years.map((y) => s.cells.get(c.code)!.get(y)?.value) })),
        years,
      ),
    );
  }
  if (single.length > 0) {
    out.push(
      paragraph(strong('Reported by one member state only.'), ' These figures have no counterpart of the same kind elsewhere and appear in the country reports:'),
      list(single.map((s): Inline[] => {
        const code = [...s.cells.keys()][0]!;
        return [capitalise(measureLabel(s.sample)), ': ', xref({ page: `countries/${code.toLowerCase()}`, key: 'statistics' }, find.country(code).name)];
      })),
    );
  }
  return out;
}

function* meeting(model: Model, find: Lookup, citations: Citations, id: string): Generator<RootContent> {
  const m = model.meetings.find((x) => x.id === id)!;
  const { data } = m;
  const venue = find.country(data.venue.country);
  const recs = model.recommendations.filter((r) => r.data.meeting === id);
  const roles = ['ip-office', 'enforcement', 'court'] as const;
  yield* [
    heading(2, data.title, `meeting:${id}`),
    list([
      [strong('Dates:'), ` ${formatRange(data.dates.start, data.dates.end)}`],
      [strong('Venue:'), ` ${[data.venue.name, data.venue.city, venue.name].filter(Boolean).join(', ')}`],
      ...(data.conducted_by?.length ? [[strong('Conducted by:'), ` ${data.conducted_by.join('; ')}`]] : []),
      [strong('Delegations:'), ` ${data.attendance.length} member states, ${data.attendance.reduce((n, a) => n + a.delegates.length, 0)} delegates`, ...citations.cite(data.sources)],
    ]),
    table(
      ['Attendance by member state'],
      [['Member state'], ...roles.map((r): Inline[] => [capitalise(words(r))])],
      [...data.attendance]
        .sort((a, b) => compareText(find.country(a.country).name, find.country(b.country).name))
        .map((a) => [
          [find.country(a.country).name],
          ...roles.map((role): Inline[] => {
            const names = a.delegates.filter((d) => d.role === role).map((d) => d.organisation);
            return [names.length ? names.join('; ') : '–'];
          }),
        ]),
    ),
    ...body(m, m.body.children, 2),
    heading(3, 'Adopted recommendations', `recommendations:${id}`),
    paragraph(`The meeting adopted ${recs.length} recommendations. Each names the best practices it builds on; each practice above links back to the recommendations that cite it. They are also available as `, xref({ file: dataPaths.recommendations }, 'a JSON file'), '.'),
  ];
  for (const r of recs) yield* recommendationBlock(r, 4, find);
}

function annex(model: Model, find: Lookup): RootContent[] {
  return [
    heading(2, 'Annex: agencies met', 'annex-agencies'),
    ...model.missions.flatMap((m) => [
      heading(3, ['Agencies met in ', ...countryName(find.country(m.data.country))], `agencies:${m.data.country}`),
      agencyTable(['Agencies met in ', find.country(m.data.country).name], missionAgencies(m)),
    ]),
  ];
}

