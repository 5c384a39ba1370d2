import type { Root } from 'mdast';
import { nowhere, replaceValue, spanAt } from '../content/locations.js';
import { listOf, nearest } from '../content/suggest.js';
import type { Diagnostic, Fix, StageResult } from '../diagnostics/diagnostic.js';
import { diagnostic, type RuleId } from '../diagnostics/rules.js';
import {
  agencyKey,
  type CountryAgency,
  type Country,
  type MeetingRecord,
  type MissionRecord,
  type Model,
  type Origin,
  type PracticeRecord,
  type RecommendationRecord,
  type Source,
  type StatisticsRecord,
  type ThemeRecord,
} from '../model/model.js';
import type { Activity, Sources } from '../model/types.generated.js';
import type { CheckedFile } from './structure.js';
import type { SourceFile } from './load.js';
import { compareText } from '../order.js';

const emptyRoot: Root = { type: 'root', children: [] };
const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Joins the checked files into one model and resolves every reference between records.
 * Pure: the files in, the model and what does not resolve out. Returns no model when the
 * activity (the list of member states) is unusable. `present` lists every file that was
 * read, valid or not, so that a reference to a broken record is not reported a second time.
 */
export function link(files: readonly CheckedFile[], present: readonly Pick<SourceFile, 'collection' | 'id' | 'path'>[] = files): StageResult<Model | undefined> {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (rule, origin, pointer, message, extra) => diagnostics.push(diagnostic(rule, origin.file, spanAt(origin.locations, pointer), message, extra));
  const of = (collection: CheckedFile['collection']) => files.filter((f) => f.collection === collection);
  const known = (collection: CheckedFile['collection']) => new Map(present.filter((f) => f.collection === collection).map((f, i) => [f.id, i]));

  const activityFile = of('activity')[0];
  if (!activityFile) return { value: undefined, diagnostics };
  const activity = activityFile.data as Activity;

  // Ids are file names, so only two endings (th.yaml, th.yml) can give two records one id.
  const firstFile = new Map<string, Pick<SourceFile, 'path'>>();
  for (const file of present) {
    const key = `${file.collection}/${file.id}`;
    const first = firstFile.get(key);
    if (!first) {
      firstFile.set(key, file);
      continue;
    }
    const start = { line: 1, column: 1, endLine: 1, endColumn: 1 };
    diagnostics.push(diagnostic('id/duplicate', file.path, start, `Unexpected second record \`${file.id}\`: ${first.path} has the same id; keep one of the two files.`, { related: [{ file: first.path, ...start, message: 'first defined here' }] }));
  }

  // Ids are file names; a stated id must agree with it.
  for (const file of files) {
    if (file.collection === 'activity' || file.collection === 'sources') continue;
    if (!kebab.test(file.id)) {
      diagnostics.push(diagnostic('id/invalid-file-name', file.path, { line: 1, column: 1, endLine: 1, endColumn: 1 }, `Unexpected file name \`${file.id}\`: a record's file name is its id, in lower-case letters, digits and single hyphens, such as \`${suggestId(file.id)}\`; rename the file.`));
    }
    const stated = (file.data as { id?: string }).id;
    if (stated !== undefined && stated !== file.id) {
      report('id/mismatch', origin(file), '/id', `Unexpected id \`${stated}\` in a file named \`${file.id}\`: the id is the file name; remove the \`id\` field or rename the file to \`${stated}\`.`);
    }
  }

  const countries = activity.member_states.map(({ code, name, native_name }) => (native_name ? { code, name, native_name } : { code, name }) as Country).sort((a, b) => compareText(a.name, b.name));
  const countryCodes = firstById(countries.map((c) => c.code), activityFile, (i) => `/member_states/${i}/code`, report);
  const countryName = new Map(countries.map((c) => [c.code, c.name]));
  const checkCountry = (code: string, o: Origin, pointer: string): boolean => {
    if (countryCodes.has(code)) return true;
    const near = nearest(code, [...countryCodes.keys()]);
    report('ref/unknown-country', o, pointer, `Unexpected country \`${code}\`: not a member state in activity.yaml${near.length ? `; did you mean ${listOf(near)}?` : '.'} Add it under member_states if it is a new one.`, { fix: onlyCandidate(near, o, pointer) });
    return false;
  };

  // Sources. Without a sources.yaml that checked (missing, or with errors of its own, either
  // reported already), the sources cited are checked once it is fixed, not each called unknown.
  const sourcesFile = of('sources')[0];
  const sources = (sourcesFile?.data as Sources | undefined) ?? [];
  const sourceIds = sourcesFile && firstById(sources.map((s) => s.id), sourcesFile, (i) => `/${i}/id`, report);
  const checkSource = (id: string, o: Origin, pointer: string) => {
    if (sourceIds) checkRef(id, sourceIds, 'ref/unknown-source', 'source', 'content/sources.yaml', o, pointer, report);
  };
  const checkSources = (ids: readonly string[] | undefined, o: Origin, pointer: string) => ids?.forEach((id, i) => checkSource(id, o, `${pointer}/${i}`));

  // Themes
  const themes: ThemeRecord[] = of('themes').map((f) => ({ ...origin(f), data: f.data as ThemeRecord['data'], body: f.body ?? emptyRoot }));
  themes.sort((a, b) => a.data.order - b.data.order || compareText(a.id, b.id));
  const themeIds = known('themes');
  const checkThemes = (ids: readonly string[], o: Origin, pointer: string) =>
    ids.forEach((id, i) => checkRef(id, themeIds, 'ref/unknown-theme', 'theme', 'content/themes/', o, `${pointer}/${i}`, report));

  // Missions and the agencies they list
  const missions: MissionRecord[] = [];
  const agencies = new Map<string, Map<string, CountryAgency>>();
  for (const f of of('missions')) {
    const m: MissionRecord = { ...origin(f), data: f.data as MissionRecord['data'], body: f.parts ?? { intro: [], parts: {} } };
    const code = m.data.country;
    if (m.id !== code.toLowerCase()) {
      report('id/mismatch', m, '/country', `Unexpected country \`${code}\` in a mission note named \`${m.id}\`: name the file after the country code (\`${code.toLowerCase()}.md\`) or correct the code.`);
    }
    if (!checkCountry(code, m, '/country')) continue;
    missions.push(m);
    const index = new Map<string, CountryAgency>();
    m.data.agencies.forEach((agency, i) => {
      const first = index.get(agency.id);
      if (first) {
        const firstAt = m.data.agencies.findIndex((a) => a.id === agency.id);
        report('id/duplicate', m, `/agencies/${i}/id`, `Unexpected second agency with id \`${agency.id}\`: agency ids are unique within a country (the first is at line ${spanAt(m.locations, `/agencies/${firstAt}/id`).line}); give this one another id.`, { related: [{ file: m.file, ...spanAt(m.locations, `/agencies/${firstAt}/id`), message: 'first defined here' }] });
        return;
      }
      index.set(agency.id, { ...agency, country: code });
    });
    agencies.set(code, index);
    checkSources(m.data.sources, m, '/sources');
  }
  missions.sort((a, b) => compareText(countryName.get(a.data.country) ?? '', countryName.get(b.data.country) ?? ''));
  // A country without agencies may still have a mission note that was read but did not check:
  // its own problems say what is wrong, and what refers to it would only repeat, wrongly, that
  // there is no such note.
  const missionFiles = known('missions');
  const noMissionNote = (code: string) => !missionFiles.has(code.toLowerCase());

  /** How a record of `country` writes the agency `TH/dip`: its own country's by id alone. */
  const writtenIn = (country: string, agency: string) => (agency.startsWith(`${country}/`) ? agency.slice(3) : `${agency.slice(0, 2).toLowerCase()}/${agency.slice(3)}`);

  /**
   * Resolves `dip` (in `country`) or `th/dip` to an agency of a mission note, and gives it as
   * `TH/dip` when it is one. `own`: the field names one of `country`'s own agencies (the
   * coordinator's, a figure's reporting agency, a delegate's organisation), never another's.
   * `taken`: the agencies the same list names already, which no fix may name again.
   */
  const checkAgency = (ref: string, country: string, o: Origin, pointer: string, { own = false, taken = new Set<string>() } = {}): string | undefined => {
    const agency = agencyKey(ref, country);
    const [code, id] = [agency.slice(0, 2), agency.slice(3)];
    const fixOf = (candidates: string[]) => onlyCandidate(candidates.filter((c) => !taken.has(agencyKey(c, country))), o, pointer);
    if (!countryCodes.has(code)) {
      // Only a member state whose note lists the id, and in a field of the country's own, only it.
      const near = nearest(code, [...countryCodes.keys()])
        .filter((c) => agencies.get(c)?.has(id) && (!own || c === country))
        .map((c) => writtenIn(country, `${c}/${id}`));
      report('ref/unknown-country', o, pointer, `Unexpected agency \`${ref}\`: \`${ref.slice(0, 2)}\` is not the code of a member state in activity.yaml${near.length ? `; did you mean ${listOf(near)}?` : '.'}`, { fix: fixOf(near) });
      return undefined;
    }
    if (own && code !== country) {
      // Never fixed: `dip` would be another agency, of another country, under the same id.
      const name = countryName.get(country);
      const note = `content/missions/${country.toLowerCase()}.md`;
      const where = noMissionNote(country) ? `, and ${name} has no mission note yet (${note})` : ` (${note} lists them)`;
      const mine = agencies.get(country)?.has(id) ? `; write \`${id}\` if ${name}'s own is meant` : '';
      report('ref/foreign-agency', o, pointer, `Unexpected agency \`${ref}\` of ${countryName.get(code)}: this field takes one of ${name}'s own agencies${where}${mine}.`);
      return undefined;
    }
    const index = agencies.get(code);
    if (!index) {
      if (noMissionNote(code)) report('ref/unknown-agency', o, pointer, `Unexpected agency \`${ref}\`: there is no mission note for ${countryName.get(code)} listing agencies; add content/missions/${code.toLowerCase()}.md or correct the reference.`);
      return undefined;
    }
    if (index.has(id)) return agency;
    const near = nearest(id, [...index.keys()]).map((n) => writtenIn(country, `${code}/${n}`));
    // An id written alone that another country's note lists is likely that agency, unqualified;
    // not fixed, since the note of the record's own country may instead lack it.
    const elsewhere = ref.includes('/') || own ? [] : [...agencies].filter(([other, list]) => other !== code && list.has(id)).map(([other]) => writtenIn(country, `${other}/${id}`));
    const listed = near.length ? `; did you mean ${listOf(near)}?` : elsewhere.length ? '' : `; it lists ${listOf([...index.keys()].map((n) => writtenIn(country, `${code}/${n}`)))}.`;
    const abroad = elsewhere.length ? `${near.length ? ' For' : '; for'} another country's agency, qualify it: ${listOf(elsewhere)}.` : '';
    report('ref/unknown-agency', o, pointer, `Unexpected agency \`${ref}\`: the mission note for ${countryName.get(code)} lists no agency with that id${listed}${abroad}`, { fix: elsewhere.length ? undefined : fixOf(near) });
    return undefined;
  };
  /** Checks a list of agency references, and that no two of them name the same agency (`customs` and `vn/customs` in a record of Viet Nam). */
  const checkAgencies = (refs: readonly string[], country: string, o: Origin, pointer: string) => {
    const taken = new Set(refs.map((ref) => agencyKey(ref, country)));
    const seen = new Map<string, number>();
    refs.forEach((ref, i) => {
      const agency = checkAgency(ref, country, o, `${pointer}/${i}`, { taken });
      if (agency === undefined) return;
      const first = seen.get(agency);
      if (first === undefined) seen.set(agency, i);
      else report('schema/duplicate-item', o, `${pointer}/${i}`, `Unexpected \`${ref}\`: it names the same agency as \`${refs[first]}\` before it in this list; list each agency once.`, { related: [{ file: o.file, ...spanAt(o.locations, `${pointer}/${first}`), message: 'first named here' }] });
    });
  };

  for (const m of missions) {
    const { country, coordinator, meetings, dates } = m.data;
    checkDates(dates, m, '/dates', report);
    if (coordinator.agency) checkAgency(coordinator.agency, country, m, '/coordinator/agency', { own: true });
    meetings.forEach((meeting, i) => {
      checkAgencies(meeting.agencies, country, m, `/meetings/${i}/agencies`);
      checkThemes(meeting.themes, m, `/meetings/${i}/themes`);
      if (dates.start <= dates.end && (meeting.date < dates.start || meeting.date > dates.end)) {
        report('date/outside-mission', m, `/meetings/${i}/date`, `Unexpected meeting date ${meeting.date}: the mission ran from ${dates.start} to ${dates.end}; correct the date or the mission's dates.`);
      }
    });
    if (m.data.status === 'draft') {
      report('status/draft', m, '/status', 'This mission note is still a draft: its report is marked as such. Set `status: final` once the expert has signed it off.');
    }
  }

  // Practices
  const practices: PracticeRecord[] = of('practices').map((f) => ({ ...origin(f), data: f.data as PracticeRecord['data'], body: f.body ?? emptyRoot }));
  for (const p of practices) {
    const { country } = p.data;
    if (checkCountry(country, p, '/country') && !agencies.has(country)) {
      if (noMissionNote(country)) report('ref/unknown-mission', p, '/country', `Unexpected practice for ${countryName.get(country)}: there is no mission note for it (content/missions/${country.toLowerCase()}.md); practices come from missions.`);
    } else if (agencies.has(country)) {
      checkAgencies(p.data.agencies, country, p, '/agencies');
    }
    checkThemes(p.data.themes, p, '/themes');
    checkSources(p.data.sources, p, '/sources');
  }
  practices.sort((a, b) => compareText(countryName.get(a.data.country) ?? '', countryName.get(b.data.country) ?? '') || compareText(a.data.title, b.data.title) || compareText(a.id, b.id));
  const practiceIds = known('practices');

  // The consultation meeting(s)
  const meetings: MeetingRecord[] = of('meetings').map((f) => ({ ...origin(f), data: f.data as MeetingRecord['data'], body: f.body ?? emptyRoot }));
  meetings.sort((a, b) => compareText(a.data.dates.start, b.data.dates.start) || compareText(a.id, b.id));
  for (const meeting of meetings) {
    checkDates(meeting.data.dates, meeting, '/dates', report);
    checkCountry(meeting.data.venue.country, meeting, '/venue/country');
    const seen = new Map<string, number>();
    meeting.data.attendance.forEach((delegation, i) => {
      if (!checkCountry(delegation.country, meeting, `/attendance/${i}/country`)) return;
      const first = seen.get(delegation.country);
      if (first !== undefined) {
        report('id/duplicate', meeting, `/attendance/${i}/country`, `Unexpected second delegation for ${countryName.get(delegation.country)}: list all its delegates under the first one (line ${spanAt(meeting.locations, `/attendance/${first}/country`).line}).`);
      }
      seen.set(delegation.country, i);
      delegation.delegates.forEach((d, j) => d.agency && checkAgency(d.agency, delegation.country, meeting, `/attendance/${i}/delegates/${j}/agency`, { own: true }));
    });
    checkSources(meeting.data.sources, meeting, '/sources');
  }
  const meetingIds = known('meetings');

  // Recommendations
  const recommendations: RecommendationRecord[] = of('recommendations').map((f) => ({ ...origin(f), data: f.data as RecommendationRecord['data'], body: f.body ?? emptyRoot }));
  recommendations.sort((a, b) => compareText(a.data.meeting, b.data.meeting) || a.data.number - b.data.number || compareText(a.id, b.id));
  const numbers = new Map<string, RecommendationRecord>();
  for (const r of recommendations) {
    checkRef(r.data.meeting, meetingIds, 'ref/unknown-meeting', 'meeting', 'content/meetings/', r, '/meeting', report);
    const key = `${r.data.meeting}#${r.data.number}`;
    const first = numbers.get(key);
    if (first) {
      report('id/duplicate', r, '/number', `Unexpected second recommendation number ${r.data.number} for meeting \`${r.data.meeting}\`: ${first.file} has it already; renumber one of them.`, { related: [{ file: first.file, ...spanAt(first.locations, '/number'), message: 'first numbered here' }] });
    } else numbers.set(key, r);
    checkThemes(r.data.themes, r, '/themes');
    r.data.countries?.forEach((c, i) => checkCountry(c, r, `/countries/${i}`));
    r.data.builds_on?.forEach((id, i) => checkRef(id, practiceIds, 'ref/unknown-practice', 'practice', 'content/practices/', r, `/builds_on/${i}`, report));
  }

  // Statistics
  const statistics: StatisticsRecord[] = of('statistics').map((f) => ({ ...origin(f), data: f.data as StatisticsRecord['data'] }));
  for (const s of statistics) {
    const { country } = s.data;
    if (s.id !== country.toLowerCase()) {
      report('id/mismatch', s, '/country', `Unexpected country \`${country}\` in a statistics file named \`${s.id}\`: name the file after the country code (\`${country.toLowerCase()}.yaml\`) or correct the code.`);
    }
    if (!checkCountry(country, s, '/country')) continue;
    s.data.figures.forEach((figure, i) => {
      if (figure.agency) checkAgency(figure.agency, country, s, `/figures/${i}/agency`, { own: true });
      checkSource(figure.source, s, `/figures/${i}/source`);
    });
  }
  statistics.sort((a, b) => compareText(countryName.get(a.data.country) ?? '', countryName.get(b.data.country) ?? ''));

  // A practice no recommendation builds on is worth knowing about, not an error; not said
  // while a recommendation that did not check might build on it.
  const cited = new Set(recommendations.flatMap((r) => r.data.builds_on ?? []));
  const allChecked = known('recommendations').size === recommendations.length;
  for (const p of practices) {
    if (!cited.has(p.id) && recommendations.length > 0 && allChecked) {
      report('practice/not-recommended', p, '/title', `No recommendation builds on \`${p.id}\` yet; list it under \`builds_on\` of a recommendation if one draws on it.`);
    }
  }

  return {
    value: { activity, countries, themes, missions, practices, meetings, recommendations, statistics, sources: sources as Source[] },
    diagnostics,
  };
}

/** A fix when exactly one existing id is close: anything else is the editor's call. */
function onlyCandidate(near: readonly string[], o: Origin, pointer: string): Fix | undefined {
  return near.length === 1 ? replaceValue(o.locations, pointer, near[0]!) : undefined;
}

/**
 * The model with its records' locations dropped, for a build: they serve only the diagnostics,
 * every one of which is made once the content is linked. Kept, they were 55 MB of what a
 * 10,000-record build held while it wrote.
 */
export function unlocated(model: Model): Model {
  const strip = <R extends Origin>(records: R[]): R[] => records.map((r) => ({ ...r, locations: nowhere }));
  const { themes, missions, practices, meetings, recommendations, statistics } = model;
  return { ...model, themes: strip(themes), missions: strip(missions), practices: strip(practices), meetings: strip(meetings), recommendations: strip(recommendations), statistics: strip(statistics) };
}

function origin(file: CheckedFile): Origin {
  return { id: file.id, file: file.path, locations: file.locations, ...(file.revision ? { revision: file.revision } : {}) };
}

type Report = (rule: RuleId, origin: Origin, pointer: string, message: string, extra?: Parameters<typeof diagnostic>[4]) => void;

function checkRef(id: string, known: Map<string, number>, rule: RuleId, what: string, where: string, o: Origin, pointer: string, report: Report) {
  if (known.has(id)) return;
  const near = nearest(id, [...known.keys()]);
  report(rule, o, pointer, `Unexpected ${what} \`${id}\`: no such ${what} in ${where}${near.length ? `; did you mean ${listOf(near)}?` : '.'}`, { fix: onlyCandidate(near, o, pointer) });
}

function checkDates(range: { start: string; end: string }, o: Origin, pointer: string, report: Report) {
  if (range.end < range.start) {
    report('date/order', o, `${pointer}/end`, `Unexpected end date ${range.end} before the start date ${range.start}: swap them or correct one.`);
  }
}

/** Maps each id to its first index, reporting later copies. */
function firstById(ids: readonly string[], file: CheckedFile, pointerOf: (i: number) => string, report: Report): Map<string, number> {
  const first = new Map<string, number>();
  const o = origin(file);
  ids.forEach((id, i) => {
    const at = first.get(id);
    if (at === undefined) {
      first.set(id, i);
      return;
    }
    const firstSpan = spanAt(o.locations, pointerOf(at));
    report('id/duplicate', o, pointerOf(i), `Unexpected second \`${id}\`: it is already defined at line ${firstSpan.line}; remove one or give it another id.`, { related: [{ file: o.file, ...firstSpan, message: 'first defined here' }] });
  });
  return first;
}

function suggestId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'my-record';
}
