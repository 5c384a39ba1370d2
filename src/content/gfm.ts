import type { Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';

// Summaries for CI (job summaries, pull-request comments) are built as trees and
// serialised, so that text from the content (headings, ids, messages) is escaped by
// construction and the output is valid GitHub-flavoured Markdown.

const processor = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', listItemIndent: 'one', fences: true });

/** `1 record`, `2 records`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export type Inline = PhrasingContent | string;

/** Serialises a summary tree as GitHub-flavoured Markdown. */
export function toGfm(children: RootContent[]): string {
  const root: Root = { type: 'root', children };
  return processor.stringify(root);
}

const inline = (parts: Inline[]): PhrasingContent[] => parts.map((p) => (typeof p === 'string' ? { type: 'text', value: p } : p));

export const heading = (depth: Heading['depth'], ...parts: Inline[]): Heading => ({ type: 'heading', depth, children: inline(parts) });
export const paragraph = (...parts: Inline[]): Paragraph => ({ type: 'paragraph', children: inline(parts) });
export const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });
export const strong = (...parts: Inline[]): PhrasingContent => ({ type: 'strong', children: inline(parts) });

export function list(items: Inline[][]): List {
  return { type: 'list', ordered: false, spread: false, children: items.map((parts): ListItem => ({ type: 'listItem', spread: false, children: [paragraph(...parts)] })) };
}

/** A table with a header row; `right` aligns a column's cells to the right (numbers). */
export function table(head: string[], rows: Inline[][][], right: boolean[] = []): Table {
  const cell = (parts: Inline[]): TableCell => ({ type: 'tableCell', children: inline(parts) });
  return {
    type: 'table',
    align: head.map((_, i) => (right[i] ? 'right' : null)),
    children: [{ type: 'tableRow', children: head.map((h) => cell([h])) }, ...rows.map((r) => ({ type: 'tableRow' as const, children: r.map(cell) }))],
  };
}
