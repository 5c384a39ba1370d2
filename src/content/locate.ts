import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Span } from '../diagnostics/diagnostic.js';
import { LocationsBuilder, pointerSegment, type Locations } from './locations.js';

// Apart from locations.ts, which later stages use without loading the YAML parser.

/**
 * Records the span of every node of `doc`; `lineCounter` must be the one it was parsed with,
 * and `base` is where the YAML text starts in its file.
 */
export function locate(doc: Document, lineCounter: LineCounter, base = 0): Locations {
  const locations = new LocationsBuilder();
  const span = (range: readonly [number, number, number]): Span => {
    const start = lineCounter.linePos(range[0]);
    const end = lineCounter.linePos(range[1]);
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };
  const walk = (node: unknown, pointer: string) => {
    if (!node || typeof node !== 'object' || !('range' in node) || !(node as Node).range) return;
    const range = (node as Node).range!;
    locations.value(pointer, span(range), [base + range[0], base + range[1]]);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        const child = `${pointer}/${pointerSegment(String(pair.key.value))}`;
        const key = span(pair.key.range);
        locations.key(child, key);
        if (pair.value) walk(pair.value, child);
        else locations.value(child, key);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, `${pointer}/${index}`));
    }
  };
  walk(doc.contents, '');
  return locations.done();
}
