import type { Diagnostic, Fix, Severity, Span } from './diagnostic.js';

/** One entry of the rule catalog. Ids are permanent: a retired id is never reused. */
export interface Rule {
  severity: Severity;
  /** What the rule checks, in one sentence. */
  summary: string;
}

/** Every rule ecap reports, with its default severity. */
export const rules = {
  'file/unreadable': { severity: 'error', summary: 'A content file must be readable UTF-8 text.' },
  'file/empty': { severity: 'error', summary: 'A content file must not be empty.' },
  'file/stray': { severity: 'warning', summary: 'A collection folder holds only files of its own type (.md or .yaml); anything else is ignored.' },
  'file/missing': { severity: 'error', summary: 'content/activity.yaml and content/sources.yaml must exist.' },
  'frontmatter/missing': { severity: 'error', summary: 'A Markdown record starts with YAML front matter between two --- lines.' },
  'frontmatter/language': { severity: 'error', summary: 'Front matter is YAML; other languages (---js, ---coffee) are refused and never run.' },
  'yaml/syntax': { severity: 'error', summary: 'YAML must parse: indentation, colons, quotes and unique keys.' },
  'schema/required': { severity: 'error', summary: 'A required field is missing.' },
  'schema/unknown-key': { severity: 'error', summary: 'A field the schema does not know, usually a misspelling.' },
  'schema/type': { severity: 'error', summary: 'A value has the wrong type (text, number, list, mapping).' },
  'schema/enum': { severity: 'error', summary: 'A value is not one of the allowed values.' },
  'schema/date': { severity: 'error', summary: 'A date must be a real calendar date written YYYY-MM-DD.' },
  'schema/pattern': { severity: 'error', summary: 'A value does not have the expected form (id, country code, language tag, address).' },
  'schema/empty': { severity: 'error', summary: 'A text or list that must have content is empty.' },
  'schema/duplicate-item': { severity: 'error', summary: 'A list names the same item twice.' },
  'schema/range': { severity: 'error', summary: 'A number is outside its allowed range.' },
  'schema/not-allowed': { severity: 'error', summary: 'A field is not allowed in this combination (currency on a count, unit on a value).' },
  'id/invalid-file-name': { severity: 'error', summary: "A record's file name is its id: lower-case letters, digits and single hyphens." },
  'id/mismatch': { severity: 'error', summary: 'An id or country code stated in a record must match its file name.' },
  'id/duplicate': { severity: 'error', summary: 'Ids (agencies within a country, sources, recommendation numbers) must be unique.' },
  'ref/unknown-country': { severity: 'error', summary: 'A country code must be one of the member states in activity.yaml.' },
  'ref/unknown-mission': { severity: 'error', summary: 'A practice or statistics file needs a mission note for its country.' },
  'ref/unknown-theme': { severity: 'error', summary: 'A theme id must name a file in content/themes/.' },
  'ref/unknown-agency': { severity: 'error', summary: "An agency id must be listed in the country's mission note." },
  'ref/foreign-agency': { severity: 'error', summary: "A coordinator's agency, a figure's reporting agency and a delegate's organisation are of their own country." },
  'ref/unknown-practice': { severity: 'error', summary: 'A practice id must name a file in content/practices/.' },
  'ref/unknown-meeting': { severity: 'error', summary: 'A meeting id must name a file in content/meetings/.' },
  'ref/unknown-source': { severity: 'error', summary: 'A source id must be listed in content/sources.yaml.' },
  'date/order': { severity: 'error', summary: 'An end date must not be before its start date.' },
  'date/outside-mission': { severity: 'warning', summary: "A meeting's date should fall within the mission's dates." },
  'structure/missing-section': { severity: 'warning', summary: 'A mission note has the four parts (a)–(d) as level-2 sections.' },
  'structure/empty-section': { severity: 'warning', summary: 'A part (a)–(d) of a mission note has no text yet.' },
  'structure/unknown-section': { severity: 'warning', summary: 'A level-2 heading in a mission note that is none of the parts (a)–(d).' },
  'structure/duplicate-section': { severity: 'error', summary: 'A part (a)–(d) appears twice in one mission note.' },
  'body/raw-html': { severity: 'warning', summary: 'Raw HTML in a body is sanitised in HTML reports and left out of Markdown reports; write Markdown instead.' },
  'body/unsafe-link': { severity: 'warning', summary: 'Links and images in a body use http, https or mailto addresses; others (javascript:, data:) are removed.' },
  'body/unknown-directive': { severity: 'warning', summary: 'The only directives are :::internal (a section) and :internal[…] (words) for what the public edition leaves out.' },
  'status/draft': { severity: 'warning', summary: 'A mission note is still a draft.' },
  'practice/not-recommended': { severity: 'info', summary: 'No recommendation builds on this practice.' },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;

/** Builds a diagnostic whose severity comes from the catalog, never from the caller. */
export function diagnostic(
  rule: RuleId,
  file: string,
  span: Span,
  message: string,
  extra: { related?: Diagnostic['related']; fix?: Fix | undefined } = {},
): Diagnostic {
  const d: Diagnostic = { file, ...span, severity: rules[rule].severity, rule, message };
  if (extra.related && extra.related.length > 0) d.related = extra.related;
  if (extra.fix) d.fix = extra.fix;
  return d;
}
