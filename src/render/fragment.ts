import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { toHtmlBody } from './html.js';
import { toMarkdownPage } from './markdown.js';
import { mark, marks } from './marks.js';

// A record's body is the bulk of every page that shows it, and the same on each: a practice
// appears in its country's report and in the comprehensive one. So a body is rendered once,
// apart from any page, and cached between builds. What does differ from page to page, its
// headings' anchors and the words that tell a repeated heading apart, is left as marks that
// each page fills in.

/** `first`/`last`: what a body begins and ends with, when that is a list. */
export type ListKind = 'ordered' | 'bullet' | '';

export interface Fragment {
  /** Each heading's level on the page and text, in document order. */
  headings: Array<{ depth: number; text: string }>;
  first: ListKind;
  last: ListKind;
  /** With the marks; absent when that format was not asked for. */
  html?: string;
  markdown?: string;
}

/** Per heading of a fragment on one page: its anchor, and what is added to its text. */
export interface HeadingFill {
  id: string;
  suffix: string;
}

export type FragmentFormat = 'html' | 'markdown';

/**
 * Renders a body in the given formats with its first heading one level below `depth` (as
 * written when `depth` is undefined). Pure; `nodes` are not changed.
 */
export function renderFragment(nodes: readonly RootContent[], depth: number | undefined, formats: readonly FragmentFormat[]): Fragment {
  const root: Root = { type: 'root', children: structuredClone(nodes) as RootContent[] };
  let min = 7;
  visit(root, 'heading', (h: Heading) => void (min = Math.min(min, h.depth)));
  const shift = min === 7 || depth === undefined ? 0 : depth + 1 - min;
  const headings: Fragment['headings'] = [];
  visit(root, (n) => {
    delete n.position;
    if (n.type !== 'heading') return;
    n.depth = Math.min(6, Math.max(1, n.depth + shift)) as Heading['depth'];
    headings.push({ depth: n.depth, text: toString(n) });
    n.data = { ...n.data, hProperties: { ...n.data?.hProperties, id: mark('id', headings.length - 1) } };
    n.children = [...n.children, { type: 'text', value: mark('suffix', headings.length - 1) }];
  });
  return {
    headings,
    first: listKind(root.children[0]),
    last: listKind(root.children.at(-1)),
    ...(formats.includes('html') ? { html: toHtmlBody(root) } : {}),
    ...(formats.includes('markdown') ? { markdown: toMarkdownPage(root).trimEnd() } : {}),
  };
}

function listKind(node: RootContent | undefined): ListKind {
  return node?.type === 'list' ? (node.ordered ? 'ordered' : 'bullet') : '';
}

/** A fragment's text for one page: every mark replaced by that page's anchor or suffix. */
export function fill(text: string, fills: readonly HeadingFill[], format: FragmentFormat): string {
  return text.replace(marks, (_, kind: string, n: string) => {
    const f = fills[Number(n)];
    if (!f) return '';
    if (kind === 'id') return f.id;
    if (!f.suffix) return '';
    return format === 'html' ? escapeHtml(f.suffix) : markdownText(f.suffix);
  });
}

/** ` — Results` as Markdown: most suffixes need no escaping, and serialising one is slow. */
function markdownText(suffix: string): string {
  if (/^[\p{L}\p{M}\p{N} ,;:()’—–-]*$/u.test(suffix)) return suffix;
  // Leading spaces would be encoded as `&#x20;`.
  return ` ${toMarkdownPage({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: suffix.trimStart() }] }] }).trimEnd()}`;
}

function escapeHtml(text: string): string {
  // As hast-util-to-html escapes text.
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
}
