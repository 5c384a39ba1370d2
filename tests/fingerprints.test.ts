import { describe, expect, it } from 'vitest';
import { FingerprintSet, fingerprint } from '../src/fingerprints.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript, without types.
import { mulberry32 } from '../bench/generate.mjs';

// Headings as a long page has them: a few words, a suffix naming the section, some past Latin-1.
function* headings(count: number, seed: number): Generator<string> {
  const random = mulberry32(seed);
  const next = (n: number) => Math.floor(random() * n);
  const words = ['How', 'it', 'works', 'Context', 'Results', 'customs', 'Brunei', 'Việt', 'Nam', 'ກົດໝາຍ', 'seizure', '—', '2', 'Résumé'];
  for (let i = 0; i < count; i++) {
    const length = 2 + next(6);
    yield Array.from({ length }, () => words[next(words.length)]).join(' ') + ` ${i}`;
  }
}

describe('fingerprint set', () => {
  it('finds every string added, and none of 400,000 others, among a page of 200,000 headings', () => {
    const ours = new FingerprintSet();
    const wrong: string[] = [];
    for (const text of headings(200_000, 7)) {
      // Every text is new (each ends in its number), and so is its variant with a suffix.
      if (ours.has(text)) wrong.push(`before: ${text}`);
      ours.add(text);
      if (!ours.has(text)) wrong.push(`after: ${text}`);
      if (ours.has(`${text} — More`)) wrong.push(`suffixed: ${text}`);
    }
    expect(wrong).toEqual([]);
    ours.add('');
    expect(ours.has('')).toBe(true);
    expect(ours.has('\0')).toBe(false);
  });

  it('tells apart strings that share their first hash', () => {
    // Among 200,000 strings a first hash of 31 bits is shared by a few pairs: found, not assumed.
    const byFirst = new Map<number, string>();
    const pairs: Array<[string, string]> = [];
    for (const text of headings(200_000, 11)) {
      const [first] = fingerprint(text);
      const other = byFirst.get(first);
      if (other !== undefined) pairs.push([other, text]);
      else byFirst.set(first, text);
    }
    expect(pairs.length).toBeGreaterThan(0);
    for (const [a, b] of pairs) {
      expect(fingerprint(a)[1]).not.toBe(fingerprint(b)[1]);
      const set = new FingerprintSet();
      set.add(a);
      expect(set.has(b)).toBe(false);
      expect(set.add(b)).toBe(true);
      expect(set.add(b)).toBe(false);
      expect([set.has(a), set.has(b)]).toEqual([true, true]);
    }
  });
});
