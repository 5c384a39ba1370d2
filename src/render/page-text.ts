import type { Paragraph, Root, RootContent } from 'mdast';
import { walk } from '../walk.js';
import { anchorsUsed, resolveLinks, type Anchors } from './anchors.js';
import type { FragmentFormat } from './fragment.js';
import { toHtmlBody } from './html.js';
import { runEnd } from './marks.js';
import { toMarkdownPage } from './markdown.js';

// Serialising the pages' own text is most of what a cold build does after the check: at
// 10,000 records it took over 90 s on one thread. A page's top-level nodes each
// serialise on their own, so a page is cut into runs that can be serialised apart, on other
// threads, and joined into exactly the text the whole page gives.

/** A page's own text in both formats, its bodies left as marks. */
export type PageText = Record<FragmentFormat, string>;

/** A run of a page's top-level nodes with the anchors its links need: all it takes to serialise them, on any thread. */
export interface TextJob {
  /** The page's path, which its links are relative to. */
  from: string;
  root: Root;
  anchors: Anchors;
  /** Not the page's last run: its text is cut where the next run's begins. */
  more: boolean;
}

/**
 * Nodes that tie a page together: raw HTML is parsed again over the whole page, and link and
 * image references, definitions and footnotes are gathered from all of it. A page with any
 * is one run.
 */
const tying = new Set<string>(['html', 'definition', 'linkReference', 'imageReference', 'footnoteDefinition', 'footnoteReference']);

/**
 * What a page holds at its top level, each serialised on its own. Anything else (text, say,
 * which makes Markdown serialise the whole page inline) keeps the page in one run.
 */
const blocks = new Set<string>(['heading', 'paragraph', 'list', 'table', 'blockquote', 'code', 'thematicBreak', 'body', 'chart', 'captionedTable']);

/** Whether a top-level node keeps its page in one run (see `textJobs`). */
export function ties(top: RootContent): boolean {
  let tied = !blocks.has(top.type);
  walk(top, (n) => {
    if (tying.has(n.type)) tied = true;
  });
  return tied;
}

/**
 * The page's top-level nodes in runs, each to be serialised by `runText`, made as the nodes
 * come: a run is given as soon as the next one begins, so that a page need never be whole.
 * Each run but the first begins at a heading: between a heading and what precedes it, both
 * formats always put the same separator, and no list's marker depends on a list across it. A
 * run holds at least `runSize` nodes, where the page has them: enough work to repay sending it
 * to another thread. `tied`: whether any of the page's nodes `ties`, which only a walk of the
 * whole page can tell (a build's layout makes one); then the page is one run.
 */
export function* textJobs(from: string, nodes: Iterable<RootContent>, anchors: Anchors, tied: boolean, runSize = 4000): Generator<TextJob> {
  const job = (children: RootContent[], more: boolean): TextJob => {
    const root: Root = { type: 'root', children };
    return { from, root, anchors: anchorsUsed(root, anchors), more };
  };
  let run: RootContent[] = [];
  let size = 0;
  for (const node of nodes) {
    if (!tied && node.type === 'heading' && size >= runSize) {
      yield job(run, true);
      run = [];
      size = 0;
    }
    run.push(node);
    // A tied page is one run whatever its size.
    if (!tied) walk(node, () => void size++);
  }
  yield job(run, false);
}

/**
 * Serialises a run in both formats, followed, when more runs come, by what stands between it
 * and the next: the runs of a page, joined, are its whole text. Pure but for the links, whose
 * addresses it sets.
 */
export function runText({ from, root, anchors, more }: TextJob): PageText {
  resolveLinks(root, from, anchors, 'md');
  // A run with more to come gets a last paragraph holding only a mark: the serialiser then puts
  // after the run's own nodes exactly the blank line it would put before the next run's
  // heading, and the page's final newline goes after the mark, which is cut off with it.
  const end: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: runEnd }] };
  const markdown = toMarkdownPage(more ? { ...root, children: [...root.children, end] } : root, from);
  resolveLinks(root, from, anchors, 'html');
  const html = toHtmlBody(root);
  if (!more) return { markdown, html };
  const cut = `${runEnd}\n`;
  if (!markdown.endsWith(`\n\n${cut}`)) throw new Error(`ecap bug: a run of ${from} did not end with its mark`);
  // HTML puts a line break between two top-level elements.
  return { markdown: markdown.slice(0, -cut.length), html: `${html}\n` };
}

/**
 * A text that may come in runs, to be written one after the other: a page's own text is never
 * joined into one string, the comprehensive report's being 35 MB of Markdown at 10,000 records.
 */
export type Runs = string | readonly string[];
