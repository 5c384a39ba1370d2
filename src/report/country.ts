import type { RootContent } from 'mdast';
import { partKeys, partTitles } from '../content/parts.js';
import type { Country, MissionRecord, Model } from '../model/model.js';
import { compareText } from '../order.js';
import { dataPaths } from './data.js';
import { agencyLabel, agencyShort, agencyTable, statisticsSections, countryName, missionAgencies, practiceBlock } from './blocks.js';
import { capitalise, count, formatDate, formatRange } from './format.js';
import type { Lookup } from './lookup.js';
import { body, heading, joined, list, paragraph, strong, table, xref, type Inline } from './nodes.js';
import { sectioned, type Citations, type Page, type Section } from './page.js';
import { notice } from './notice.js';

/** The report for one member state a mission visited, made a section at a time as it is walked. */
export function countryReport(model: Model, mission: MissionRecord, find: Lookup): Page {
  const code = mission.data.country;
  const path = `countries/${code.toLowerCase()}`;
  const country = find.country(code);
  const { data } = mission;
  const opening = (toc: RootContent[]): RootContent[] => [
    heading(1, ['Country report: ', ...countryName(country)]),
    ...notice(model, data.status === 'draft' ? [paragraph(strong('Draft.'), ' This mission note is not final; its findings may still change.')] : []),
    paragraph(`Mission of the activity “${model.activity.title}” (${model.activity.programme.name}). `, xref({ page: 'comprehensive' }, 'Read the comprehensive report'), '.'),
    ...toc,
  ];
  const sections: Section[] = [
    (citations) => glance(mission, find, citations, country),
    () => partKeys.flatMap((key) => [
      heading(2, `(${key}) ${partTitles[key]}`, `part-${key}`),
      ...(mission.body.parts[key]?.length ? body(mission, mission.body.parts[key]!, 2, key) : [paragraph('Nothing recorded yet.')]),
    ]),
    (citations) => practices(find, citations, code),
    (citations) => statistics(model, find, citations, code),
    () => recommendations(find, country),
  ];
  return { path, title: `Country report: ${country.name}`, children: sectioned(path, model, opening, sections) };
}

function glance(mission: MissionRecord, find: Lookup, citations: Citations, country: Country): RootContent[] {
  const { data } = mission;
  const code = data.country;
  const agencies = missionAgencies(mission);
  const coordinatorAgency = data.coordinator.agency ? find.agency(data.coordinator.agency, code) : undefined;
  return [
    heading(2, 'Mission at a glance', 'glance'),
    list([
      [strong('Dates:'), ` ${formatRange(data.dates.start, data.dates.end)}`],
      [strong('Expert:'), ` ${data.expert}`],
      [strong('Programme prepared by:'), ` ${data.coordinator.name}${coordinatorAgency ? `, ${agencyShort(coordinatorAgency)}` : ''}`],
      [strong('Meetings held:'), ` ${count(data.meetings.length, 'meeting')} with ${count(agencies.length, 'agency', 'agencies')}`],
      [strong('Status of the note:'), ` ${capitalise(data.status)}`],
      ...(data.sources?.length ? [[strong('Sources:'), ...citations.cite(data.sources)]] : []),
    ]),
    ...body(mission, mission.body.intro, 2, 'intro'),
    agencyTable(['Agencies met in ', country.name], agencies),
    table(
      ['Meetings held'],
      [['Date'], ['Agencies'], ['Themes discussed'], ['Venue']],
      [...data.meetings]
        .sort((a, b) => compareText(a.date, b.date))
        .map((m) => [
          [formatDate(m.date)],
          [m.agencies.map((ref) => agencyLabel(find.agency(ref, code), code, find)).join(', ')],
          joined(m.themes.map((id) => [xref({ page: 'comprehensive', key: `theme:${id}` }, find.theme(id).data.title)])),
          [m.venue ?? '–'],
        ]),
    ),
  ];
}

/** The country's practices, made one by one as they are walked: 875 of them in a large corpus. */
function* practices(find: Lookup, citations: Citations, code: string): Generator<RootContent> {
  yield heading(2, 'Best practices documented', 'practices');
  const documented = find.practicesIn(code);
  if (documented.length === 0) yield paragraph('No best practice has been documented for this country yet.');
  for (const p of documented) yield* practiceBlock(p, 3, find, citations, { showCountry: false });
}

function statistics(model: Model, find: Lookup, citations: Citations, code: string): RootContent[] {
  const stats = model.statistics.find((s) => s.data.country === code);
  return [
    heading(2, 'Enforcement statistics', 'statistics'),
    ...(stats
      ? [
          paragraph('Figures are shown as each agency reports them. Units and valuation bases differ between agencies, so figures of different kinds are not added up. All member states’ figures are available as ', xref({ file: dataPaths.statistics }, 'a CSV file'), '.'),
          ...statisticsSections(stats, find, citations),
        ]
      : [paragraph('No statistics have been recorded for this country.')]),
  ];
}

function recommendations(find: Lookup, country: Country): RootContent[] {
  const recs = find.concerning(country.code);
  return [
    heading(2, `Recommendations concerning ${country.name}`, 'recommendations'),
    recs.length
      ? list(recs.map((r): Inline[] => [xref({ page: 'comprehensive', key: `recommendation:${r.id}` }, `${find.label(r)}. ${r.data.title}`), ` (${r.data.scope}${r.data.countries?.length ? '' : ', all member states'})`]))
      : paragraph('No recommendation concerns this country yet.'),
  ];
}
