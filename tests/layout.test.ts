import { describe, expect, it } from 'vitest';
import { laidFiles, type Layout, type Sources } from '../src/pipeline/layout.js';
import type { Runs } from '../src/render/page-text.js';
import { bodyMark } from '../src/render/marks.js';

/** The one page a layout lays out, its own text given by `own`, as the writer takes its parts. */
function partsOf(own: () => AsyncIterable<string>): AsyncIterable<string> {
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
    text: own,
    outline: () => ({ headings: [], first: '', last: '' }),
    edges: () => ({ first: '', last: '' }),
    body: async (name) => `(body ${name})`,
    revision: () => undefined,
  };
  const [file] = laidFiles(layout, async () => ({}), { css: '', fonts: [] }, sources);
  return file!.content as AsyncIterable<string>;
}

/** The text of the one page a layout lays out, its own text given as `own`. */
async function pageOf(own: Runs): Promise<string> {
  let text = '';
  for await (const part of partsOf(async function* () {
    yield* [own].flat();
  }))
    text += part;
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

  it('reads an own text given in runs only as far as the part it writes', async () => {
    const runs = [`# Title\n\n${bodyMark(0)}\n\n`, `## Next\n\n`, `## Last\n\n${bodyMark(1)}\n`];
    let read = 0;
    const seen: Array<[string, number]> = [];
    for await (const part of partsOf(async function* () {
      for (const run of runs) {
        read++;
        yield run;
      }
    }))
      seen.push([part, read]);
    // The text before the first body is written once the run that ends it is read; the text
    // between the bodies waits for the third run, where the second body's mark is.
    expect(seen).toEqual([
      ['# Title\n\n', 1],
      ['(body a)', 1],
      ['\n\n## Next\n\n## Last\n\n', 3],
      ['(body b)', 3],
      ['\n', 3],
    ]);
  });
});
