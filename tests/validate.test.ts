import { describe, expect, it } from 'vitest';
import { parse } from '../src/pipeline/parse.js';
import { validate } from '../src/pipeline/validate.js';
import { schemas, source } from './helpers.js';

const mission = (agencyKind: string, extra = '') => `---
country: KH
status: final
dates: { start: 2013-10-15, end: 2013-10-18 }
expert: The expert
coordinator: { name: Coordinator }
agencies:
  - id: gdce
    name: General Department of Customs and Excise
    kind: ${agencyKind}
meetings:
  - date: 2013-10-16
    agencies: [gdce]
    themes: [customs]
${extra}---
Body
`;

async function check(text: string, collection: Parameters<typeof source>[0] = 'missions', id = 'kh') {
  const parsed = parse(source(collection, id, text));
  expect(parsed.diagnostics).toEqual([]);
  return validate(parsed.value!, await schemas());
}

describe('validate', () => {
  it('accepts a valid mission note', async () => {
    expect((await check(mission('customs'))).diagnostics).toEqual([]);
  });

  it('names the allowed values of an enum and the near miss, at the value', async () => {
    const { diagnostics } = await check(mission('custom'));
    expect(diagnostics).toMatchObject([{ rule: 'schema/enum', line: 10, column: 11, endColumn: 17 }]);
    expect(diagnostics[0]!.message).toContain('did you mean `customs`?');
    expect(diagnostics[0]!.message).toContain('`ip-office`');
  });

  it('points at a misspelt key and suggests the right one', async () => {
    const { diagnostics } = await check(mission('customs', 'sorces: [a]\n'));
    expect(diagnostics).toMatchObject([{ rule: 'schema/unknown-key', line: 15, column: 1 }]);
    expect(diagnostics[0]!.message).toContain('did you mean `sources`?');
  });

  it('tells an impossible date from a badly written one', async () => {
    const impossible = await check(mission('customs').replace('2013-10-16', '2013-02-30'));
    expect(impossible.diagnostics).toMatchObject([{ rule: 'schema/date', line: 12, column: 11 }]);
    expect(impossible.diagnostics[0]!.message).toContain('no such day');
    const format = await check(mission('customs').replace('2013-10-16', '16/10/2013'));
    expect(format.diagnostics[0]!.message).toContain('expected YYYY-MM-DD');
  });

  it('reports a missing field at the enclosing key, with what it is for', async () => {
    const { diagnostics } = await check(mission('customs').replace('expert: The expert\n', ''));
    expect(diagnostics).toMatchObject([{ rule: 'schema/required', line: 2, column: 1 }]);
    expect(diagnostics[0]!.message).toMatch(/Missing field `expert`: add `expert:`, the IPR-enforcement expert/);
  });

  it('reports wrong types in the editor’s words', async () => {
    const { diagnostics } = await check(mission('customs').replace('agencies: [gdce]', 'agencies: gdce'));
    expect(diagnostics).toMatchObject([{ rule: 'schema/type', line: 13, column: 15 }]);
    expect(diagnostics[0]!.message).toContain('expected a list');
  });

  it('keeps currency and unit to the measures they belong to', async () => {
    const stats = (figure: string) => `country: KH\nfigures:\n  - ${figure}\n`;
    const value = await check(stats('{ year: 2012, measure: value-seized, value: 5, unit: pieces, source: s }'), 'statistics');
    expect(value.diagnostics.map((d) => d.rule).sort()).toEqual(['schema/not-allowed', 'schema/required', 'schema/required']);
    const count = await check(stats('{ year: 2012, measure: raids, value: 5, unit: operations, currency: KHR, source: s }'), 'statistics');
    expect(count.diagnostics).toMatchObject([{ rule: 'schema/not-allowed', line: 3, column: 63 }]);
  });
});
