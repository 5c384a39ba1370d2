import type { Fix, Span } from '../diagnostics/diagnostic.js';

/**
 * Where each value and each key of a YAML document stands in its file, by JSON pointer
 * (the form of ajv's `instancePath`, e.g. `/agencies/2/kind`). Plain data, so a parsed
 * record can be cached and sent between threads.
 */
export interface Locations {
  values: Record<string, Span>;
  keys: Record<string, Span>;
  /** Start and end offset of each value in the file's text, for fixes. */
  offsets: Record<string, [number, number]>;
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A fix replacing the value at `pointer` by `text`, when the value's place is known. */
export function replaceValue(locations: Locations, pointer: string, text: string): Fix | undefined {
  const at = locations.offsets[pointer];
  return at ? { offset: at[0], endOffset: at[1], text } : undefined;
}

/**
 * The best place to point at for a pointer: its value, else the nearest enclosing one
 * that has a location, else the start of the file.
 */
export function spanAt(locations: Locations, pointer: string, prefer: 'key' | 'value' = 'value'): Span {
  let p = pointer;
  for (;;) {
    const found = prefer === 'key' ? (locations.keys[p] ?? locations.values[p]) : (locations.values[p] ?? locations.keys[p]);
    if (found) return found;
    if (p === '') return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
