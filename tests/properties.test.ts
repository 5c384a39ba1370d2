import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortDiagnostics, type Diagnostic } from '../src/diagnostics/diagnostic.js';
import { link } from '../src/pipeline/link.js';
import { parse } from '../src/pipeline/parse.js';
import { structure, type CheckedFile } from '../src/pipeline/structure.js';
import { validate } from '../src/pipeline/validate.js';
import { github } from '../src/reporters/github.js';
import { json } from '../src/reporters/json.js';
import { pretty } from '../src/reporters/pretty.js';
import { sarif } from '../src/reporters/sarif.js';
import { collections } from '../src/content/collections.js';
import { excerpts } from '../src/diagnostics/excerpts.js';
import { schemas, source } from './helpers.js';

const note = `---
country: TH
status: final
dates: { start: 2013-08-19, end: 2013-08-23 }
expert: The expert
coordinator: { name: C, agency: dip }
agencies:
  - { id: dip, name: Department of Intellectual Property, kind: ip-office, native_name: { text: กรมทรัพย์สินทางปัญญา, lang: th } }
meetings:
  - { date: 2013-08-20, agencies: [dip], themes: [customs], venue: Nonthaburi }
---
Intro.

## (a) Current situation, needs and expectations

Text with a [link](https://example.org) and <b>html</b>.

## (b) Best practices observed
`;

/** Random edits of a real note: deletions, insertions and replacements of any characters. */
const mutated = fc
  .array(fc.record({ at: fc.nat(note.length), remove: fc.nat(12), insert: fc.oneof(fc.string(), fc.constantFrom('---', ':', '\n', '- ', '{', '[', '"', '\r\n', '\uFEFF', '  ', '#', '<script>', '---js\n')) }), { maxLength: 6 })
  .map((edits) => edits.reduce((text, e) => text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove), note));

const anyText = fc.oneof(mutated, fc.string({ unit: 'grapheme' }), fc.string());

/** Every per-file stage, as the pipeline runs them. */
async function perFile(text: string, collection: (typeof collections)[number]['name']) {
  const parsed = parse(source(collection, 'th', text));
  const out: Diagnostic[] = [...parsed.diagnostics];
  if (!parsed.value) return { out, checked: undefined };
  const valid = validate(parsed.value, await schemas());
  out.push(...valid.diagnostics);
  if (!valid.value) return { out, checked: undefined };
  const shaped = structure(valid.value);
  return { out: [...out, ...shaped.diagnostics], checked: shaped.value };
}

const wellFormed = (d: Diagnostic) => d.line >= 1 && d.column >= 1 && d.endLine >= d.line && typeof d.message === 'string' && d.message.length > 0 && d.rule.includes('/');

describe('properties', () => {
  it('random and mutated notes end in diagnostics or a record, never an exception', async () => {
    const validators = await schemas();
    expect(validators).toBeDefined();
    await fc.assert(
      fc.asyncProperty(anyText, fc.constantFrom(...collections.map((c) => c.name)), async (text, collection) => {
        const { out, checked } = await perFile(text, collection);
        expect(out.every(wellFormed)).toBe(true);
        if (checked) link([checked]);
      }),
      { numRuns: 400 },
    );
  });

  it('positions stay inside the file', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async (text) => {
        const { out } = await perFile(text, 'missions');
        const lines = text.replace(/^\uFEFF/, '').split('\n').length;
        for (const d of out) expect(d.line).toBeLessThanOrEqual(lines + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('linking does not depend on the order files come in', async () => {
    const files: CheckedFile[] = [];
    const activity = source('activity', 'activity', 'title: T\nprogramme: { name: P, full_name: F }\nperiod: { start: 2013-08-01, end: 2013-11-30 }\naims: [A]\nmember_states:\n  - { code: TH, name: Thailand }\n');
    for (const f of [activity, source('sources', 'sources', '[]\n'), source('themes', 'customs', '---\ntitle: Customs\nsummary: S\norder: 1\n---\nT\n'), source('missions', 'th', note), source('themes', 'courts', '---\ntitle: Courts\nsummary: S\norder: 1\n---\nT\n')]) {
      const { checked } = await perFile(f.text, f.collection);
      files.push({ ...checked!, id: f.id, path: f.path });
    }
    const expected = JSON.stringify(link(files));
    await fc.assert(
      fc.property(fc.shuffledSubarray(files, { minLength: files.length }), (shuffled) => {
        expect(JSON.stringify(link(shuffled))).toBe(expected);
      }),
      { numRuns: 50 },
    );
  });

  const diagnostic = fc.record({
    file: fc.string(),
    line: fc.integer({ min: 1, max: 50 }),
    column: fc.integer({ min: 1, max: 50 }),
    endLine: fc.integer({ min: 1, max: 50 }),
    endColumn: fc.integer({ min: 1, max: 50 }),
    severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
    rule: fc.constantFrom('schema/enum', 'yaml/syntax', 'ref/unknown-agency'),
    message: fc.string(),
  });

  it('reporters never throw, and sorting is idempotent', () => {
    fc.assert(
      fc.property(fc.array(diagnostic), fc.string(), (list, text) => {
        const sorted = sortDiagnostics(list);
        expect(sortDiagnostics(sorted)).toEqual(sorted);
        pretty(list, { color: true, excerpts: excerpts(list, list.map((d) => ({ path: d.file, text }))) });
        JSON.parse(json(list));
        JSON.parse(sarif(list, { version: '0', docsBase: 'file:///docs/' }));
        for (const line of github(list).split('\n').filter(Boolean)) expect(line).toMatch(/^::(error|warning|notice) [^\n]*::/);
      }),
    );
  });
});
