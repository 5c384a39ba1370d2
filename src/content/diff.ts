import type { Heading, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { compareText } from '../order.js';
import { collections, type CollectionName } from './collections.js';
import { count } from '../report/format.js';
import { heading, inlineCode, list, paragraph, plainTable, type Inline } from '../report/nodes.js';
import { toMarkdownPage } from '../render/markdown.js';

/** A content file on one side of the comparison. */
export interface RecordFile {
  collection: CollectionName;
  id: string;
  /** Relative to the content folder, with forward slashes: what tells two files apart. */
  path: string;
  bytes: Uint8Array;
}

/** Records of one collection that differ; ids in file order. */
export interface RecordChanges {
  collection: CollectionName;
  added: string[];
  changed: string[];
  removed: string[];
}

export type Change = 'added' | 'changed' | 'removed';

/** A Markdown report page whose text differs. */
export interface PageChange {
  /** Relative to the output folder, such as `countries/th.md`. */
  page: string;
  change: Change;
  /** For a changed page, its sections that differ; empty for an added or removed page. */
  sections: SectionChange[];
}

export interface SectionChange {
  /**
   * The section's heading under the page title with the headings it sits in, outermost
   * first, such as `["Customs", "Public destruction ceremonies"]`; the page title alone for
   * the text right under it; empty for text before any heading.
   */
  heading: string[];
  change: Change;
}

/**
 * What `ecap diff --json` prints. The shape is stable: fields may be added, none are
 * renamed or removed without raising `version`.
 */
export interface ContentDiff {
  version: 1;
  /** The git ref as given, and the commit it named. */
  ref: string;
  commit: string;
  /** Collections with a record added, changed (file bytes differ) or removed, in content order. */
  records: RecordChanges[];
  /**
   * Markdown report pages that differ, rendered as the internal edition; null when the
   * content at `ref` has errors, so that its reports could not be rendered.
   */
  pages: PageChange[] | null;
}

/** Records added, changed and removed between two readings of the content folder. Pure. */
export function diffRecords(before: readonly RecordFile[], after: readonly RecordFile[]): RecordChanges[] {
  const old = new Map(before.map((f) => [f.path, f]));
  const now = new Map(after.map((f) => [f.path, f]));
  const changes: RecordChanges[] = [];
  for (const { name } of collections) {
    const entry: RecordChanges = { collection: name, added: [], changed: [], removed: [] };
    for (const f of after.filter((f) => f.collection === name)) {
      const was = old.get(f.path);
      if (!was) entry.added.push(f.id);
      else if (!sameBytes(was.bytes, f.bytes)) entry.changed.push(f.id);
    }
    for (const f of before.filter((f) => f.collection === name)) if (!now.has(f.path)) entry.removed.push(f.id);
    if (entry.added.length + entry.changed.length + entry.removed.length > 0) changes.push(entry);
  }
  return changes;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** A stretch of a Markdown page from one heading to the next, of any level. */
export interface Section {
  heading: string[];
  /** The Markdown source of the section, heading included. */
  text: string;
}

const parser = unified().use(remarkParse);

/** Cuts a Markdown page into sections at every heading, each named by its trail of headings. Pure. */
export function sections(markdown: string): Section[] {
  const tree = parser.parse(markdown);
  const headings = tree.children.filter((n): n is Heading => n.type === 'heading');
  const out: Section[] = [];
  const first = headings[0]?.position?.start.offset ?? markdown.length;
  if (markdown.slice(0, first).trim() !== '') out.push({ heading: [], text: markdown.slice(0, first) });
  const open: Array<{ depth: number; text: string }> = [];
  headings.forEach((h, i) => {
    while (open.length > 0 && open.at(-1)!.depth >= h.depth) open.pop();
    open.push({ depth: h.depth, text: toString(h).trim() });
    // Every page has one title; naming it in every trail would only lengthen them.
    const below = open.filter((o) => o.depth > 1);
    const end = headings[i + 1]?.position?.start.offset ?? markdown.length;
    out.push({ heading: (below.length ? below : open).map((o) => o.text), text: markdown.slice(h.position!.start.offset, end) });
  });
  return out;
}

/** Markdown pages added, removed, or with sections that differ. Pure. */
export function diffPages(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): PageChange[] {
  const pages = [...new Set([...before.keys(), ...after.keys()])].sort(compareText);
  const changes: PageChange[] = [];
  for (const page of pages) {
    const was = before.get(page);
    const now = after.get(page);
    if (was === undefined) changes.push({ page, change: 'added', sections: [] });
    else if (now === undefined) changes.push({ page, change: 'removed', sections: [] });
    else if (was !== now) {
      const differing = diffSections(sections(was), sections(now));
      if (differing.length > 0) changes.push({ page, change: 'changed', sections: differing });
    }
  }
  return changes;
}

/** Sections are matched by their trail of headings, and the nth of equal trails with the nth. */
function diffSections(before: Section[], after: Section[]): SectionChange[] {
  const keyed = (list: Section[]) => {
    const seen = new Map<string, number>();
    return list.map((s) => {
      const base = s.heading.join('\u0000');
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return { ...s, key: `${base}\u0000${n}` };
    });
  };
  const old = keyed(before);
  const now = keyed(after);
  const oldByKey = new Map(old.map((s) => [s.key, s]));
  const nowKeys = new Set(now.map((s) => s.key));
  const changes: SectionChange[] = [];
  for (const s of now) {
    const was = oldByKey.get(s.key);
    if (!was) changes.push({ heading: s.heading, change: 'added' });
    else if (was.text.trimEnd() !== s.text.trimEnd()) changes.push({ heading: s.heading, change: 'changed' });
  }
  for (const s of old) if (!nowKeys.has(s.key)) changes.push({ heading: s.heading, change: 'removed' });
  return changes;
}

/** The comparison as GitHub-flavoured Markdown, for a job summary or a pull-request comment. Pure. */
export function formatDiff(diff: ContentDiff): string {
  const out: RootContent[] = [heading(2, ['Content changes since ', inlineCode(diff.ref)])];
  const records = countRecords(diff);
  const pages = diff.pages?.length ?? 0;
  out.push(
    records + pages === 0
      ? paragraph('No record and no report page differs from ', inlineCode(diff.ref), ` (${diff.commit.slice(0, 12)}).`)
      : paragraph('Compared with ', inlineCode(diff.ref), ` (${diff.commit.slice(0, 12)}): ${count(records, 'record')} and ${count(pages, 'report page')} differ.`),
  );
  if (records > 0) {
    out.push(heading(3, 'Records'));
    const ids = (list: string[]): Inline[] => list.flatMap((id, i) => (i ? [', ', inlineCode(id)] : [inlineCode(id)]));
    out.push(plainTable([['Collection'], ['Added'], ['Changed'], ['Removed']], diff.records.map((r) => [[r.collection], ids(r.added), ids(r.changed), ids(r.removed)])));
  }
  if (diff.pages === null) {
    out.push(paragraph('The content at ', inlineCode(diff.ref), ' has errors, so its reports were not rendered and no report section is compared.'));
  } else if (pages > 0) {
    out.push(heading(3, 'Report pages'));
    const items: Inline[][] = [];
    for (const p of diff.pages) {
      if (p.change !== 'changed') items.push([inlineCode(p.page), `: page ${p.change}`]);
      for (const s of p.sections) items.push([inlineCode(p.page), ` › ${s.heading.length ? s.heading.join(' › ') : '(top of the page)'}: ${s.change}`]);
    }
    out.push(list(items));
  }
  return toMarkdownPage({ type: 'root', children: out });
}

/** Records added, changed or removed. */
export function countRecords(diff: Pick<ContentDiff, 'records'>): number {
  return diff.records.reduce((n, r) => n + r.added.length + r.changed.length + r.removed.length, 0);
}
