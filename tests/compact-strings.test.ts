import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { compact, compactStrings } from '../src/compact-strings.js';
import { parse, parseBody } from '../src/pipeline/parse.js';
import { renderFragment } from '../src/render/fragment.js';
import { source } from './helpers.js';

/**
 * How many bytes a character V8 holds `text` in, read from how its serialiser writes it: after
 * the two-byte header (and any padding), `"` for one byte a character, `c` for two.
 */
function width(text: string): 1 | 2 {
  const bytes = serialize(text);
  let at = 2;
  while (bytes[at] === 0) at++;
  if (bytes[at] === 0x22) return 1;
  if (bytes[at] === 0x63) return 2;
  throw new Error(`unexpected tag ${bytes[at]}`);
}

// Cut from a text that needs two bytes a character, as a YAML or Markdown parser cuts its values.
const wide = 'Customs — the border\nSeizures rose by 40 % (café owners)';
const cut = wide.slice(wide.indexOf('\n') + 1);

describe('compact', () => {
  it('holds a string one byte a character when every character fits in one', () => {
    expect(width(cut)).toBe(2);
    const made = compact(cut);
    expect(made).toBe(cut);
    expect(width(made)).toBe(1);
  });

  it('keeps two bytes a character for a string that needs them', () => {
    expect(compact(wide)).toBe(wide);
    expect(width(compact(wide))).toBe(2);
    expect(compact('')).toBe('');
  });

  it('compacts every string in arrays and plain objects, and nothing else', () => {
    const date = new Date(0);
    const value = compactStrings({ title: cut, tags: [cut, 'x'], nested: { note: cut, wide, n: 3, yes: true, none: null }, date });
    expect(value).toEqual({ title: cut, tags: [cut, 'x'], nested: { note: cut, wide, n: 3, yes: true, none: null }, date });
    expect([value.title, value.tags[0]!, value.nested.note].map(width)).toEqual([1, 1, 1]);
    expect(width(value.nested.wide)).toBe(2);
    expect(value.date).toBe(date);
  });
});

describe('what the parsers give', () => {
  it('front matter: every value one byte a character unless it needs two, whatever the body holds', () => {
    const result = parse(source('practices', 'p', '---\ntitle: Joint raids\nsummary: "Seizures rose by 40 %"\nagencies: [customs, police]\nnote: Customs — the border\n---\n\nThe body — with a dash.\n'));
    expect(result.diagnostics).toEqual([]);
    const data = result.value!.data as { title: string; summary: string; agencies: string[]; note: string };
    expect(data).toMatchObject({ title: 'Joint raids', summary: 'Seizures rose by 40 %', agencies: ['customs', 'police'], note: 'Customs — the border' });
    expect([data.title, data.summary, ...data.agencies].map(width)).toEqual([1, 1, 1, 1]);
    expect(width(data.note)).toBe(2);
  });

  it("a body's headings: one byte a character unless they need two", () => {
    const fragment = renderFragment(parseBody('## How it works\n\nText — with a dash.\n\n## Customs — the border\n').children, 'p');
    expect(fragment.headings.map((h) => h.text)).toEqual(['How it works', 'Customs — the border']);
    expect(fragment.headings.map((h) => width(h.text))).toEqual([1, 2]);
  });
});
