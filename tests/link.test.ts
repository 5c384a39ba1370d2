import { describe, expect, it } from 'vitest';
import { link, unlocated } from '../src/pipeline/link.js';
import { parse } from '../src/pipeline/parse.js';
import { structure, type CheckedFile } from '../src/pipeline/structure.js';
import { validate } from '../src/pipeline/validate.js';
import type { SourceFile } from '../src/pipeline/load.js';
import { schemas, source } from './helpers.js';

const activity = source('activity', 'activity', `title: T
programme: { name: P, full_name: Programme }
period: { start: 2013-08-01, end: 2013-11-30 }
aims: [One]
member_states:
  - { code: TH, name: Thailand }
  - { code: LA, name: Lao PDR }
`);
const sources = source('sources', 'sources', '- id: s1\n  title: One\n');
const theme = source('themes', 'customs', '---\ntitle: Customs\nsummary: S\norder: 1\n---\nText\n');
const mission = (code: string, agencies: string, meetingAgencies = '[dip]') =>
  source('missions', code.toLowerCase(), `---
country: ${code}
status: final
dates: { start: 2013-10-10, end: 2013-10-14 }
expert: E
coordinator: { name: C }
agencies:
${agencies}
meetings:
  - { date: 2013-10-11, agencies: ${meetingAgencies}, themes: [customs] }
---
## (a) Current situation, needs and expectations
x
## (b) Best practices observed
x
## (c) Suggestions for guidelines and materials
x
## (d) Suggestions for interagency coordination
x
`);
const dip = '  - { id: dip, name: Department of Intellectual Property, kind: ip-office }';

async function linked(...files: SourceFile[]) {
  const checked: CheckedFile[] = [];
  for (const f of files) {
    const parsed = parse(f);
    expect(parsed.diagnostics).toEqual([]);
    const valid = validate(parsed.value!, await schemas());
    expect(valid.diagnostics).toEqual([]);
    checked.push(structure(valid.value!).value);
  }
  return link(checked);
}

describe('link', () => {
  it('resolves agency ids within a country and qualified across countries', async () => {
    const result = await linked(activity, sources, theme, mission('TH', dip), mission('LA', dip, '[dip, th/dip]'));
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.missions.map((m) => m.id)).toEqual(['la', 'th']); // by English name
  });

  it('drops every record\'s locations for a build, and nothing else', async () => {
    const model = (await linked(activity, sources, theme, mission('TH', dip), mission('LA', dip, '[dip, th/dip]'))).value!;
    expect(model.missions[0]!.locations.pointers.length).toBeGreaterThan(0);
    const without = unlocated(model);
    const records = [...without.themes, ...without.missions, ...without.practices, ...without.meetings, ...without.recommendations, ...without.statistics];
    expect(records.length).toBe(3);
    for (const r of records) expect(r.locations.pointers).toEqual([]);
    const noPlaces = (m: typeof model) => JSON.parse(JSON.stringify(m, (key, value: unknown) => (key === 'locations' ? undefined : value)));
    expect(noPlaces(without)).toEqual(noPlaces(model));
  });

  it('names the closest agency ids when a reference does not resolve', async () => {
    const result = await linked(activity, sources, theme, mission('TH', dip), mission('LA', dip, '[dip, th/dpi]'));
    expect(result.diagnostics).toMatchObject([{ rule: 'ref/unknown-agency', file: 'content/missions/la.md', line: 10, column: 41 }]);
    expect(result.diagnostics[0]!.message).toContain('did you mean `th/dip`?');
  });

  const ecsd = '  - { id: ecsd, name: Economic Crime Suppression Division, kind: police }';
  /** Each diagnostic's rule, line, message and the text its fix would write. */
  const told = (result: Awaited<ReturnType<typeof linked>>) => result.diagnostics.map(({ rule, line, message, fix }) => ({ rule, line, message, fix: fix?.text }));

  it('refuses another country\'s agency where a field names the country\'s own, and never fixes it', async () => {
    const figure = (agency: string) => `  - { year: 2012, agency: ${agency}, measure: raids, value: 3, unit: operations, source: s1 }`;
    const statistics = source('statistics', 'la', `country: LA\nfigures:\n${['th/dip', 'th/ecsd', 'la/dip'].map(figure).join('\n')}\n`);
    const result = await linked(activity, sources, theme, mission('TH', `${dip}\n${ecsd}`), mission('LA', dip), statistics);
    expect(told(result)).toEqual([
      { rule: 'ref/foreign-agency', line: 3, message: "Unexpected agency `th/dip` of Thailand: this field takes one of Lao PDR's own agencies (content/missions/la.md lists them); write `dip` if Lao PDR's own is meant.", fix: undefined },
      { rule: 'ref/foreign-agency', line: 4, message: "Unexpected agency `th/ecsd` of Thailand: this field takes one of Lao PDR's own agencies (content/missions/la.md lists them).", fix: undefined },
    ]);
  });

  it('holds a coordinator and a delegate to their own country too, and says when it has no mission note', async () => {
    const coordinated = source('missions', 'la', mission('LA', dip).text.replace('coordinator: { name: C }', 'coordinator: { name: C, agency: th/dip }'));
    const meeting = source('meetings', 'm', '---\ntitle: M\ndates: { start: 2013-11-25, end: 2013-11-26 }\nvenue: { city: Manila, country: TH }\nattendance:\n  - { country: TH, delegates: [{ role: ip-office, organisation: DIP, agency: la/dip }] }\n  - { country: LA, delegates: [{ role: ip-office, organisation: DIP, agency: th/dip }] }\n---\nText.\n');
    const result = await linked(activity, sources, theme, coordinated, meeting);
    expect(told(result)).toEqual([
      { rule: 'ref/foreign-agency', line: 6, message: "Unexpected agency `th/dip` of Thailand: this field takes one of Lao PDR's own agencies (content/missions/la.md lists them); write `dip` if Lao PDR's own is meant.", fix: undefined },
      { rule: 'ref/foreign-agency', line: 6, message: "Unexpected agency `la/dip` of Lao PDR: this field takes one of Thailand's own agencies, and Thailand has no mission note yet (content/missions/th.md).", fix: undefined },
      { rule: 'ref/foreign-agency', line: 7, message: "Unexpected agency `th/dip` of Thailand: this field takes one of Lao PDR's own agencies (content/missions/la.md lists them); write `dip` if Lao PDR's own is meant.", fix: undefined },
    ]);
  });

  it('reports a list that names one agency twice, once alone and once qualified', async () => {
    const result = await linked(activity, sources, theme, mission('TH', dip), mission('LA', dip, '[dip, th/dip, la/dip]'));
    expect(result.diagnostics).toMatchObject([{ rule: 'schema/duplicate-item', file: 'content/missions/la.md', line: 10, related: [{ line: 10, message: 'first named here' }] }]);
    expect(result.diagnostics[0]!.message).toBe('Unexpected `la/dip`: it names the same agency as `dip` before it in this list; list each agency once.');
    const practice = source('practices', 'p', '---\ntitle: P\ncountry: TH\nthemes: [customs]\nagencies: [ecsd, dip, th/ecsd]\nsummary: S\nresults: R\ntransferability: { level: high, note: N }\nstatus: observed\n---\nBody\n');
    expect(told(await linked(activity, sources, theme, mission('TH', `${dip}\n${ecsd}`), practice))).toEqual([
      { rule: 'schema/duplicate-item', line: 5, message: 'Unexpected `th/ecsd`: it names the same agency as `ecsd` before it in this list; list each agency once.', fix: undefined },
    ]);
  });

  it('says that an agency\'s code is no member state, and offers only a country whose note lists the id', async () => {
    const result = await linked(activity, sources, theme, mission('TH', `${dip}\n${ecsd}`), mission('LA', dip, '[xx/dip, tx/dip, tx/zzz, lx/dip]'));
    expect(told(result)).toEqual([
      { rule: 'ref/unknown-country', line: 10, message: 'Unexpected agency `xx/dip`: `xx` is not the code of a member state in activity.yaml.', fix: undefined },
      { rule: 'ref/unknown-country', line: 10, message: 'Unexpected agency `tx/dip`: `tx` is not the code of a member state in activity.yaml; did you mean `th/dip`?', fix: 'th/dip' },
      { rule: 'ref/unknown-country', line: 10, message: 'Unexpected agency `tx/zzz`: `tx` is not the code of a member state in activity.yaml.', fix: undefined },
      { rule: 'ref/unknown-country', line: 10, message: 'Unexpected agency `lx/dip`: `lx` is not the code of a member state in activity.yaml; did you mean `dip`?', fix: 'dip' },
    ]);
  });

  it('points an id alone to the agency it may mean abroad, and fixes neither that nor a slip the list already names', async () => {
    const lao = `${dip}\n  - { id: ecsd, name: Economic and Crime Division, kind: police }`;
    const result = await linked(activity, sources, theme, mission('TH', `${dip}\n  - { id: ecds, name: E, kind: police }\n  - { id: dsi, name: D, kind: police }`), mission('LA', lao, '[dsi, ecds, dip, dpi, th/dip]'));
    expect(told(result)).toEqual([
      { rule: 'ref/unknown-agency', line: 11, message: "Unexpected agency `dsi`: the mission note for Lao PDR lists no agency with that id; for another country's agency, qualify it: `th/dsi`.", fix: undefined },
      { rule: 'ref/unknown-agency', line: 11, message: "Unexpected agency `ecds`: the mission note for Lao PDR lists no agency with that id; did you mean `ecsd`? For another country's agency, qualify it: `th/ecds`.", fix: undefined },
      { rule: 'ref/unknown-agency', line: 11, message: 'Unexpected agency `dpi`: the mission note for Lao PDR lists no agency with that id; did you mean `dip`?', fix: undefined },
    ]);
  });

  it('points at the second copy of a duplicate id and at the first', async () => {
    const result = await linked(activity, sources, theme, mission('TH', `${dip}\n${dip}`));
    expect(result.diagnostics).toMatchObject([{ rule: 'id/duplicate', line: 9, related: [{ line: 8 }] }]);
  });

  it('reports unknown countries, themes and practices with suggestions', async () => {
    const practice = source('practices', 'x', '---\ntitle: X\ncountry: TL\nthemes: [custom]\nagencies: [dip]\nsummary: S\nresults: R\ntransferability: { level: high, note: N }\nstatus: observed\n---\nBody\n');
    const rec = source('recommendations', 'r01', '---\nnumber: 1\ntitle: R\nmeeting: manila\nthemes: [customs]\nscope: regional\nbuilds_on: [y]\n---\nText\n');
    const result = await linked(activity, sources, theme, mission('TH', dip), practice, rec);
    const rules = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'content/practices/x.md:3:10 ref/unknown-country',
        'content/practices/x.md:4:10 ref/unknown-theme',
        'content/recommendations/r01.md:4:10 ref/unknown-meeting',
        'content/recommendations/r01.md:7:13 ref/unknown-practice',
      ]),
    );
    expect(result.diagnostics.find((d) => d.rule === 'ref/unknown-theme')!.message).toContain('did you mean `customs`?');
  });

  it('requires a stated id to match the file name', async () => {
    const renamed = source('themes', 'customs', '---\nid: border\ntitle: Customs\nsummary: S\norder: 1\n---\nText\n');
    const result = await linked(activity, sources, renamed, mission('TH', dip));
    expect(result.diagnostics).toMatchObject([{ rule: 'id/mismatch', line: 2, column: 5 }]);
  });

  it('reports an end date before the start date', async () => {
    const m = mission('TH', dip);
    const result = await linked(activity, sources, theme, { ...m, text: m.text.replace('end: 2013-10-14', 'end: 2013-10-01').replace('2013-10-11', '2013-10-10') });
    expect(result.diagnostics).toMatchObject([{ rule: 'date/order', line: 4, column: 34 }]);
  });
});
