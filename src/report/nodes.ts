// Brings in mdast-util-to-hast's `data.hProperties` typing for headings and list items.
import type {} from 'remark-rehype';
import type { Literal, Node, Parent } from 'unist';
import type { HeadingFill } from '../render/fragment.js';
import type { Origin } from '../model/model.js';
import type { Chart } from './charts.js';
import type { Heading, InlineCode, Link, List, ListItem, Paragraph, PhrasingContent, RootContent, Strong, Table, TableCell, TableRow, Text } from 'mdast';

/** A name in a national script: `lang` lets browsers pick the font and screen readers the voice. */
export interface NativeText extends Literal {
  type: 'nativeText';
  value: string;
  lang: string;
}

/** A table with a caption: `<caption>` in HTML, a bold line above the table in Markdown. */
export interface CaptionedTable extends Parent {
  type: 'captionedTable';
  /** `Table 3`, given when the page is numbered. */
  label?: string;
  caption: PhrasingContent[];
  children: [Table];
}

/**
 * A record's body on a page: the nodes as the record holds them, with its first heading to go
 * one level below `depth` (as written when undefined). Rendered apart from the page, once per
 * build (see render/fragment.ts); `fills` are the page's anchors and suffixes for its headings.
 */
export interface BodyNode extends Node {
  type: 'body';
  nodes: RootContent[];
  depth: number | undefined;
  /** Names the body within a build: the record's file and the part of it. */
  name: string;
  /** The record's revision (see Origin), when known: the body's key between builds. */
  revision?: string;
  fills?: HeadingFill[];
  /** Its place among the page's bodies, for the page's own serialisation to mark. */
  slot?: number;
}

/**
 * Stands in a build's model for a body rendered where its file was parsed (see
 * pipeline/prepare.ts): the tree stays there, and a page gets the body's outline and text from
 * the build by the body's name.
 */
export interface RenderedBody extends Node {
  type: 'renderedBody';
}

/**
 * Where a link points inside the output: a page (without extension, so that each format
 * adds its own) and a record's heading on it, or a file such as `data/statistics.csv`.
 */
export type Target = { page: string; key?: string } | { file: string };

declare module 'mdast' {
  interface PhrasingContentMap {
    nativeText: NativeText;
  }
  interface RootContentMap {
    nativeText: NativeText;
    captionedTable: CaptionedTable;
    chart: Chart;
    body: BodyNode;
    renderedBody: RenderedBody;
  }
  interface BlockContentMap {
    captionedTable: CaptionedTable;
    chart: Chart;
  }
  interface HeadingData {
    /** Stable key of the record the heading introduces, for cross-references. */
    key?: string;
  }
  interface LinkData {
    /** Filled in per output format once every page's anchors are known. */
    target?: Target;
  }
}

export type Inline = PhrasingContent | string;

const inline = (children: Inline[]): PhrasingContent[] => children.map((c) => (typeof c === 'string' ? text(c) : c));

export const text = (value: string): Text => ({ type: 'text', value });
export const strong = (...children: Inline[]): Strong => ({ type: 'strong', children: inline(children) });
export const paragraph = (...children: Inline[]): Paragraph => ({ type: 'paragraph', children: inline(children) });
export const native = (value: string, lang: string): NativeText => ({ type: 'nativeText', value, lang });

export function heading(depth: Heading['depth'], children: Inline[] | string, key?: string): Heading {
  const node: Heading = { type: 'heading', depth, children: inline(typeof children === 'string' ? [children] : children) };
  if (key) node.data = { key };
  return node;
}

/** A link to another place in the reports, resolved later. */
export function xref(target: Target, ...children: Inline[]): Link {
  return { type: 'link', url: '', children: inline(children), data: { target } };
}

export function external(url: string, ...children: Inline[]): Link {
  return { type: 'link', url, children: inline(children.length ? children : [url]) };
}

export function list(items: Array<RootContent[] | Inline[]>, ordered = false): List {
  return {
    type: 'list',
    ordered,
    spread: false,
    children: items.map((item): ListItem => ({
      type: 'listItem',
      spread: false,
      children: isBlocks(item) ? (item as ListItem['children']) : [paragraph(...(item as Inline[]))],
    })),
  };
}

function isBlocks(item: RootContent[] | Inline[]): boolean {
  return item.length > 0 && typeof item[0] !== 'string' && ['paragraph', 'list', 'table', 'blockquote', 'code', 'heading'].includes((item[0] as RootContent).type);
}

export const inlineCode = (value: string): InlineCode => ({ type: 'inlineCode', value });

type Align = 'left' | 'right' | null;

/** A table with a header row and no caption; `align` marks numeric columns. */
export function plainTable(header: Inline[][], rows: Inline[][][], align: Align[] = []): Table {
  const row = (cells: Inline[][]): TableRow => ({
    type: 'tableRow',
    children: cells.map((c): TableCell => ({ type: 'tableCell', children: inline(c) })),
  });
  return { type: 'table', align: header.map((_, i) => align[i] ?? null), children: [row(header), ...rows.map(row)] };
}

/** A table with a caption and a header row; `align` marks numeric columns. */
export function table(caption: Inline[], header: Inline[][], rows: Inline[][][], align: Align[] = []): CaptionedTable {
  return { type: 'captionedTable', caption: inline(caption), children: [plainTable(header, rows, align)] };
}

/** A record's body, or part of it, placed at `depth`. Empty when there is nothing to show. */
export function body(record: Pick<Origin, 'file' | 'revision'>, nodes: RootContent[], depth: number | undefined, part = 'body'): BodyNode[] {
  return nodes.length === 0 ? [] : [{ type: 'body', nodes, depth, name: bodyName(record.file, part), ...(record.revision ? { revision: record.revision } : {}) }];
}

/** `content/missions/th.md#b`: a body's name within a build, from its record's file and the part of it. */
export function bodyName(file: string, part: string): string {
  return `${file}#${part}`;
}

/** Joins inline pieces with a separator, as in a list of agency names. */
export function joined(parts: Inline[][], separator = ', '): Inline[] {
  return parts.flatMap((p, i) => (i === 0 ? p : [separator, ...p]));
}
