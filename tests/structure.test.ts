import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { readSchemas } from '../src/content/schemas.js';
import { fileChecker } from '../src/pipeline/check-file.js';
import { source } from './helpers.js';

describe('structure', () => {
  it('reports each unknown directive and unsafe address once, where it is written, and keeps their text', async () => {
    const check = await fileChecker(await readSchemas());
    const body = [
      'A :word[kept] and [a link](javascript:alert(1)) and ![a picture](data:image/png,x).',
      '',
      '::::aside',
      'Outer.',
      '',
      ':::note',
      'Inner [again](vbscript:x).',
      ':::',
      '::::',
      '',
    ].join('\n');
    const result = check(source('themes', 'courts', `---\ntitle: Courts\nsummary: Courts.\norder: 1\n---\n${body}`));
    expect(result.diagnostics.map(({ rule, line, column }) => ({ rule, line, column }))).toEqual([
      { rule: 'body/unsafe-link', line: 6, column: 19 },
      { rule: 'body/unsafe-link', line: 6, column: 53 },
      { rule: 'body/unsafe-link', line: 12, column: 7 },
      { rule: 'body/unknown-directive', line: 8, column: 1 },
      { rule: 'body/unknown-directive', line: 11, column: 1 },
    ]);
    const tree = result.checked!.body!;
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
    expect(tree.children.map((node) => toString(node))).toEqual(['A :word[kept] and a link and a picture.', 'Outer.', 'Inner again.']);
  });
});
