import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/pipeline/index.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { edit, goldenProject } from './helpers.js';

// Each case starts from the golden fixture, changes a few files, and says exactly which
// problem ecap must report and where. Texts are written whole so that lines are plain to see.

const theme = (fields: string, body = 'Text.\n') => `---\n${fields}---\n${body}`;
const stats = (figure: string) => `country: TH\nfigures:\n  - ${figure}\n`;

interface Case {
  name: string;
  files: Record<string, string | Uint8Array>;
  expect: { file: string; rule: string; line: number; column: number; message?: RegExp };
}

const cases: Case[] = [
  { name: 'malformed YAML', files: { 'themes/courts.md': theme('title: Courts\nsummary: "unclosed\norder: 1\n') }, expect: { file: 'themes/courts.md', rule: 'yaml/syntax', line: 3, column: 10 } },
  { name: 'no front matter', files: { 'themes/courts.md': '# Courts\n\nText.\n' }, expect: { file: 'themes/courts.md', rule: 'frontmatter/missing', line: 1, column: 1, message: /start the file with a line `---`/ } },
  { name: 'front matter as code', files: { 'themes/courts.md': '---javascript\nmodule.exports = { title: "x" }\n---\n' }, expect: { file: 'themes/courts.md', rule: 'frontmatter/language', line: 1, column: 4 } },
  { name: 'wrong type', files: { 'themes/courts.md': theme('title: Courts\nsummary: S\norder: [1]\n') }, expect: { file: 'themes/courts.md', rule: 'schema/type', line: 4, column: 8, message: /expected a whole number/ } },
  { name: 'unknown enum value', files: { 'statistics/th.yaml': stats('{ year: 2012, measure: raid, value: 1, unit: operations, source: th-ipitc-act }') }, expect: { file: 'statistics/th.yaml', rule: 'schema/enum', line: 3, column: 28, message: /did you mean `raids`\?/ } },
  { name: 'impossible date', files: { 'meetings/consultation.md': '---\ntitle: M\ndates: { start: 2013-02-30, end: 2013-11-27 }\nvenue: { city: Manila, country: VN }\nattendance:\n  - { country: TH, delegates: [{ role: court, organisation: Court }] }\n---\nText.\n' }, expect: { file: 'meetings/consultation.md', rule: 'schema/date', line: 3, column: 17, message: /no such day/ } },
  { name: 'end date before start', files: { 'meetings/consultation.md': '---\ntitle: M\ndates: { start: 2013-11-27, end: 2013-11-25 }\nvenue: { city: Manila, country: VN }\nattendance:\n  - { country: TH, delegates: [{ role: court, organisation: Court }] }\n---\nText.\n' }, expect: { file: 'meetings/consultation.md', rule: 'date/order', line: 3, column: 34 } },
  { name: 'unknown country', files: { 'recommendations/r02-courts.md': '---\nnumber: 2\ntitle: Train judges\nmeeting: consultation\nthemes: [courts]\nscope: national\ncountries: [LA, KH]\n---\nText.\n' }, expect: { file: 'recommendations/r02-courts.md', rule: 'ref/unknown-country', line: 7, column: 17 } },
  { name: 'unknown theme', files: { 'recommendations/r02-courts.md': '---\nnumber: 2\ntitle: Train judges\nmeeting: consultation\nthemes: [court]\nscope: national\n---\nText.\n' }, expect: { file: 'recommendations/r02-courts.md', rule: 'ref/unknown-theme', line: 5, column: 10, message: /did you mean `courts`\?/ } },
  { name: 'unknown agency', files: { 'statistics/th.yaml': stats('{ year: 2012, agency: custom, measure: raids, value: 1, unit: operations, source: th-ipitc-act }') }, expect: { file: 'statistics/th.yaml', rule: 'ref/unknown-agency', line: 3, column: 27, message: /did you mean `customs`\?/ } },
  { name: 'another country\'s agency reporting a figure', files: { 'statistics/th.yaml': stats('{ year: 2012, agency: la/dip, measure: raids, value: 1, unit: operations, source: th-ipitc-act }') }, expect: { file: 'statistics/th.yaml', rule: 'ref/foreign-agency', line: 3, column: 27, message: /this field takes one of Thailand's own agencies/ } },
  { name: 'unknown practice', files: { 'recommendations/r02-courts.md': '---\nnumber: 2\ntitle: Train judges\nmeeting: consultation\nthemes: [courts]\nscope: national\nbuilds_on: [la-complaint-raid]\n---\nText.\n' }, expect: { file: 'recommendations/r02-courts.md', rule: 'ref/unknown-practice', line: 7, column: 13, message: /did you mean `la-complaint-raids`\?/ } },
  { name: 'unknown source', files: { 'statistics/th.yaml': stats('{ year: 2012, measure: raids, value: 1, unit: operations, source: th-ipitc }') }, expect: { file: 'statistics/th.yaml', rule: 'ref/unknown-source', line: 3, column: 71 } },
  { name: 'duplicate recommendation number across files', files: { 'recommendations/r02-courts.md': '---\nnumber: 1\ntitle: Train judges\nmeeting: consultation\nthemes: [courts]\nscope: national\n---\nText.\n' }, expect: { file: 'recommendations/r02-courts.md', rule: 'id/duplicate', line: 2, column: 9, message: /r01-ceremonies\.md has it already/ } },
  { name: 'duplicate record under two endings', files: { 'statistics/th.yml': stats('{ year: 2011, measure: raids, value: 1, unit: operations, source: th-ipitc-act }') }, expect: { file: 'statistics/th.yml', rule: 'id/duplicate', line: 1, column: 1 } },
  { name: 'empty file', files: { 'practices/new-practice.md': '' }, expect: { file: 'practices/new-practice.md', rule: 'file/empty', line: 1, column: 1 } },
  { name: 'not UTF-8', files: { 'themes/courts.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x3a, 0x20, 0xe9, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]) }, expect: { file: 'themes/courts.md', rule: 'file/unreadable', line: 1, column: 1, message: /UTF-8/ } },
  { name: 'a character ecap reserves', files: { 'themes/courts.md': theme('title: Courts\nsummary: S\norder: 1\n') + 'Text \uE000 here.\n' }, expect: { file: 'themes/courts.md', rule: 'file/unreadable', line: 7, column: 6, message: /private-use character U\+E000/ } },
  { name: 'a reserved character written as a YAML escape', files: { 'themes/courts.md': theme('title: "Courts \\uE000body0\\uE001"\nsummary: S\norder: 1\n') }, expect: { file: 'themes/courts.md', rule: 'file/unreadable', line: 2, column: 8, message: /U\+E000, written as an escape/ } },
  { name: 'a reserved character written as a character reference', files: { 'themes/courts.md': theme('title: Courts\nsummary: S\norder: 1\n', 'Text &#xE001; here.\n') }, expect: { file: 'themes/courts.md', rule: 'file/unreadable', line: 6, column: 1, message: /U\+E001, written as an escape/ } },
  { name: 'a reserved character written as a reference in raw HTML', files: { 'themes/courts.md': theme('title: Courts\nsummary: S\norder: 1\n', '<span title="&#xe000;">x</span>\n') }, expect: { file: 'themes/courts.md', rule: 'file/unreadable', line: 6, column: 1, message: /U\+E000, written as an escape/ } },
  { name: 'binary file', files: { 'themes/courts.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]) }, expect: { file: 'themes/courts.md', rule: 'file/unreadable', line: 1, column: 1 } },
  { name: 'stray file', files: { 'missions/notes.docx': 'PK' }, expect: { file: 'missions/notes.docx', rule: 'file/stray', line: 1, column: 1 } },
  { name: 'byte-order mark and CRLF keep positions', files: { 'themes/courts.md': '\uFEFF---\r\ntitle: Courts\r\nsummary: S\r\norder: first\r\n---\r\nText.\r\n' }, expect: { file: 'themes/courts.md', rule: 'schema/type', line: 4, column: 8 } },
];

describe('bad input', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.expect.rule} at ${c.expect.line}:${c.expect.column}`, async () => {
      const dir = await goldenProject('ecap-bad-');
      for (const [file, text] of Object.entries(c.files)) await writeFile(path.join(dir, 'content', file), text);
      const result = await check({ contentDir: 'content', cwd: dir });
      const found = result.diagnostics.find((d) => d.file === `content/${c.expect.file}` && d.rule === c.expect.rule);
      expect(found, JSON.stringify(result.diagnostics.filter((d) => d.severity !== 'info'), null, 1)).toBeDefined();
      expect([found!.line, found!.column]).toEqual([c.expect.line, c.expect.column]);
      if (c.expect.message) expect(found!.message).toMatch(c.expect.message);
      // Nothing the content can do makes ecap throw: the check above returned.
      await rm(dir, { recursive: true, force: true });
    });
  }
});

/** The diagnostics of a check of `dir` that `keep` selects, as `file:line:column rule`. */
async function problems(dir: string, keep: (d: Diagnostic) => boolean): Promise<string[]> {
  return (await check({ contentDir: 'content', cwd: dir })).diagnostics.filter(keep).map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);
}

const isError = (d: Diagnostic) => d.severity === 'error';

// A record with errors of its own is reported once: what refers to it says nothing of it until
// it checks, rather than that it is missing.
describe('a broken record, reported once', () => {
  it('a mission note: the practice, the statistics and the meeting name its agencies', async () => {
    const dir = await goldenProject('ecap-bad-');
    await edit(path.join(dir, 'content', 'missions/th.md'), 'start: 2013-08-19', 'start: 2013-13-41');
    expect(await problems(dir, isError)).toEqual(['content/missions/th.md:4:17 schema/date']);
    await rm(dir, { recursive: true, force: true });
  });

  it('sources.yaml, broken or missing: a mission, a practice and both statistics files cite it', async () => {
    const dir = await goldenProject('ecap-bad-');
    await edit(path.join(dir, 'content', 'sources.yaml'), '  title: Act', '  titel: Act');
    expect(await problems(dir, isError)).toEqual(['content/sources.yaml:1:3 schema/required', 'content/sources.yaml:2:3 schema/unknown-key']);
    await rm(path.join(dir, 'content', 'sources.yaml'));
    expect(await problems(dir, isError)).toEqual(['content/sources.yaml:1:1 file/missing']);
    await rm(dir, { recursive: true, force: true });
  });

  it('a recommendation: no practice is said to have none building on it, since that one may', async () => {
    const dir = await goldenProject('ecap-bad-');
    const notRecommended = (d: Diagnostic) => d.rule === 'practice/not-recommended';
    // r01 builds on the Thai practice, and nothing on the Lao one.
    expect(await problems(dir, notRecommended)).toEqual(['content/practices/la-complaint-raids.md:2:8 practice/not-recommended']);
    await edit(path.join(dir, 'content', 'recommendations/r01-ceremonies.md'), 'scope: regional', 'scope: global');
    expect(await problems(dir, notRecommended)).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });
});
