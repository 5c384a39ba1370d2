import matter from 'gray-matter';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { compactStrings } from '../compact-strings.js';
import { walk } from '../walk.js';
import { movePositions, parseSections, type EarlierBody, type Section } from './sections.js';
import { LineCounter, parseDocument, visit as visitYaml, type Document } from 'yaml';
import { locate } from '../content/locate.js';
import { pointerSegment, spanAt, type Locations } from '../content/locations.js';
import { fileStart, type Diagnostic, type Span, type StageResult } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/rules.js';
import { collectionNamed, type CollectionName } from '../content/collections.js';
import type { SourceFile } from './load.js';

/** A content file split into data (not yet validated) and, for Markdown, its body tree. */
export interface ParsedFile {
  path: string;
  collection: CollectionName;
  id: string;
  data: unknown;
  locations: Locations;
  /** The body as mdast, positions counted in the whole file; Markdown records only. */
  body?: Root;
  /** The body's sections, for a later check of the file to keep those it leaves unchanged (see sections.ts). */
  sections?: Section[];
}

// Directives mark what only the internal edition shows: `:::internal` sections, `:internal[names]`.
const markdown = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

/** Anything after the opening fence names another front-matter language (gray-matter would run `---js`). */
const fenceWithLanguage = /^---[ \t]*([^\s-][^\r\n]*)?\r?\n/;

/** A body's text as mdast, positions counted from its start: the one parser of ecap's Markdown. */
export const parseBody = (text: string) => markdown.parse(text) as Root;

/**
 * Splits and parses one file. Pure: text in, tree and data out. Given the body of an earlier
 * check of the file, its sections whose text is unchanged are taken from there (see sections.ts).
 */
export function parse(file: SourceFile, earlier?: EarlierBody): StageResult<ParsedFile | undefined> {
  const diagnostics: Diagnostic[] = [];
  const fail = () => ({ value: undefined, diagnostics });
  if (file.text.trim() === '') {
    diagnostics.push(diagnostic('file/empty', file.path, fileStart, `Unexpected empty file: ${emptyHint(file.collection)}`));
    return fail();
  }
  const format = collectionNamed(file.collection).format;
  if (format === 'yaml') {
    const yaml = parseYaml(file.text, file.path, diagnostics);
    if (!yaml) return fail();
    if (refuseReserved(file.path, yaml, undefined, diagnostics)) return fail();
    return { value: { ...origin(file), data: yaml.data, locations: yaml.locations }, diagnostics };
  }

  const opening = fenceWithLanguage.exec(file.text);
  const language = opening?.[1]?.trim();
  if (language && language !== 'yaml') {
    diagnostics.push(diagnostic('frontmatter/language', file.path, { line: 1, column: 4, endLine: 1, endColumn: 4 + language.length }, `Unexpected front-matter language \`${language}\`: ecap reads YAML only and never runs front matter as code; start the file with a plain \`---\` line.`));
    return fail();
  }
  if (!/^---[ \t]*(yaml)?[ \t]*\r?\n/.test(file.text)) {
    diagnostics.push(diagnostic('frontmatter/missing', file.path, fileStart, 'Missing front matter: start the file with a line `---`, the YAML fields, and another `---` line before the text.'));
    return fail();
  }
  if (!/\r?\n---[ \t]*(\r?\n|$)/.test(file.text.slice(3))) {
    diagnostics.push(diagnostic('frontmatter/missing', file.path, fileStart, 'Unexpected end of front matter: close the YAML fields with a line `---` before the text.'));
    return fail();
  }
  let yamlText = '';
  const split = matter(file.text, {
    language: 'yaml',
    // Capture the raw YAML; parsing happens below with source positions kept.
    engines: { yaml: (text: string) => ((yamlText = text), {}), ...refused },
  });
  // gray-matter's front matter begins with the newline after the opening fence, so YAML
  // line N is file line N. With CRLF endings it keeps the last line's `\r` but not its
  // `\n`; a lone `\r` would end up inside the last value.
  const yaml = parseYaml(yamlText.endsWith('\r') ? `${yamlText}\n` : yamlText, file.path, diagnostics, file.text.indexOf(yamlText));
  if (!yaml) return fail();
  const bodyText = split.content;
  const bodyLine = countLines(file.text.slice(0, file.text.length - bodyText.length));
  const { body, sections } = parseSections(bodyText, parseBody, earlier);
  movePositions(body, bodyLine - 1, file.text.length - bodyText.length);
  if (refuseReserved(file.path, yaml, body, diagnostics)) return fail();
  return { value: { ...origin(file), data: yaml.data, locations: yaml.locations, body, sections }, diagnostics };
}

/** Where a parsed file comes from, without its text: the stages after parsing have what they need of it, and every cached check would carry it. */
function origin({ path, collection, id }: SourceFile): Pick<ParsedFile, 'path' | 'collection' | 'id'> {
  return { path, collection, id };
}

const reserved = /[\uE000\uE001]/;
const reservedReference = /&#(?:x0*e00[01]|0*5734[45]);/i;

/**
 * load() refuses the characters that mark places in the reports (render/marks.ts), but a YAML
 * escape (`"\uE000"`) or a Markdown character reference (`&#xE000;`) makes one only once
 * parsed: looked for again in every parsed value, each reported where it was written.
 */
function refuseReserved(file: string, yaml: { data: unknown; locations: Locations }, body: Root | undefined, diagnostics: Diagnostic[]): boolean {
  const before = diagnostics.length;
  const found = (at: Span, char: string) =>
    diagnostics.push(diagnostic('file/unreadable', file, at, `Unexpected private-use character U+${char.charCodeAt(0).toString(16).toUpperCase()}, written as an escape: ecap uses it to mark places in the reports it writes; delete it.`));
  const data = (value: unknown, pointer: string): void => {
    if (typeof value === 'string') {
      const hit = reserved.exec(value);
      if (hit) found(spanAt(yaml.locations, pointer), hit[0]);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const hit = reserved.exec(key);
        if (hit) found(spanAt(yaml.locations, `${pointer}/${pointerSegment(key)}`, 'key'), hit[0]);
        data(child, `${pointer}/${pointerSegment(key)}`);
      }
    }
  };
  data(yaml.data, '');
  if (body) {
    walk(body, (node) => {
      for (const value of Object.values(node)) {
        // Raw HTML keeps its character references until it reaches the page, where they become the characters.
        const hit = typeof value === 'string' ? (reserved.exec(value) ?? (node.type === 'html' ? reservedReference.exec(value) : null)) : null;
        if (hit && node.position) found({ line: node.position.start.line, column: node.position.start.column, endLine: node.position.end.line, endColumn: node.position.end.column }, hit[0].startsWith('&') ? String.fromCodePoint(/x/i.test(hit[0]) ? parseInt(hit[0].slice(3), 16) : parseInt(hit[0].slice(2), 10)) : hit[0]);
      }
    });
  }
  return diagnostics.length > before;
}

const refuse = () => {
  throw new Error('front matter in another language than YAML is refused');
};
/** gray-matter runs these as code by default; they must never be reachable. */
const refused = { js: refuse, javascript: refuse, coffee: refuse, coffeescript: refuse, cson: refuse, json: refuse, toml: refuse };

function parseYaml(text: string, file: string, diagnostics: Diagnostic[], base = 0): { data: unknown; locations: Locations } | undefined {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const pos = error.code === 'MISSING_CHAR' ? (unclosedQuote(doc, error.pos[0]) ?? error.pos) : error.pos;
      const start = lineCounter.linePos(pos[0]);
      const end = lineCounter.linePos(pos[1]);
      diagnostics.push(diagnostic('yaml/syntax', file, { line: start.line, column: start.col, endLine: end.line, endColumn: end.col }, yamlMessage(error.code, error.message)));
    }
    return undefined;
  }
  let data: unknown;
  try {
    // Throws on an alias without its anchor, and on aliases that would expand without end.
    data = compactStrings(doc.toJS({ maxAliasCount: 100 }));
  } catch (error) {
    let at: [number, number] = [0, 0];
    visitYaml(doc, { Alias: (_key, node) => void (at[1] === 0 && node.range && (at = [node.range[0], node.range[1]])) });
    const start = lineCounter.linePos(at[0]);
    const end = lineCounter.linePos(at[1]);
    diagnostics.push(diagnostic('yaml/syntax', file, { line: start.line, column: start.col, endLine: end.line, endColumn: end.col }, `Invalid YAML: ${(error as Error).message.split('\n')[0]!.replace(/\.$/, '')}; quote a value that starts with \`*\` or \`&\`.`));
    return undefined;
  }
  return { data, locations: locate(doc, lineCounter, base) };
}

/**
 * The yaml library reports a missing closing quote where the text ends; the editor needs
 * the opening quote, where the value starts.
 */
function unclosedQuote(doc: Document, at: number): [number, number] | undefined {
  let found: [number, number] | undefined;
  visitYaml(doc, {
    Scalar(_key, node) {
      if (found || !node.range || !(node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) return;
      if (node.range[1] >= at) found = [node.range[0], node.range[0] + 1];
    },
  });
  return found;
}

/** The yaml library's messages, first line only, with the fix an editor most likely needs. */
function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
  const hints: Record<string, string> = {
    DUPLICATE_KEY: 'remove or rename one of the two keys',
    BAD_INDENT: 'indent nested fields with spaces, the same amount at each level',
    TAB_AS_INDENT: 'indent with spaces, not tabs',
    MISSING_CHAR: 'check for a missing quote, colon or bracket',
    BLOCK_AS_IMPLICIT_KEY: 'put a space after the colon, or quote a value that contains `: `',
    MULTILINE_IMPLICIT_KEY: 'put a space after the colon, or quote a value that contains `: `',
    UNEXPECTED_TOKEN: 'quote values that start with a special character such as `@`, `*` or `` ` ``',
  };
  const hint = hints[code];
  return `Invalid YAML: ${first.replace(/\.$/, '')}${hint ? `; ${hint}` : ''}.`;
}

function countLines(text: string): number {
  let lines = 1;
  for (const ch of text) if (ch === '\n') lines++;
  return lines;
}

function emptyHint(collection: CollectionName): string {
  return `write its fields (see schemas/${collectionNamed(collection).schema}) or delete it.`;
}
