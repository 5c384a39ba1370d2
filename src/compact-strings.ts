import { Buffer } from 'node:buffer';

// V8 holds a string two bytes a character when any character it was cut from needed two: a
// note's front matter parsed from a text with one em dash anywhere (in its body, say) is all
// two bytes a character, every value of it, through the cache's entries (V8's serialiser
// keeps the width) to the build's last file. A heap snapshot of the build's thread 35 s into
// writing the second benchmark corpus's 10,000 records held 16 MB of such strings whose every
// character fits in one byte (the records' fields and ids, the bodies' headings); made so,
// its strings took 40.1 MB instead of 45.7 MB, and the cache's checked entries 42 MB instead of 55.
// A string joined from pieces stays a tree of them until something flattens it: the slugs
// github-slugger gives are such trees, and the comprehensive report's, held as given at 10,000
// records, took 87 MB against 11 MB made so.

const beyondOneByte = /[^\x00-\xff]/;

/** `text` as one piece of its own, one byte a character when every character fits in one (U+0000–U+00FF). */
export function compact(text: string): string {
  return beyondOneByte.test(text) ? Buffer.from(text, 'utf16le').toString('utf16le') : Buffer.from(text, 'latin1').toString('latin1');
}

/**
 * `value` with every string in it made `compact`, in the arrays and plain objects it holds
 * (as a YAML document gives them). Changes `value` in place, and gives it back. Not a reviver
 * for the yaml library's `toJS`: like `JSON.parse`, it keeps what a reviver returns only when
 * that is not `===` the value, which an equal string always is.
 */
export function compactStrings<T>(value: T): T {
  if (typeof value === 'string') return compact(value) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = compactStrings(value[i]);
  } else if (value !== null && typeof value === 'object' && isPlain(value)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = compactStrings(record[key]);
  }
  return value;
}

const isPlain = (value: object) => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};
