import { describe, expect, it } from 'vitest';
import { keySpan, valueSpan } from '../src/content/locations.js';
import { parse } from '../src/pipeline/parse.js';
import { source } from './helpers.js';

describe('parse', () => {
  it('keeps front-matter positions equal to file lines', () => {
    const result = parse(source('themes', 'courts', '---\ntitle: Courts\norder: 1\n---\n\n## Body\n'));
    expect(result.diagnostics).toEqual([]);
    expect(valueSpan(result.value!.locations, '/order')).toEqual({ line: 3, column: 8, endLine: 3, endColumn: 9 });
    expect(keySpan(result.value!.locations, '/order')).toMatchObject({ line: 3, column: 1 });
    const heading = result.value!.body!.children[0]!;
    expect(heading.position!.start).toMatchObject({ line: 6, column: 1 });
  });

  it('counts lines the same with CRLF endings', () => {
    const result = parse(source('themes', 'courts', '---\r\ntitle: Courts\r\norder: 1\r\n---\r\n\r\nText\r\n'));
    expect(valueSpan(result.value!.locations, '/order')).toMatchObject({ line: 3, column: 8 });
    expect(result.value!.body!.children[0]!.position!.start.line).toBe(6);
  });

  it('reports malformed YAML at its line, with a hint', () => {
    const result = parse(source('themes', 'courts', '---\ntitle: Courts\norder: 1\ntitle: Again\n---\n'));
    expect(result.value).toBeUndefined();
    expect(result.diagnostics).toMatchObject([{ rule: 'yaml/syntax', line: 4, column: 1 }]);
    expect(result.diagnostics[0]!.message).toMatch(/remove or rename one of the two keys/);
  });

  it('refuses front matter in another language and never runs it', () => {
    const marker = '__ecapRan';
    const result = parse(source('themes', 'evil', `---js\n{ title: (globalThis.${marker} = 1, 'x') }\n---\nBody\n`));
    expect(result.diagnostics).toMatchObject([{ rule: 'frontmatter/language', line: 1, column: 4 }]);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it('asks for front matter when there is none, and for its closing fence', () => {
    expect(parse(source('themes', 'a', '# Just text\n')).diagnostics).toMatchObject([{ rule: 'frontmatter/missing', line: 1 }]);
    expect(parse(source('themes', 'a', '---\ntitle: x\n')).diagnostics).toMatchObject([{ rule: 'frontmatter/missing' }]);
  });

  it('reports an empty file', () => {
    expect(parse(source('missions', 'kh', '  \n')).diagnostics).toMatchObject([{ rule: 'file/empty', line: 1, column: 1 }]);
  });

  it('parses YAML files whole', () => {
    const result = parse(source('sources', 'sources', '- id: a\n  title: A\n'));
    expect(result.value!.data).toEqual([{ id: 'a', title: 'A' }]);
    expect(valueSpan(result.value!.locations, '/0/title')).toMatchObject({ line: 2, column: 10 });
  });
});

describe('parse with CRLF and a byte-order mark', () => {
  it('keeps the last value free of carriage returns', () => {
    const result = parse(source('themes', 'a', '---\r\ntitle: Courts\r\norder: 1\r\n---\r\nText\r\n'));
    expect(result.value!.data).toEqual({ title: 'Courts', order: 1 });
  });
});

describe('parse of hostile YAML', () => {
  it('reports an alias without its anchor instead of throwing', () => {
    const result = parse(source('activity', 'activity', 'title: x\nnotice: *missing\n'));
    expect(result.diagnostics).toMatchObject([{ rule: 'yaml/syntax', line: 2, column: 9 }]);
  });

  it('refuses aliases that would expand without end', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    expect(parse(source('activity', 'activity', bomb)).diagnostics).toMatchObject([{ rule: 'yaml/syntax' }]);
  });
});
