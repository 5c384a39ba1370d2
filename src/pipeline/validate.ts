import type { ErrorObject } from 'ajv/dist/2020.js';
import { collectionNamed } from '../content/collections.js';
import { keySpan, pointerSegment, replaceValue, spanAt, type Locations } from '../content/locations.js';
import type { Validators } from '../content/validators.js';
import { didYouMean, listOf } from '../content/suggest.js';
import { lowerFirst } from '../report/format.js';
import { type Diagnostic, type StageResult } from '../diagnostics/diagnostic.js';
import { diagnostic, type RuleId } from '../diagnostics/rules.js';
import type { ParsedFile } from './parse.js';

/** A parsed file whose data matched its schema. */
export type ValidFile = ParsedFile;

/** Checks one file's data against its collection's schema. Pure. */
export function validate(file: ParsedFile, validators: Validators): StageResult<ValidFile | undefined> {
  const schema = collectionNamed(file.collection).schema;
  const check = validators[schema]!;
  if (check(file.data)) return { value: file, diagnostics: [] };
  const diagnostics = explain(check.errors ?? [], file);
  return { value: undefined, diagnostics };
}

function explain(errors: readonly ErrorObject[], file: ParsedFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const found = describe(error, file.locations);
    if (!found) continue;
    const key = `${found.rule}|${found.pointer}|${found.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fix = found.replacement === undefined ? undefined : replaceValue(file.locations, found.pointer, found.replacement);
    out.push(diagnostic(found.rule, file.path, spanAt(file.locations, found.pointer, found.at), found.message, { fix }));
  }
  return out;
}

interface Explained {
  rule: RuleId;
  pointer: string;
  at: 'key' | 'value';
  message: string;
  /** The one value it surely should be, for `--fix`. */
  replacement?: string;
}

/** Turns one ajv error into the editor's words: what was found, what was expected, how to fix it. */
function describe(error: ErrorObject, locations: Locations): Explained | undefined {
  const pointer = error.instancePath;
  const field = fieldName(pointer);
  const schema = (error.parentSchema ?? {}) as { description?: string; examples?: unknown[]; properties?: Record<string, { description?: string }> };
  const hint = schema.description ? ` ${schema.description}` : '';
  const shown = (value: unknown) => (typeof value === 'string' ? `\`${value}\`` : `\`${JSON.stringify(value)}\``);
  switch (error.keyword) {
    case 'if':
      return undefined; // the failing `then`/`else` branch says what is wrong
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const about = schema.properties?.[missing]?.description;
      return {
        rule: 'schema/required',
        pointer,
        at: 'key',
        message: `Missing field \`${missing}\`${where(pointer)}: add \`${missing}:\`${about ? `, ${lowerFirst(about)}` : ''}`,
      };
    }
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys(schema.properties ?? {});
      const guess = didYouMean(extra, allowed.filter((k) => !keySpan(locations, `${pointer}/${pointerSegment(k)}`)));
      return {
        rule: 'schema/unknown-key',
        pointer: `${pointer}/${pointerSegment(extra)}`,
        at: 'key',
        message: `Unexpected field \`${extra}\`${where(pointer)}${guess ? `; did you mean \`${guess}\`?` : ''} Allowed here: ${listOf(allowed)}.`,
      };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: string[] }).allowedValues;
      const guess = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
      return {
        rule: 'schema/enum',
        pointer,
        at: 'value',
        message: `Unexpected ${shown(error.data)} for \`${field}\`, expected ${listOf(allowed)}${guess ? `; did you mean \`${guess}\`?` : '.'}`,
        ...(guess ? { replacement: guess } : {}),
      };
    }
    case 'type': {
      const expected = (error.params as { type: string }).type;
      return {
        rule: 'schema/type',
        pointer,
        at: 'value',
        message: `Unexpected ${typeName(error.data)} ${shown(error.data)} for \`${field}\`, expected ${typeWord(expected)}.${hint}`,
      };
    }
    case 'format': {
      const value = String(error.data);
      const wellFormed = /^\d{4}-\d{2}-\d{2}$/.test(value);
      return {
        rule: 'schema/date',
        pointer,
        at: 'value',
        message: wellFormed
          ? `Unexpected date \`${value}\` for \`${field}\`: no such day in the calendar; check the month and day.`
          : `Unexpected date \`${value}\` for \`${field}\`, expected YYYY-MM-DD, such as 2013-08-05.`,
      };
    }
    case 'pattern':
      return {
        rule: 'schema/pattern',
        pointer,
        at: 'value',
        message: `Unexpected ${shown(error.data)} for \`${field}\`.${hint || ` Expected the form ${(error.params as { pattern: string }).pattern}.`}${examples(schema.examples)}`,
      };
    case 'minItems':
    case 'minLength':
      return {
        rule: 'schema/empty',
        pointer,
        at: 'value',
        message: `Unexpected empty \`${field}\`: ${error.keyword === 'minItems' ? 'list at least one item' : 'write some text'}.${hint}`,
      };
    case 'uniqueItems': {
      const { i, j } = error.params as { i: number; j: number };
      const items = error.data as unknown[];
      return {
        rule: 'schema/duplicate-item',
        pointer: `${pointer}/${Math.max(i, j)}`,
        at: 'value',
        message: `Unexpected second ${shown(items[Math.max(i, j)])} in \`${field}\`: list each item once.`,
      };
    }
    case 'minimum':
    case 'maximum':
      return {
        rule: 'schema/range',
        pointer,
        at: 'value',
        message: `Unexpected ${shown(error.data)} for \`${field}\`, expected a number ${error.keyword === 'minimum' ? 'of at least' : 'of at most'} ${(error.params as { limit: number }).limit}.${hint}`,
      };
    case 'false schema':
      return {
        rule: 'schema/not-allowed',
        pointer,
        at: 'key',
        message:
          field === 'unit'
            ? '`unit` does not go with measure `value-seized`: a value has a `currency` and a `basis` instead; remove `unit`.'
            : `\`${field}\` goes only with measure \`value-seized\`; remove it, or change the measure.`,
      };
    default:
      return { rule: 'schema/type', pointer, at: 'value', message: `Unexpected value for \`${field}\`: ${error.message ?? 'does not match the schema'}.` };
  }
}

/** The last named field of a pointer: `/agencies/2/kind` → `kind`. */
function fieldName(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  const named = [...parts].reverse().find((p) => !/^\d+$/.test(p));
  return named ?? 'this item';
}

/** ` in agencies, item 3` for messages about nested fields; empty at the top level. */
function where(pointer: string): string {
  const parts = pointer.split('/').slice(1);
  if (parts.length === 0) return '';
  const words: string[] = [];
  for (const part of parts) words.push(/^\d+$/.test(part) ? `item ${Number(part) + 1}` : part);
  return ` in ${words.join(', ')}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'empty value';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'string') return 'text';
  return typeof value;
}

function typeWord(type: string): string {
  const words: Record<string, string> = { string: 'text', array: 'a list (lines starting with `- `)', object: 'a mapping of fields', integer: 'a whole number', number: 'a number', boolean: '`true` or `false`' };
  return type.split(',').map((t) => words[t] ?? t).join(' or ');
}

function examples(list: unknown[] | undefined): string {
  return list && list.length > 0 ? ` For example: ${list.map((e) => `\`${typeof e === 'string' ? e : JSON.stringify(e)}\``).join(', ')}.` : '';
}
