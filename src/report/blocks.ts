import type { RootContent } from 'mdast';
import type { Country, CountryAgency, MissionRecord, PracticeRecord, RecommendationRecord, StatisticsRecord } from '../model/model.js';
import type { Figure } from '../model/types.generated.js';
import { compareText } from '../order.js';
import { capitalise, formatNumber, words } from './format.js';
import type { Lookup } from './lookup.js';
import { body, heading, joined, list, native, paragraph, strong, table, xref, type Inline } from './nodes.js';
import { chartOf } from './charts.js';
import { comparableKey, measureLabel, periodLabel, slugKey } from './compare.js';
import type { Citations } from './page.js';

/** `Thailand (ประเทศไทย)` with the national script marked for its language. */
export function countryName(country: Country): Inline[] {
  return country.native_name ? [country.name, ' (', native(country.native_name.text, country.native_name.lang), ')'] : [country.name];
}

/** `DIP` or the name when there is no acronym. */
export function agencyShort(agency: CountryAgency): string {
  return agency.acronym ?? agency.name;
}

/** An agency's short name, with its country when it is not `home`'s: `DIP (Thailand)`. */
export function agencyLabel(agency: CountryAgency, home: string, find: Lookup): string {
  return agency.country === home ? agencyShort(agency) : `${agencyShort(agency)} (${find.country(agency.country).name})`;
}

/** The table of the agencies a mission met. */
export function agencyTable(caption: Inline[], agencies: readonly CountryAgency[]) {
  return table(
    caption,
    [['Acronym'], ['Agency'], ['Name in national script'], ['Kind'], ['Part of']],
    agencies.map((a) => [
      [a.acronym ?? '–'],
      [a.name],
      a.native_name ? [native(a.native_name.text, a.native_name.lang)] : ['–'],
      [capitalise(words(a.kind))],
      [a.parent ?? '–'],
    ]),
  );
}

export function missionAgencies(mission: MissionRecord): CountryAgency[] {
  return mission.data.agencies.map((a) => ({ ...a, country: mission.data.country }));
}

/**
 * A best practice in full: summary, facts, results, transferability, the expert's
 * description, and the recommendations that build on it.
 */
export function practiceBlock(p: PracticeRecord, depth: 2 | 3, find: Lookup, citations: Citations, opts: { showCountry: boolean }): RootContent[] {
  const country = find.country(p.data.country);
  const title: Inline[] = opts.showCountry ? [p.data.title, ` (${country.name})`] : [p.data.title];
  const agencies = p.data.agencies.map((ref) => find.agency(ref, p.data.country));
  const agencyName = (a: CountryAgency) => `${a.acronym ? `${a.name} (${a.acronym})` : a.name}${a.country === p.data.country ? '' : `, ${find.country(a.country).name}`}`;
  const citing = find.citing(p.id);
  const facts: Inline[][] = [
    [strong('Agencies:'), ' ', ...joined(agencies.map((a) => [agencyName(a)]))],
    [strong('Themes:'), ' ', ...joined(p.data.themes.map((id) => [xref({ page: 'comprehensive', key: `theme:${id}` }, find.theme(id).data.title)]))],
    [strong('Status:'), ` ${capitalise(p.data.status)}`],
    [strong('Transferability:'), ` ${capitalise(p.data.transferability.level)}. ${p.data.transferability.note}`],
  ];
  if (opts.showCountry) facts.unshift([strong('Country:'), ' ', xref({ page: `countries/${country.code.toLowerCase()}` }, country.name)]);
  if (citing.length > 0) {
    facts.push([strong('Recommendations building on it:'), ' ', ...joined(citing.map((r) => [xref({ page: 'comprehensive', key: `recommendation:${r.id}` }, `${find.label(r)}. ${r.data.title}`)]))]);
  }
  return [
    heading(depth, title, `practice:${p.id}`),
    paragraph(p.data.summary, ...citations.cite(p.data.sources)),
    list(facts),
    paragraph(strong('Results and evidence.'), ' ', p.data.results),
    ...body(p, p.body.children, depth),
  ];
}

/** A recommendation in full, with the practices it builds on. */
export function recommendationBlock(r: RecommendationRecord, depth: 3 | 4, find: Lookup): RootContent[] {
  const facts: Inline[][] = [
    [strong('Scope:'), ` ${capitalise(r.data.scope)}`],
    [strong('Member states:'), ' ', r.data.countries?.length ? r.data.countries.map((c) => find.country(c).name).join(', ') : 'All'],
    [strong('Themes:'), ' ', ...joined(r.data.themes.map((id) => [xref({ page: 'comprehensive', key: `theme:${id}` }, find.theme(id).data.title)]))],
  ];
  if (r.data.addressees?.length) facts.push([strong('Addressed to:'), ` ${r.data.addressees.map(words).join(', ')}`]);
  if (r.data.builds_on?.length) {
    facts.push([strong('Builds on:'), ' ', ...joined(r.data.builds_on.map((id) => {
      const p = find.practice(id);
      return [xref({ page: 'comprehensive', key: `practice:${id}` }, p.data.title), ` (${find.country(p.data.country).name})`];
    }))]);
  }
  return [heading(depth, `${find.label(r)}. ${r.data.title}`, `recommendation:${r.id}`), ...body(r, r.body.children, depth), list(facts)];
}

/**
 * One country's figures, one section per kind (measure, unit, currency and basis): a table of
 * agencies by year as the sources give them, their notes, and a chart where there is
 * more than one whole-year figure. Kinds are never mixed.
 */
export function statisticsSections(stats: StatisticsRecord, find: Lookup, citations: Citations): RootContent[] {
  const code = stats.data.country;
  const kinds = new Map<string, Figure[]>();
  for (const f of stats.data.figures) kinds.set(comparableKey(f), [...(kinds.get(comparableKey(f)) ?? []), f]);
  const out: RootContent[] = [];
  for (const [key, figures] of [...kinds].sort(([a], [b]) => compareText(a, b))) {
    const label = capitalise(measureLabel(figures[0]!));
    const periods = [...new Set(figures.map(periodLabel))].sort(compareText);
    const agencies = [...new Set(figures.map((f) => f.agency ?? ''))].sort(compareText);
    const name = (a: string) => (a ? agencyShort(find.agency(a, code)) : 'National total');
    out.push(heading(3, label, `statistics:${key}`));
    out.push(
      table(
        [label, ` in ${find.country(code).name}`],
        [['Agency'], ...periods.map((p): Inline[] => [p])],
        agencies.map((a) => [
          [name(a)],
          ...periods.map((p): Inline[] => {
            const f = figures.find((x) => (x.agency ?? '') === a && periodLabel(x) === p);
            return f ? [formatNumber(f.value), ...citations.cite([f.source])] : ['–'];
          }),
        ]),
        [null, ...periods.map(() => 'right' as const)],
      ),
    );
    const notes = [...new Set(figures.filter((f) => f.note).map((f) => `${name(f.agency ?? '')}${f.period === 'part-year' ? ` (${f.year}, part of the year)` : f.period === 'fiscal-year' ? ` (FY ${f.year})` : ''}: ${f.note}`))];
    if (notes.length > 0) out.push(list(notes.map((n) => [n])));
    const whole = figures.filter((f) => (f.period ?? 'calendar-year') === 'calendar-year');
    const years = [...new Set(whole.map((f) => f.year))].sort((a, b) => a - b);
    if (whole.length > 1) {
      out.push(
        chartOf(
          `${code.toLowerCase()}-${slugKey(key)}`,
          `${label} in ${find.country(code).name}, by ${agencies.length > 1 ? 'agency and ' : ''}year`,
          agencies.map((a) => ({ label: name(a), values: years.map((y) => whole.find((f) => (f.agency ?? '') === a && f.year === y)?.value) })),
          years,
        ),
      );
    }
  }
  return out;
}
