import { agencyKey, type Country, type CountryAgency, type Model, type PracticeRecord, type RecommendationRecord, type ThemeRecord } from '../model/model.js';

/** Indexes over a linked model, built once per render. References are known to resolve. */
export interface Lookup {
  country(code: string): Country;
  agency(ref: string, country: string): CountryAgency;
  theme(id: string): ThemeRecord;
  practice(id: string): PracticeRecord;
  /** The practices documented for a country, in the model's order. */
  practicesIn(code: string): readonly PracticeRecord[];
  /** Recommendations that list the practice under builds_on, in number order. */
  citing(practiceId: string): readonly RecommendationRecord[];
  /** Recommendations that concern a country: those naming it and those naming none (all states). */
  concerning(code: string): RecommendationRecord[];
  /** `R3`: how reports refer to a recommendation. */
  label(r: RecommendationRecord): string;
}

export function lookup(model: Model): Lookup {
  const countries = new Map(model.countries.map((c) => [c.code, c]));
  const agencies = new Map<string, CountryAgency>();
  for (const m of model.missions) for (const a of m.data.agencies) agencies.set(`${m.data.country}/${a.id}`, { ...a, country: m.data.country });
  const themes = new Map(model.themes.map((t) => [t.id, t]));
  const practices = new Map(model.practices.map((p) => [p.id, p]));
  // Gathered once: each page is made several times a build, and scanning every practice for
  // each country, and every recommendation for each practice, took most of a make at 10,000
  // records.
  const byCountry = groupBy(model.practices, (p) => [p.data.country]);
  const citing = groupBy(model.recommendations, (r) => new Set(r.data.builds_on));
  const get = <T>(map: Map<string, T>, key: string, what: string): T => {
    const found = map.get(key);
    if (found === undefined) throw new Error(`unresolved ${what} ${key} reached rendering`);
    return found;
  };
  const several = new Set(model.recommendations.map((r) => r.data.meeting)).size > 1;
  return {
    country: (code) => get(countries, code, 'country'),
    agency: (ref, country) => get(agencies, agencyKey(ref, country), 'agency'),
    theme: (id) => get(themes, id, 'theme'),
    practice: (id) => get(practices, id, 'practice'),
    practicesIn: (code) => byCountry.get(code) ?? [],
    citing: (id) => citing.get(id) ?? [],
    concerning: (code) => model.recommendations.filter((r) => !r.data.countries || r.data.countries.length === 0 || r.data.countries.includes(code)),
    // Numbers restart per meeting; prefix the meeting only when there is more than one.
    label: (r) => (several ? `${r.data.meeting} R${r.data.number}` : `R${r.data.number}`),
  };
}

/** The items under each key they give, in their order. */
function groupBy<T>(items: readonly T[], keys: (item: T) => Iterable<string>): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}
