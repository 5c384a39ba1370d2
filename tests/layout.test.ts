import { describe, expect, it } from 'vitest';
import { laidFiles, type Layout, type Sources } from '../src/pipeline/layout.js';
import type { Runs } from '../src/render/page-text.js';
import { bodyMark } from '../src/render/marks.js';

/** The text of the one page a layout lays out, its own text given as `own`. */
async function pageOf(own: Runs): Promise<string> {
  const layout: Layout = {
    pages: ['p'],
    files: [{ path: 'p.md', textKey: 'own', format: 'markdown', table: 0, own: 'o' }],
    tables: [
      [
        { name: 'a', before: '', after: '' },
        { name: 'b', before: '', after: '' },
      ],
    ],
  };
  const sources: Sources = {
    text: async () => own,
    outline: () => ({ headings: [], first: '', last: '' }),
    body: async (name) => `(body ${name})`,
    revision: () => undefined,
  };
  const [file] = laidFiles(layout, async () => [{}, {}], { css: '', fonts: [] }, sources);
  let text = '';
  for await (const piece of file!.content as AsyncIterable<string>) text += piece;
  return text;
}

describe('laying out a file', () => {
  it('writes an own text given in runs as it writes the same text whole', async () => {
    const whole = `# Title\n\nBefore.\n\n${bodyMark(0)}\n\nBetween.\n\n## Next\n\n${bodyMark(1)}\n\nAfter.\n`;
    // Cut where `textJobs` cuts, before a heading, and also right beside a mark.
    const runs = [`# Title\n\nBefore.\n\n${bodyMark(0)}`, `\n\nBetween.\n\n`, `## Next\n\n${bodyMark(1)}\n\nAfter.\n`];
    expect(runs.join('')).toBe(whole);
    const written = await pageOf(whole);
    expect(written).toBe('# Title\n\nBefore.\n\n(body a)\n\nBetween.\n\n## Next\n\n(body b)\n\nAfter.\n');
    expect(await pageOf(runs)).toBe(written);
  });
});
