import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { keySpan, nowhere, replaceValue, spanAt, valueSpan } from '../src/content/locations.js';
import { parse } from '../src/pipeline/parse.js';
import { source } from './helpers.js';

describe('locations', () => {
  const text = '---\ntitle: Courts\nsummary:\norder: 4\nlist:\n  - a: x\n---\nBody\n';
  // Kept and read back as the cache does: packed locations survive v8's serialiser.
  const { locations } = v8.deserialize(v8.serialize(parse(source('themes', 'courts', text)).value!));

  it('gives each value and key its span, and the nearest enclosing span for a place not written', () => {
    expect(valueSpan(locations, '/title')).toEqual({ line: 2, column: 8, endLine: 2, endColumn: 14 });
    expect(keySpan(locations, '/title')).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 6 });
    expect(valueSpan(locations, '/summary'), 'an empty value, after its key').toEqual({ line: 3, column: 9, endLine: 3, endColumn: 9 });
    expect(valueSpan(locations, '/list/0/a')).toMatchObject({ line: 6, column: 8 });
    expect(keySpan(locations, '/list/0')).toBeUndefined();
    expect(spanAt(locations, '/list/0/b')).toMatchObject({ line: 6, column: 5 });
    expect(spanAt(locations, '/list/0', 'key')).toMatchObject({ line: 6, column: 5 });
    expect(spanAt(nowhere, '/title')).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 1 });
  });

  it('finds a pointer, or none, alike the first time a record is asked and after', () => {
    // A record asked once is scanned; asked again, its pointers are mapped.
    const fresh = () => v8.deserialize(v8.serialize(locations)) as typeof locations;
    const once = fresh();
    expect(valueSpan(once, '/order')).toEqual({ line: 4, column: 8, endLine: 4, endColumn: 9 });
    expect(valueSpan(once, '/order')).toEqual({ line: 4, column: 8, endLine: 4, endColumn: 9 });
    expect(keySpan(once, '/list')).toEqual({ line: 5, column: 1, endLine: 5, endColumn: 5 });
    expect(valueSpan(fresh(), '/nothing')).toBeUndefined();
    expect(valueSpan(once, '/nothing')).toBeUndefined();
  });

  it('knows where each value is in the file, for a fix', () => {
    const fix = replaceValue(locations, '/order', '5')!;
    expect(text.slice(fix.offset, fix.endOffset)).toBe('4');
    expect(text.slice(0, replaceValue(locations, '/summary', 'x')!.offset)).toMatch(/\nsummary:$/);
    expect(replaceValue(locations, '/list/0/b', '5'), 'a value not written').toBeUndefined();
    expect(replaceValue(nowhere, '/order', '5')).toBeUndefined();
  });
});
