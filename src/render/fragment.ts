import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { compact } from '../compact-strings.js';
import { walk } from '../walk.js';
import { headingId } from './anchors.js';
import { toHtmlBody } from './html.js';
import { toMarkdownPage } from './markdown.js';
import { htmlIdOpen, mark, markClose, suffixOpen } from './marks.js';

// A record's body is the bulk of every page that shows it, and the same on each: a practice
// appears in its country's report and in the comprehensive one. So a body is rendered once,
// apart from any page, and cached between builds. What differs from page to page, its
// headings' levels and anchors and the words that tell a repeated heading apart, is left as
// marks that each page fills in: every heading is rendered at level 6 and marked.

/** `first`/`last`: what a body begins and ends with, when that is a list. */
export type ListKind = 'ordered' | 'bullet' | '';

/** What a body begins and ends with: two lists that meet in Markdown are kept apart. */
export interface Edges {
  first: ListKind;
  last: ListKind;
}

/** What a page needs of a body to lay itself out, without its text. */
export interface Outline extends Edges {
  /** Each heading's level as written and its text, in document order. */
  headings: Array<{ depth: number; text: string }>;
}

export type FragmentFormat = 'html' | 'markdown';

/** A body's outline and its text in each format, both with the marks. */
export interface Fragment extends Outline, Record<FragmentFormat, string> {}

/**
 * Per heading of a fragment on one page: what is added to its text, and the number added to its
 * anchor when the page had that anchor already (see `headingId`).
 */
export interface HeadingFill {
  suffix: string;
  repeat?: number;
}

/**
 * Renders a body in both formats. Pure; `nodes` are not changed. `name` (the body's, unique on
 * any page) keeps the ids of its footnotes apart from another body's.
 */
export function renderFragment(nodes: readonly RootContent[], name: string): Fragment {
  const root: Root = { type: 'root', children: structuredClone(nodes) as RootContent[] };
  const headings: Fragment['headings'] = [];
  walk(root, (n) => {
    if (n.type !== 'heading') return;
    headings.push({ depth: n.depth, text: compact(toString(n)) });
    n.depth = 6;
    n.data = { ...n.data, hProperties: { ...n.data?.hProperties, id: mark('id', headings.length - 1) } };
    n.children = [...n.children, { type: 'text', value: mark('suffix', headings.length - 1) }];
  });
  // The Markdown leaves raw HTML out, so what a body begins and ends with there is what is left.
  const shown = root.children.filter((n) => n.type !== 'html');
  return { headings, first: listKind(shown[0]), last: listKind(shown.at(-1)), html: toHtmlBody(root, name), markdown: toMarkdownPage(root).trimEnd() };
}

export function listKind(node: RootContent | undefined): ListKind {
  return node?.type === 'list' ? (node.ordered ? 'ordered' : 'bullet') : '';
}

/**
 * The level of each of a fragment's headings when its first heading goes one level below
 * `depth` (as written when undefined), kept within 1–6.
 */
export function headingDepths(fragment: Outline, depth: number | undefined): Heading['depth'][] {
  const min = Math.min(7, ...fragment.headings.map((h) => h.depth));
  const shift = min === 7 || depth === undefined ? 0 : depth + 1 - min;
  return fragment.headings.map((h) => Math.min(6, Math.max(1, h.depth + shift)) as Heading['depth']);
}

/**
 * A fragment's text for one page: every heading at the level `depth` gives it, with that
 * page's anchor and suffix. Without `fills`, headings keep their text and get no anchor.
 */
export function fill<F extends FragmentFormat>(fragment: Outline & Record<F, string>, format: F, depth: number | undefined, fills: readonly HeadingFill[] = []): string {
  const depths = headingDepths(fragment, depth);
  const text: string = fragment[format];
  const suffix = (n: string) => {
    const added = fills[Number(n)]?.suffix ?? '';
    return !added ? '' : format === 'html' ? escapeHtml(added) : markdownText(added);
  };
  if (format === 'html') {
    // Headings do not nest, so each heading's closing tag is the first after its opening one;
    // the mark at the end of its text is replaced wherever raw HTML in the heading left it.
    let out = '';
    let from = 0;
    for (let at = text.indexOf(htmlIdOpen); at >= 0; at = text.indexOf(htmlIdOpen, from)) {
      const n = Number(text.slice(at + htmlIdOpen.length, text.indexOf(markClose, at)));
      const start = text.indexOf('>', at) + 1;
      const end = text.indexOf('</h6>', start);
      const heading = text.slice(start, end).replace(`${suffixOpen}${n}${markClose}`, suffix(String(n)));
      out += `${text.slice(from, at)}<h${depths[n]}${fills[n] ? ` id="${headingId(fragment.headings[n]!.text + fills[n]!.suffix, fills[n]!.repeat)}"` : ''}>${heading}</h${depths[n]}>`;
      from = end + '</h6>'.length;
    }
    return out + text.slice(from);
  }
  // Found by the mark at the end of each heading: its six hashes are the first on that line,
  // since container prefixes (`> `, `- `) have none.
  let out = '';
  let from = 0;
  for (let at = text.indexOf(suffixOpen); at >= 0; at = text.indexOf(suffixOpen, from)) {
    const end = text.indexOf(markClose, at);
    const n = text.slice(at + suffixOpen.length, end);
    const hashes = text.indexOf('######', text.lastIndexOf('\n', at) + 1);
    let heading = text.slice(hashes + 6, at);
    const added = suffix(n);
    // Without the mark after it, a final `#` would read as a closing sequence: escape it.
    if (!added && /(^|[ \t])#+$/.test(heading)) heading = `${heading.slice(0, -1)}\\#`;
    out += `${text.slice(from, hashes)}${'#'.repeat(depths[Number(n)]!)}${heading}${added}`;
    from = end + markClose.length;
  }
  return out + text.slice(from);
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
