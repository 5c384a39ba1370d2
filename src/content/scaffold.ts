import { stringify } from 'yaml';
import { partKeys, partTitles } from './parts.js';
import { fieldsOf } from './schema-docs.js';
import type { SchemaSet } from './schemas.js';

/**
 * New records for `ecap new`: front matter that validates, with a comment from the schema
 * above every field, and a body that says what to write. Pure: data in, file text out.
 */

// Letters that Unicode does not decompose into a base letter and a mark.
const letters: Record<string, string> = { đ: 'd', ð: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', þ: 'th', ı: 'i' };

/** A title as an id: lower-case ASCII kebab-case, cut at a word boundary; empty when no letter is left. */
export function slugify(title: string, maxLength = 60): string {
  const words = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[đðßæœøłþı]/g, (c) => letters[c]!)
    .replace(/&/g, ' and ')
    .replace(/['’‘]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let id = '';
  for (const word of words) {
    const next = id ? `${id}-${word}` : word;
    if (next.length > maxLength) return id || word.slice(0, maxLength);
    id = next;
  }
  return id;
}

/** `base`, else `base-2`, `base-3`…: the first that `taken` refuses. */
export function freeId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/** `r07-<slug>`: the file name of recommendation number `n`. */
export function recommendationId(n: number, title: string): string {
  return `r${String(n).padStart(2, '0')}-${slugify(title) || 'recommendation'}`;
}

// --- YAML with comments -------------------------------------------------------------

export type Scalar = string | number | boolean;
export interface Field {
  key: string;
  value: Scalar | readonly Scalar[] | readonly Field[] | { items: ReadonlyArray<readonly Field[]> };
  /** Schema path of the field, whose description becomes its comment (`agencies[].id`). */
  path?: string;
  /** Added to the comment: what to do with a placeholder. */
  note?: string;
}

/** What each field is for, by path: its schema description, and the allowed values of an enumeration. */
export function fieldComments(schemas: SchemaSet, schema: string): Map<string, string> {
  return new Map(
    fieldsOf(schemas, schema).flatMap((f) => {
      const values = f.values ? ` Allowed: ${f.values.join(', ')}.` : '';
      const text = `${f.description ?? ''}${values}`.trim();
      return text ? [[f.path, text] as const] : [];
    }),
  );
}

const scalar = (v: Scalar) => stringify(v, { lineWidth: 0 }).trimEnd();
const isFieldList = (v: readonly unknown[]): v is readonly Field[] => v.length > 0 && typeof v[0] === 'object';

/** Block YAML for `fields`, each key preceded by its comment, wrapped to about 100 columns. */
export function yamlWithComments(fields: readonly Field[], comments: ReadonlyMap<string, string>, indent = 0): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const field of fields) {
    const comment = [field.path ? comments.get(field.path) : undefined, field.note].filter(Boolean).join(' ');
    if (comment) lines.push(...wrap(comment, 100 - indent - 2).map((l) => `${pad}# ${l}`));
    const v = field.value;
    if (typeof v !== 'object') lines.push(`${pad}${field.key}: ${scalar(v)}`);
    else if ('items' in v) {
      lines.push(`${pad}${field.key}:`);
      for (const item of v.items) {
        const body = yamlWithComments(item, comments, indent + 4);
        const first = body.findIndex((l) => !l.trimStart().startsWith('#'));
        body.forEach((line, i) => {
          if (i < first) lines.push(`${pad}  ${line.trimStart()}`);
          else if (i === first) lines.push(`${pad}  - ${line.trimStart()}`);
          else lines.push(line);
        });
      }
    } else if (isFieldList(v)) {
      lines.push(`${pad}${field.key}:`, ...yamlWithComments(v, comments, indent + 2));
    } else {
      lines.push(`${pad}${field.key}: ${stringify(v, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trimEnd()}`);
    }
  }
  return lines;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function record(header: string, fields: readonly Field[], comments: ReadonlyMap<string, string>, body: readonly string[]): string {
  return ['---', `# ${header}`, ...yamlWithComments(fields, comments), '---', ...body, ''].join('\n');
}

const todo = 'TODO';
const header = 'A new record: replace every TODO, then run `npx ecap check`.';

// --- The three kinds of record ------------------------------------------------------

/** What each part of a mission note asks the expert for, one line each. */
export const partPrompts: Record<(typeof partKeys)[number], string> = {
  a: 'TODO: the situation of IPR enforcement in the country, what the agencies need, and what they expect from the programme.',
  b: 'TODO: the practices observed that work and could serve other member states; add each one with `npx ecap new practice`.',
  c: 'TODO: what regional guidelines and training materials should cover, as the agencies met suggested.',
  d: 'TODO: how the enforcement agencies could coordinate better, within the country and across borders.',
};

export interface MissionInput {
  /** ISO country code, upper case. */
  country: string;
  /** A date that validates, used for the mission's first and last day and its one meeting. */
  date: string;
  /** A theme id that exists, for the placeholder meeting. */
  theme: string;
  expert: string;
  coordinator: string;
}

const placeholderDate = "Placeholder: the activity's first day.";

/** Id of the placeholder IP office every new mission note lists. */
export const ipOfficeId = 'ip-office';

/** A draft mission note: one agency (the IP office), one meeting, the four parts with a prompt each. */
export function missionNote(input: MissionInput, schemas: SchemaSet): string {
  const fields: Field[] = [
    { key: 'country', value: input.country, path: 'country' },
    { key: 'status', value: 'draft', path: 'status' },
    {
      key: 'dates',
      path: 'dates',
      value: [
        { key: 'start', value: input.date, path: 'dates.start', note: placeholderDate },
        { key: 'end', value: input.date, path: 'dates.end', note: placeholderDate },
      ],
    },
    { key: 'expert', value: input.expert, path: 'expert' },
    {
      key: 'coordinator',
      path: 'coordinator',
      value: [
        { key: 'name', value: input.coordinator, path: 'coordinator.name' },
        { key: 'agency', value: ipOfficeId, path: 'coordinator.agency' },
      ],
    },
    {
      key: 'agencies',
      path: 'agencies',
      value: {
        items: [
          [
            { key: 'id', value: ipOfficeId, path: 'agencies[].id', note: `Placeholder: use the office's own acronym in lower case (such as dip), here and wherever \`${ipOfficeId}\` appears.` },
            { key: 'name', value: `${todo}: the English name of the IP office`, path: 'agencies[].name' },
            { key: 'kind', value: 'ip-office', path: 'agencies[].kind' },
          ],
        ],
      },
    },
    {
      key: 'meetings',
      path: 'meetings',
      value: {
        items: [
          [
            { key: 'date', value: input.date, path: 'meetings[].date', note: placeholderDate },
            { key: 'agencies', value: [ipOfficeId], path: 'meetings[].agencies' },
            { key: 'themes', value: [input.theme], path: 'meetings[].themes' },
          ],
        ],
      },
    },
  ];
  const body = ['TODO: one paragraph summarising the mission.', ...partKeys.flatMap((k) => ['', `## (${k}) ${partTitles[k]}`, '', partPrompts[k]])];
  return record('A new mission note: replace every TODO and the placeholder dates, then run `npx ecap check`.', fields, fieldComments(schemas, 'mission.schema.json'), body);
}

export interface PracticeInput {
  title: string;
  country: string;
  theme: string;
  /** Ids from the country's mission note; at least one. */
  agencies: readonly string[];
}

/** A best practice observed in `country`, filed under `theme`. */
export function practiceNote(input: PracticeInput, schemas: SchemaSet): string {
  const fields: Field[] = [
    { key: 'title', value: input.title, path: 'title' },
    { key: 'country', value: input.country, path: 'country' },
    { key: 'themes', value: [input.theme], path: 'themes' },
    { key: 'agencies', value: input.agencies, path: 'agencies' },
    { key: 'summary', value: todo, path: 'summary' },
    { key: 'results', value: todo, path: 'results' },
    {
      key: 'transferability',
      path: 'transferability',
      value: [
        { key: 'level', value: 'medium', path: 'transferability.level' },
        { key: 'note', value: todo, path: 'transferability.note' },
      ],
    },
    { key: 'status', value: 'observed', path: 'status' },
    { key: 'sources', value: [], path: 'sources' },
  ];
  const body = ['### How it works', '', 'TODO: what is done, by whom and how.', '', '### Conditions for transfer', '', 'TODO: what another member state would need to do the same: legal basis, resources, partners.'];
  return record(header, fields, fieldComments(schemas, 'practice.schema.json'), body);
}

export interface RecommendationInput {
  title: string;
  number: number;
  meeting: string;
  theme: string;
  scope: 'regional' | 'national';
}

/** A recommendation of `meeting`, numbered `number`. */
export function recommendationNote(input: RecommendationInput, schemas: SchemaSet): string {
  const fields: Field[] = [
    { key: 'number', value: input.number, path: 'number' },
    { key: 'title', value: input.title, path: 'title' },
    { key: 'meeting', value: input.meeting, path: 'meeting' },
    { key: 'themes', value: [input.theme], path: 'themes' },
    { key: 'scope', value: input.scope, path: 'scope' },
    { key: 'addressees', value: [], path: 'addressees' },
    { key: 'builds_on', value: [], path: 'builds_on' },
  ];
  const body = ['TODO: the recommendation as adopted: who should do what, and why.'];
  return record(header, fields, fieldComments(schemas, 'recommendation.schema.json'), body);
}
