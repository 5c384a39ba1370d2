import GithubSlugger from 'github-slugger';
import { compareText } from '../order.js';
import { collections, extensions, type Collection } from './collections.js';
import type { SchemaSet } from './schemas.js';
import { listOf } from './suggest.js';

/** The part of a JSON Schema that the content model uses. */
interface Node {
  $ref?: string;
  type?: string;
  description?: string;
  title?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  uniqueItems?: boolean;
  examples?: unknown[];
  properties?: Record<string, Node | boolean>;
  required?: string[];
  items?: Node;
  if?: Node;
  then?: Node;
  else?: Node;
  $defs?: Record<string, Node>;
}

const common = 'common.schema.json';

/** One field of a record, as the content model document lists it. */
export interface FieldDoc {
  /** `dates.start`, `agencies[].id`: `[]` stands for each entry of a list. */
  path: string;
  /** In words: text, date, whole number, list of text, mapping… */
  type: string;
  /** `yes`, `no`, or the condition under which it is required. */
  required: string;
  /** Markdown phrases: allowed values, form, limits, the shared definition it follows. */
  allowed: string[];
  description: string | undefined;
  example: unknown;
  /** The allowed values of an enumeration, or of each entry of a list of them. */
  values?: string[];
}

/** A schema node with its `$ref` followed, and the shared definition it names, if any. */
interface Resolved {
  node: Node;
  /** The schema file the node (after following references) belongs to, for its own `#/…` references. */
  file: string;
  /** The first definition of common.schema.json the reference chain passed through. */
  shared: string | undefined;
}

/** Where a `$ref` points: the schema file (by name) and the path inside it. */
function refTarget(ref: string, file: string): { at: string; segments: string[] } {
  const [target, pointer = ''] = ref.split('#');
  return { at: target ? target.slice(target.lastIndexOf('/') + 1) : file, segments: pointer.split('/').filter(Boolean) };
}

/** Follows `$ref`s: the referring node's own keywords (such as its description) win over the target's. */
function resolve(schemas: SchemaSet, node: Node, file: string): Resolved {
  let current = node;
  let at = file;
  let shared: string | undefined;
  const merged: Node = {};
  for (let depth = 0; current.$ref !== undefined; depth++) {
    if (depth > 20) throw new Error(`Reference loop at ${node.$ref} in ${file}`);
    const { $ref, ...own } = current;
    for (const [k, v] of Object.entries(own)) if (!(k in merged)) (merged as Record<string, unknown>)[k] = v;
    const target = refTarget($ref!, at);
    at = target.at;
    const { segments } = target;
    const root = schemas[at] as Node | undefined;
    if (!root) throw new Error(`Unknown schema ${at} in ${$ref}`);
    if (at === common && segments[0] === '$defs' && shared === undefined) shared = segments[1];
    let next: unknown = root;
    for (const s of segments) next = (next as Record<string, unknown> | undefined)?.[s];
    if (!next || typeof next !== 'object') throw new Error(`Unresolvable reference ${$ref} in ${file}`);
    current = next as Node;
  }
  for (const [k, v] of Object.entries(current)) if (!(k in merged)) (merged as Record<string, unknown>)[k] = v;
  return { node: merged, file: at, shared };
}

/**
 * The field's own example, else that of the shared definition it names (one step only): the
 * generic `id`'s example is a practice id, which would mislead under a meeting or a source.
 */
function exampleOf(schemas: SchemaSet, node: Node, file: string): unknown {
  if (node.examples?.length) return node.examples[0];
  if (!node.$ref) return undefined;
  const { at, segments } = refTarget(node.$ref, file);
  if (at === common && segments[1] === 'id') return undefined;
  const direct = segments.reduce<unknown>((n, s) => (n as Record<string, unknown> | undefined)?.[s], schemas[at]) as Node | undefined;
  return direct?.examples?.[0];
}

const typeWords: Record<string, string> = { string: 'text', integer: 'whole number', number: 'number', boolean: 'true or false', object: 'mapping', array: 'list' };
const plural: Record<string, string> = { 'whole number': 'whole numbers', number: 'numbers', mapping: 'mappings', date: 'dates', 'true or false': 'true or false values', list: 'lists' };

function typeOf(schemas: SchemaSet, r: Resolved): string {
  const n = r.node;
  if (n.type === 'array' && n.items) {
    const item = typeOf(schemas, resolve(schemas, n.items, r.file));
    return `list of ${plural[item] ?? item}`;
  }
  if (n.format === 'date') return 'date';
  if (n.type) return typeWords[n.type] ?? n.type;
  if (n.enum) return n.enum.every((v) => typeof v === 'string') ? 'text' : 'value';
  if (n.properties) return 'mapping';
  return 'any';
}

/** The anchor GitHub gives the heading of a shared definition. */
function sharedAnchor(name: string): string {
  return new GithubSlugger().slug(name);
}

const sharedLink = (name: string) => `${/^[aeiou]/i.test(name) ? 'an' : 'a'} [\`${name}\`](#${sharedAnchor(name)})`;

/** What a node allows, in short Markdown phrases. */
function constraints(schemas: SchemaSet, node: Node, file: string): string[] {
  const out: string[] = [];
  if (node.enum) out.push(`one of ${listOf(node.enum.map(String))}`);
  if (node.const !== undefined) out.push(`\`${String(node.const)}\``);
  if (node.format === 'date') out.push('a real calendar date, YYYY-MM-DD');
  if (node.pattern) out.push(`matches \`${node.pattern}\``);
  if (node.minLength === 1 && !node.enum) out.push('not empty');
  else if (node.minLength !== undefined && node.minLength > 1) out.push(`at least ${node.minLength} characters`);
  if (node.minimum !== undefined && node.maximum !== undefined) out.push(`from ${node.minimum} to ${node.maximum}`);
  else if (node.minimum !== undefined) out.push(`${node.minimum} or more`);
  else if (node.maximum !== undefined) out.push(`${node.maximum} or less`);
  if (node.minItems === 1) out.push('at least one entry');
  else if (node.minItems !== undefined && node.minItems > 1) out.push(`at least ${node.minItems} entries`);
  if (node.uniqueItems) out.push('no entry twice');
  if (node.type === 'array' && node.items) {
    const item = resolve(schemas, node.items, file);
    if (item.shared) out.push(`each ${sharedLink(item.shared)}`);
    else if (item.node.enum) out.push(`each one of ${listOf(item.node.enum.map(String))}`);
  }
  return out;
}

/** The phrases for a field: a link to its shared definition in place of the definition's own limits. */
function allowedOf(schemas: SchemaSet, node: Node, file: string): string[] {
  const r = resolve(schemas, node, file);
  if (!r.shared) return constraints(schemas, r.node, r.file);
  const { $ref: _ignored, ...own } = node;
  return [sharedLink(r.shared), ...constraints(schemas, own, file)];
}

/** `` `measure` is `value-seized` `` from an `if` that tests constant values. */
function conditionOf(test: Node | undefined): string | undefined {
  if (!test?.properties) return undefined;
  const parts = Object.entries(test.properties).flatMap(([k, v]) => (typeof v === 'object' && v.const !== undefined ? [`\`${k}\` is \`${String(v.const)}\``] : []));
  return parts.length ? parts.join(' and ') : undefined;
}

/**
 * Every field of a schema, depth first in the schema's own order, following `$ref`s into
 * common.schema.json and the schema's `$defs`. For a schema whose root is a list (sources),
 * the paths are those of each entry.
 */
export function fieldsOf(schemas: SchemaSet, name: string): FieldDoc[] {
  const root = schemas[name] as Node | undefined;
  if (!root) throw new Error(`Unknown schema ${name}`);
  return fieldsFrom(schemas, root, name);
}

function fieldsFrom(schemas: SchemaSet, root: Node, file: string): FieldDoc[] {
  const out: FieldDoc[] = [];
  const walkObject = (node: Node, file: string, prefix: string) => {
    const required = new Set(node.required ?? []);
    const condition = conditionOf(node.if);
    const whenRequired = new Set(node.then?.required ?? []);
    const unlessRequired = new Set(node.else?.required ?? []);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (typeof child !== 'object') continue;
      const path = prefix ? `${prefix}.${key}` : key;
      const r = resolve(schemas, child, file);
      const allowed = allowedOf(schemas, child, file);
      if (condition && node.then?.properties?.[key] === false) allowed.push(`not allowed when ${condition}`);
      if (condition && node.else?.properties?.[key] === false) allowed.push(`only when ${condition}`);
      const requiredText = required.has(key) ? 'yes' : condition && whenRequired.has(key) ? `when ${condition}` : condition && unlessRequired.has(key) ? `unless ${condition}` : 'no';
      const field: FieldDoc = { path, type: typeOf(schemas, r), required: requiredText, allowed, description: r.node.description, example: exampleOf(schemas, child, file) };
      const values = r.node.enum ?? (r.node.items ? resolve(schemas, r.node.items, r.file).node.enum : undefined);
      if (values) field.values = values.map(String);
      out.push(field);
      walk(r, path);
    }
  };
  const walk = (r: Resolved, path: string) => {
    if (r.node.properties) walkObject(r.node, r.file, path);
    else if (r.node.type === 'array' && r.node.items) {
      const item = resolve(schemas, r.node.items, r.file);
      if (item.node.properties) walkObject(item.node, item.file, path ? `${path}[]` : '');
    }
  };
  walk({ node: root, file, shared: undefined }, '');
  return out;
}

// --- Markdown ---------------------------------------------------------------------------

/** Escapes text for a table cell: a pipe would end the cell, even inside a code span. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * Schema prose as Markdown: file paths become code (so `<code>` is not read as HTML), and any
 * other angle bracket or Markdown character that would change the text is escaped.
 */
export function prose(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part
        .replace(/(?<![\w`])((?:content|schemas)\/[\w./<>-]*[\w/>])/g, '\u0000$1\u0000')
        .split('\u0000')
        .map((piece, j) => (j % 2 === 1 ? `\`${piece}\`` : piece.replace(/([\\<>*_[\]])/g, (m, c: string, at: number, s: string) => (c === '_' && /\w/.test(s[at - 1] ?? '') && /\w/.test(s[at + 1] ?? '') ? m : `\\${c}`))))
        .join('');
    })
    .join('');
}

function exampleText(value: unknown): string {
  if (value === undefined) return '';
  const yaml = (v: unknown): string => (Array.isArray(v) ? `[${v.map(yaml).join(', ')}]` : String(v));
  return `\`${yaml(value)}\``;
}

function fieldTable(fields: readonly FieldDoc[]): string[] {
  return [
    '| Field | Type | Required | Allowed values | Description | Example |',
    '| --- | --- | --- | --- | --- | --- |',
    ...fields.map((f) => row([`\`${f.path}\``, f.type, f.required, f.allowed.join('; '), prose(f.description ?? ''), exampleText(f.example)])),
  ];
}

/** A table row in markdownlint's compact style: an empty cell is one space between pipes. */
function row(cells: readonly string[]): string {
  return `|${cells.map((c) => (c ? ` ${cell(c)} ` : ' ')).join('|')}|`;
}

function locationOf(c: Collection): string {
  const exts = extensions[c.format].map((e) => `\`${e}\``).join(' or ');
  if ('file' in c.location) return `\`content/${c.location.file}\`, one YAML file.`;
  const kind = c.format === 'markdown' ? `one Markdown file (${exts}) per record, named by its id; the fields below are its front matter, between two \`---\` lines at the top` : `one YAML file (${exts}) per record, named by its id`;
  return `\`content/${c.location.folder}/\`, ${kind}.`;
}

const headingOf = (c: Collection, schema: Node) => schema.title ?? c.name;

/** The content model as a Markdown document, generated from schemas/*.schema.json. */
export function schemaDocs(schemas: SchemaSet): string {
  const lines: string[] = [
    '# The content model',
    '',
    'Everything the reports say comes from the content folder (`content/` by default). Each file is checked against a JSON Schema in [`schemas/`](../schemas/); this document is generated from those schemas, so edit them and run `npm run docs:model` rather than editing it.',
    '',
    'How to read the tables:',
    '',
    '- **Field** is the field\'s path: `dates.start` is `start` inside `dates`, and `agencies[].id` is the `id` of each entry of the `agencies` list.',
    '- **Required** is about the mapping the field is in: `native_name.lang` is required whenever there is a `native_name`.',
    '- No field other than those listed is allowed; a misspelt key is reported as `schema/unknown-key`.',
    '- A record\'s id is its file name without the extension: lower-case letters, digits and single hyphens.',
    '- `ecap check` reports every departure from these tables with the file, line and column; see the [rules](rules/README.md).',
    '',
    '## Collections',
    '',
    '| Collection | Where | Schema |',
    '| --- | --- | --- |',
  ];
  const slugger = new GithubSlugger();
  const anchors = new Map(collections.map((c) => [c.name, slugger.slug(headingOf(c, schemas[c.schema] as Node))]));
  for (const c of collections) {
    const schema = schemas[c.schema] as Node;
    const where = 'file' in c.location ? `content/${c.location.file}` : `content/${c.location.folder}/`;
    lines.push(`| [${headingOf(c, schema)}](#${anchors.get(c.name)}) | \`${where}\` | [\`${c.schema}\`](../schemas/${c.schema}) |`);
  }
  for (const c of collections) {
    const schema = schemas[c.schema] as Node;
    lines.push('', `## ${headingOf(c, schema)}`, '');
    if (schema.description) lines.push(prose(schema.description), '');
    lines.push(`**Where:** ${locationOf(c)} **Schema:** [\`${c.schema}\`](../schemas/${c.schema}).`, '');
    if (schema.type === 'array') lines.push('The file is a list; each entry has these fields:', '');
    lines.push(...fieldTable(fieldsOf(schemas, c.schema)));
  }
  const shared = (schemas[common] as Node | undefined)?.$defs ?? {};
  lines.push('', '## Shared definitions', '', `Building blocks that several fields follow, from [\`${common}\`](../schemas/${common}).`);
  for (const name of Object.keys(shared).sort(compareText)) {
    const r = resolve(schemas, shared[name]!, common);
    lines.push('', `### ${name}`, '');
    if (r.node.description) lines.push(prose(r.node.description), '');
    const facts = [`- Type: ${typeOf(schemas, r)}.`];
    const { $ref } = shared[name]!;
    const allowed = $ref ? allowedOf(schemas, shared[name]!, common) : constraints(schemas, r.node, common);
    if (allowed.length) facts.push(`- Allowed values: ${allowed.join('; ')}.`);
    if (r.node.examples?.length) facts.push(`- Example: ${exampleText(r.node.examples[0])}.`);
    lines.push(...facts);
    if (r.node.properties) {
      lines.push('', ...fieldTable(fieldsFrom(schemas, r.node, r.file)));
    }
  }
  lines.push('');
  return lines.join('\n');
}
