import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { readSchemas } from '../src/content/schemas.js';
import { fileChecker } from '../src/pipeline/check-file.js';
import { load } from '../src/pipeline/load.js';
import { parseBody } from '../src/pipeline/parse.js';
import { prepareFile } from '../src/pipeline/prepare.js';
import { cutSections, parseSections } from '../src/pipeline/sections.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript, without types.
import { generate } from '../bench/generate.mjs';
import { golden, source } from './helpers.js';

/** A Markdown file's body: what follows its front matter. */
const bodyOf = (text: string) => text.slice(text.indexOf('\n---', 3) + 4);

/** Each section's first line. */
const firstLines = (text: string) => cutSections(text).map((section) => section.split(/\r?\n/)[0]);

describe('sections', () => {
  it('cuts a body before each heading that starts a line after a blank one, outside fenced code and directive containers', () => {
    const body = ['Intro.', '', '## One', 'Text.', '# Not cut: no blank line before', '', '```', '', '# In code', '```', '', ':::internal', '', '## In a container', '', '~~~~', ':::', '~~~', '', '# Still in code', '~~~~', '', ':::', '', '### Two', '', '    # Indented', '', '#Not a heading', '', '#', ''].join('\n');
    expect(firstLines(body)).toEqual(['Intro.', '## One', '### Two', '#']);
    expect(cutSections(body).join('')).toBe(body);
    // A longer fence closes only on one as long; CRLF endings are lines as well.
    expect(firstLines('````\n```\n\n# In code\n````\n\n# Out\n')).toEqual(['````', '# Out']);
    expect(firstLines('A.\r\n\r\n# B\r\n\r\nC.\r\n')).toEqual(['A.', '# B']);
  });

  it('leaves whole a body where a section could take something from another: a definition, a footnote, an HTML block', () => {
    for (const body of ['See [the law][law].\n\n# Law\n\n[law]: https://example.org\n', 'A note.[^1]\n\n# Notes\n\n[^1]: The note.\n', '<div>\n\n# Inside\n\n</div>\n']) {
      expect(cutSections(body)).toEqual([body]);
    }
  });

  it('parses section by section to the tree of a whole parse, positions and all, on the golden content and a generated corpus', async () => {
    const notes = (await load(path.basename(golden), path.dirname(golden))).value.filter((file) => file.path.endsWith('.md'));
    const texts = [...notes.map((file) => file.text), ...([...generate(40, 3)] as Array<[string, string]>).filter(([name]) => name.endsWith('.md')).map(([, text]) => text)];
    expect(notes.length).toBeGreaterThan(5);
    let cut = 0;
    for (const text of texts) {
      const body = bodyOf(text);
      const whole = parseBody(body);
      const { sections } = parseSections(body, parseBody);
      expect(sections!.map((s) => s.nodes).reduce((a, b) => a + b, 0)).toBe(whole.children.length);
      if (sections!.length < 2) continue;
      cut++;
      // Kept: the first section, then the last (as a whole parse made them); every other one is parsed alone.
      for (const keep of [0, sections!.length - 1]) {
        const from = sections!.slice(0, keep).reduce((n, s) => n + s.nodes, 0);
        const earlier = { sections: [sections![keep]!], children: whole.children.slice(from, from + sections![keep]!.nodes) };
        expect(JSON.stringify(parseSections(body, parseBody, earlier).body)).toBe(JSON.stringify(whole));
      }
    }
    expect(cut).toBeGreaterThan(30);
  });

  it('takes an unchanged section from the earlier body, and parses a changed one with its positions in the whole', () => {
    const before = '# One\n\nFirst.\n\n# Two\n\nSecond.\n';
    const after = '# One\n\nFirst.\n\n# Two\n\nSecond, changed.\n\nMore.\n';
    const { body, sections } = parseSections(before, parseBody);
    // The kept nodes are those of the earlier body, whatever they say.
    body.children[1] = { type: 'paragraph', children: [{ type: 'text', value: 'Kept.' }] };
    const taken = parseSections(after, parseBody, { sections: sections!, children: body.children });
    expect(taken.body.children.map((node) => toString(node))).toEqual(['One', 'Kept.', 'Two', 'Second, changed.', 'More.']);
    expect(JSON.stringify(taken.body.children.slice(2))).toBe(JSON.stringify(parseBody(after).children.slice(2)));
    expect(taken.body.position).toEqual(parseBody(after).position);
    expect(taken.sections).toEqual(parseSections(after, parseBody).sections);
  });

  it('gives two sections of the same text a tree each', () => {
    const text = '# Same\n\nText.\n\n# Same\n\nText.\n\n# Other\n';
    const { body, sections } = parseSections(text, parseBody);
    const taken = parseSections(`${text}\nChanged.\n`, parseBody, { sections: sections!, children: body.children });
    expect(taken.body.children[0]).not.toBe(taken.body.children[2]);
    expect(JSON.stringify(taken.body.children[0])).toBe(JSON.stringify(taken.body.children[2]));
  });

  it('keeps no sections when a whole parse puts a node across a cut', () => {
    const text = '# One\n\n# Two\n';
    const across = (t: string): Root => ({ type: 'root', children: [{ type: 'paragraph', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 3, column: 1, offset: t.length } } }] });
    expect(parseSections(text, across).sections).toBeUndefined();
    expect(parseSections(text, parseBody).sections).toHaveLength(2);
  });
});

describe('checking a changed note from its earlier check', () => {
  const note = async () => readFile(path.join(golden, 'missions', 'th.md'), 'utf8');

  it('gives what a check of its text alone gives, taking the unchanged sections from the earlier check', async () => {
    const check = await fileChecker(await readSchemas());
    const text = await note();
    const earlier = check(source('missions', 'th', text));
    expect(earlier.diagnostics).toEqual([]);
    expect(earlier.sections!.length).toBeGreaterThan(2);
    const changed = source('missions', 'th', `${text}\nOne more sentence.\n`);
    expect(check(changed, earlier)).toEqual(check(changed));
    // The first section's first node, said otherwise in the earlier check, is taken from there.
    const first = earlier.checked!.body!.children[0]!;
    expect(first.type).toBe('paragraph');
    earlier.checked!.body!.children[0] = { type: 'paragraph', children: [{ type: 'text', value: 'Taken.' }] };
    expect(toString(check(changed, earlier).checked!.body!.children[0]!)).toBe('Taken.');
  });

  it('checks it again from its text alone when it has a problem, so that every diagnostic has its place', async () => {
    const check = await fileChecker(await readSchemas());
    const text = await note();
    const earlier = check(source('missions', 'th', text));
    // A second part (a), in a section of its own: the message gives the line of the first, in a section kept.
    const doubled = source('missions', 'th', `${text}\n## (a) Current situation, again\n\nMore.\n`);
    const result = check(doubled, earlier);
    expect(result).toEqual(check(doubled));
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['structure/duplicate-section']);
    expect(result.diagnostics[0]!.message).toMatch(/at line \d+\./);
    expect(result.sections).toBeUndefined();
  });

  it('leaves its sections out of the entry a build prepares, which every build reads back for each file', async () => {
    const check = await fileChecker(await readSchemas());
    const checked = check(source('missions', 'th', await note()));
    expect(checked.sections!.length).toBeGreaterThan(2);
    const { prepared } = prepareFile(checked, 'internal');
    expect(prepared).not.toHaveProperty('sections');
    expect(prepared.checked!.path).toBe(checked.checked!.path);
  });
});
