import { describe, expect, it } from 'vitest';
import { jsonArrayRuns } from '../src/report/data.js';

describe('jsonArrayRuns', () => {
  const cases: Record<string, unknown[]> = {
    'no item': [],
    'one item': [{ id: 'a' }],
    'nested lists and objects, empty ones too': [
      { id: 'a', themes: ['customs', 'courts'], agencies: [{ id: 'th/dip', name: 'DIP' }], sources: [], extra: {} },
      { id: 'b', themes: [], agencies: [[1, [2, []]]], note: null },
    ],
    'text with line breaks, quotes, Thai and astral characters': [{ text: 'line one\nline "two"\r\n\tกรมทรัพย์สินทางปัญญา 𝄞 \uE000body3\uE001' }],
    'a field left out and items that are not objects': [{ id: 'a', acronym: undefined }, 'plain', 3, null, [undefined]],
  };
  for (const [name, items] of Object.entries(cases)) {
    it(`gives JSON.stringify's text, an item a run: ${name}`, () => {
      const runs = [...jsonArrayRuns(items, (item) => item)];
      expect(runs.join('')).toBe(JSON.stringify(items, null, 2) + '\n');
      // One run per item, and the array's end.
      expect(runs).toHaveLength(items.length + 1);
    });
  }

  it('makes each item only as its run is taken', () => {
    const made: number[] = [];
    const runs = jsonArrayRuns([1, 2, 3], (n) => (made.push(n), { n }));
    expect(made).toEqual([]);
    runs.next();
    expect(made).toEqual([1]);
  });
});
