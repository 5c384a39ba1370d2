import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';
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

/**
 * Records the span of every node of `doc`; `lineCounter` must be the one it was parsed with,
 * and `base` is where the YAML text starts in its file.
 */
export function locate(doc: Document, lineCounter: LineCounter, base = 0): Locations {
  const locations: Locations = { values: {}, keys: {}, offsets: {} };
  const span = (range: readonly [number, number, number]): Span => {
    const start = lineCounter.linePos(range[0]);
    const end = lineCounter.linePos(range[1]);
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };
  const walk = (node: unknown, pointer: string) => {
    if (!node || typeof node !== 'object' || !('range' in node) || !(node as Node).range) return;
    const range = (node as Node).range!;
    locations.values[pointer] = span(range);
    locations.offsets[pointer] = [base + range[0], base + range[1]];
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        const child = `${pointer}/${pointerSegment(String(pair.key.value))}`;
        locations.keys[child] = span(pair.key.range);
        if (pair.value) walk(pair.value, child);
        else locations.values[child] = locations.keys[child]!;
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, `${pointer}/${index}`));
    }
  };
  walk(doc.contents, '');
  return locations;
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
