import { agencyKey, type Country, type CountryAgency, type Model, type PracticeRecord, type RecommendationRecord, type ThemeRecord } from '../model/model.js';

/** Indexes over a linked model, built once per render. References are known to resolve. */
export interface Lookup {
  country(code: string): Country;
  agency(ref: string, country: string): CountryAgency;
  theme(id: string): ThemeRecord;
  practice(id: string): PracticeRecord;
  /** Recommendations that list the practice under builds_on, in number order. */
  citing(practiceId: string): RecommendationRecord[];
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
    citing: (id) => model.recommendations.filter((r) => r.data.builds_on?.includes(id)),
    concerning: (code) => model.recommendations.filter((r) => !r.data.countries || r.data.countries.length === 0 || r.data.countries.includes(code)),
    // Numbers restart per meeting; prefix the meeting only when there is more than one.
    label: (r) => (several ? `${r.data.meeting} R${r.data.number}` : `R${r.data.number}`),
  };
}
