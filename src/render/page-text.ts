import type { Nodes, Paragraph, Root, RootContent } from 'mdast';
import type { Page } from '../report/page.js';
import { walk } from '../report/walk.js';
import { resolveLinks, type Anchors } from './anchors.js';
import type { FragmentFormat } from './fragment.js';
import { toHtmlBody } from './html.js';
import { chunkEnd } from './marks.js';
import { toMarkdownPage } from './markdown.js';

// Serialising the pages' own text is most of what a cold build does after the check: the
// comprehensive report of 10,000 records takes over a minute. A page's top-level nodes each
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
 * Nodes that tie a page together: raw HTML is parsed again over the whole page, and
 * references and footnotes are gathered from all of it. A page with any is one run.
 */
const tying = new Set<string>(['html', 'definition', 'linkReference', 'imageReference', 'footnoteDefinition', 'footnoteReference']);

/**
 * The page's top-level nodes in runs, each to be serialised by `runText`. A run begins only at
 * a heading: between a heading and what precedes it, both formats always put the same
 * separator, and no list's marker depends on a list across it. `runSize`: about this many
 * nodes a run, enough work to repay sending it to another thread.
 */
export function textJobs(page: Page, anchors: Anchors, runSize = 4000): TextJob[] {
  const runs: RootContent[][] = [[]];
  let size = 0;
  let tied = false;
  for (const node of page.root.children) {
    let count = 0;
    walk(node, (n) => {
      count++;
      if (tying.has(n.type)) tied = true;
    });
    if (node.type === 'heading' && size >= runSize) runs.push([]), (size = 0);
    runs.at(-1)!.push(node);
    size += count;
  }
  if (tied) return [{ from: page.path, root: page.root, anchors, more: false }];
  return runs.map((children, i) => {
    const root: Root = { ...page.root, children };
    return { from: page.path, root, anchors: anchorsFor(root, anchors), more: i < runs.length - 1 };
  });
}

/** Serialises a run in both formats. Pure but for the links, whose addresses it sets. */
export function runText({ from, root, anchors, more }: TextJob): PageText {
  resolveLinks(root, from, anchors, 'md');
  // A run with more to come ends with a mark, so that its own last node's text ends as it would
  // with a page's worth of nodes after it: Markdown's final newline belongs to the page.
  const end: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: chunkEnd }] };
  const markdown = toMarkdownPage(more ? { ...root, children: [...root.children, end] } : root, from);
  resolveLinks(root, from, anchors, 'html');
  const html = toHtmlBody(root);
  if (!more) return { markdown, html };
  const cut = `\n\n${chunkEnd}\n`;
  if (!markdown.endsWith(cut)) throw new Error(`ecap bug: a run of ${from} did not end with its mark`);
  return { markdown: markdown.slice(0, -cut.length), html };
}

/** The page's text from its runs' (as `textJobs` cut them), in order. */
export function joinTexts(texts: readonly PageText[]): PageText {
  return { markdown: texts.map((t) => t.markdown).join('\n\n'), html: texts.map((t) => t.html).join('\n') };
}

/** Only the anchors that the run's links point at: the whole report's would be most of what a worker is sent. */
function anchorsFor(root: Root, anchors: Anchors): Anchors {
  const used: Anchors = new Map();
  walk(root, (node: Nodes) => {
    const target = node.type === 'link' ? node.data?.target : undefined;
    if (!target || 'file' in target || !target.key) return;
    const own = anchors.get(target.page);
    if (!used.has(target.page)) used.set(target.page, new Map());
    const kept = used.get(target.page)!;
    // A citation's Markdown link points at the references heading (see resolveLinks).
    for (const key of [target.key, 'references']) {
      const slug = own?.get(key);
      if (slug !== undefined) kept.set(key, slug);
    }
  });
  return used;
}
