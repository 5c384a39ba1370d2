import type { Fix, Span } from '../diagnostics/diagnostic.js';

/**
 * Where each value and each key of a YAML document stands in its file, by JSON pointer
 * (the form of ajv's `instancePath`, e.g. `/agencies/2/kind`). Plain data, so a parsed
 * record can be cached and sent between threads; and packed, numbers in one typed array,
 * because a build decodes every record's locations from the cache on each run: as an object
 * per span they were two thirds of the last build's entries, and decoding 1,000 records' took
 * 80–100 ms where packed it takes 30–45 ms.
 */
export interface Locations {
  pointers: string[];
  /**
   * Per pointer, in its order, `fields` numbers: its value's span and its key's span (line,
   * column, end line, end column; all 0 when there is none), then its value's start and end
   * offset in the file's text (-1 when unknown).
   */
  numbers: Int32Array;
}

const fields = 10;
const none = 0;

/** Locations as a YAML document is walked: each pointer's value and key spans, and offsets. */
export class LocationsBuilder {
  private readonly at = new Map<string, number[]>();

  value(pointer: string, span: Span, offsets?: [number, number]): void {
    const row = this.row(pointer);
    row.splice(0, 4, span.line, span.column, span.endLine, span.endColumn);
    if (offsets) row.splice(8, 2, ...offsets);
  }

  key(pointer: string, span: Span): void {
    this.row(pointer).splice(4, 4, span.line, span.column, span.endLine, span.endColumn);
  }

  done(): Locations {
    const numbers = new Int32Array(this.at.size * fields);
    [...this.at.values()].forEach((row, i) => numbers.set(row, i * fields));
    return { pointers: [...this.at.keys()], numbers };
  }

  private row(pointer: string): number[] {
    let row = this.at.get(pointer);
    if (!row) this.at.set(pointer, (row = [none, none, none, none, none, none, none, none, -1, -1]));
    return row;
  }
}

/** No place at all: what a record points at once its diagnostics are told (see `unlocated`). */
export const nowhere: Locations = Object.freeze({ pointers: [], numbers: new Int32Array(0) });

// Each pointer's place in `numbers`, mapped for a Locations asked more than once. Most are asked
// once (a build's link finds a pointer or two in each of a thousand records), where one scan
// costs less than mapping every pointer: mapping took 23 ms of a one-note build at 1,000 records.
const indices = new WeakMap<Locations, Map<string, number> | 'asked'>();
function indexOf(locations: Locations, pointer: string): number | undefined {
  const index = indices.get(locations);
  if (index instanceof Map) return index.get(pointer);
  if (index === 'asked') {
    const map = new Map(locations.pointers.map((p, i) => [p, i * fields]));
    indices.set(locations, map);
    return map.get(pointer);
  }
  indices.set(locations, 'asked');
  const at = locations.pointers.indexOf(pointer);
  return at === -1 ? undefined : at * fields;
}

function spanFrom(numbers: Int32Array, at: number): Span | undefined {
  return numbers[at] === none ? undefined : { line: numbers[at]!, column: numbers[at + 1]!, endLine: numbers[at + 2]!, endColumn: numbers[at + 3]! };
}

/** Where the value at `pointer` is written, if it is. */
export function valueSpan(locations: Locations, pointer: string): Span | undefined {
  const at = indexOf(locations, pointer);
  return at === undefined ? undefined : spanFrom(locations.numbers, at);
}

/** Where the key of `pointer` is written, if it is. */
export function keySpan(locations: Locations, pointer: string): Span | undefined {
  const at = indexOf(locations, pointer);
  return at === undefined ? undefined : spanFrom(locations.numbers, at + 4);
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A fix replacing the value at `pointer` by `text`, when the value's place is known. */
export function replaceValue(locations: Locations, pointer: string, text: string): Fix | undefined {
  const at = indexOf(locations, pointer);
  const offset = at === undefined ? -1 : locations.numbers[at + 8]!;
  return offset < 0 ? undefined : { offset, endOffset: locations.numbers[at! + 9]!, text };
}

/**
 * The best place to point at for a pointer: its value, else the nearest enclosing one
 * that has a location, else the start of the file.
 */
export function spanAt(locations: Locations, pointer: string, prefer: 'key' | 'value' = 'value'): Span {
  let p = pointer;
  for (;;) {
    const found = prefer === 'key' ? (keySpan(locations, p) ?? valueSpan(locations, p)) : (valueSpan(locations, p) ?? keySpan(locations, p));
    if (found) return found;
    if (p === '') return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
