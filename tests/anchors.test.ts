import GithubSlugger, { slug } from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { headingId, pageSlugs } from '../src/render/anchors.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript, without types.
import { mulberry32 } from '../bench/generate.mjs';

describe('page slugs', () => {
  // Texts whose slugs collide every way github-slugger numbers them: repeats, a text whose slug
  // is another's numbered one, texts that differ only in what the slug drops.
  const texts = ['Results', 'Results', 'Results 1', 'results-1', 'Results', 'Results!', 'Résumé', 'résumé', 'How it works — A', 'How it works — A', 'a-1', 'A', 'a', 'A', '', '', '__proto__', '__proto__', 'constructor', 'Steps — 2', 'Steps — 2 2', 'ຂໍ້ມູນ — ກົດໝາຍ', 'ຂໍ້ມູນ — ກົດໝາຍ'];

  it('gives the ids GithubSlugger gives, in the same order', () => {
    const theirs = new GithubSlugger();
    const ours = pageSlugs();
    for (const text of texts) expect(ours(text).id).toBe(theirs.slug(text));
  });

  it('gives the ids GithubSlugger gives for a long page of repeated and colliding headings', () => {
    // Few words, so that texts repeat, slug alike, and take each other's numbered slugs.
    const words = ['Results', 'results', '1', '2', 'How it works', '—', 'Résumé', '!', 'A', 'a-1'];
    const random = mulberry32(5);
    const next = (n: number) => Math.floor(random() * n);
    const theirs = new GithubSlugger();
    const ours = pageSlugs();
    const differ: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: 1 + next(3) }, () => words[next(words.length)]).join(' ');
      const [mine, expected] = [ours(text).id, theirs.slug(text)];
      if (mine !== expected) differ.push(`${i}: ${text} → ${mine}, not ${expected}`);
    }
    expect(differ).toEqual([]);
  });

  it('gives the number it added, from which headingId makes the id again', () => {
    const ours = pageSlugs();
    const taken = texts.map((text) => ({ text, ...ours(text) }));
    for (const { text, id, repeat } of taken) expect(headingId(text, repeat)).toBe(id);
    // Numbered exactly where the slug of the text was taken already: 12 of these.
    expect(taken.filter((t) => t.repeat !== undefined)).toEqual(taken.filter((t, i) => taken.slice(0, i).some((u) => u.id === slug(t.text))));
    expect(taken.filter((t) => t.repeat !== undefined)).toHaveLength(12);
  });
});
