import GithubSlugger from 'github-slugger';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import path from 'node:path';
import { walk } from '../walk.js';
import type { BodyNode } from '../report/nodes.js';
import type { Outline } from './fragment.js';

/** For each page, the anchor of every keyed heading (and of each reference in HTML). */
export type Anchors = Map<string, Map<string, string>>;

/**
 * Gives every heading of a page GitHub's slug of its text, in document order (so a repeated
 * title becomes `title-1`), its top-level nodes given one after the other; `own` gathers the
 * anchors of its keyed headings. The same slug serves as the HTML id and as the anchor GitHub
 * generates for the Markdown, so links work in both.
 */
export function pageAnchorer(outlineOf: (body: BodyNode) => Outline): { anchor: (top: RootContent) => void; own: Map<string, string> } {
  const slugger = new GithubSlugger();
  const own = new Map<string, string>();
  const anchor = (top: RootContent) =>
    walk(top, (node) => {
      if (node.type === 'body') {
        const headings = outlineOf(node).headings;
        node.fills?.forEach((fill, i) => (fill.id = slugger.slug(headings[i]!.text + fill.suffix)));
      }
      if (node.type !== 'heading') return;
      const slug = slugger.slug(toString(node));
      const data = (node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id: slug } });
      if (data.key) own.set(data.key, slug);
    });
  return { anchor, own };
}

export type Format = 'html' | 'md';

/** Sets the address of every cross-reference on a page for one output format. */
export function resolveLinks(root: Root, from: string, anchors: Anchors, format: Format): void {
  walk(root, (link) => {
    if (link.type !== 'link') return;
    const target = link.data?.target;
    if (!target) return;
    if ('file' in target) {
      link.url = relative(from, target.file);
      return;
    }
    let fragment = '';
    if (target.key) {
      const key = anchorKey(target.key, format);
      const slug = key === undefined ? `ref-${target.key.slice(7)}` : anchors.get(target.page)?.get(key);
      if (!slug) throw new Error(`no anchor ${target.key} on page ${target.page}`);
      fragment = `#${slug}`;
    }
    link.url = target.page === from && fragment ? fragment : `${relative(from, target.page)}.${format}${fragment}`;
  });
}

/** Only the anchors that `resolveLinks` looks up for the links under `root`, in either format. */
export function anchorsUsed(root: Root, anchors: Anchors): Anchors {
  const used: Anchors = new Map();
  walk(root, (link) => {
    const target = link.type === 'link' ? link.data?.target : undefined;
    if (!target || 'file' in target || !target.key) return;
    const own = anchors.get(target.page);
    const kept = used.get(target.page) ?? new Map<string, string>();
    used.set(target.page, kept);
    for (const format of ['md', 'html'] as const) {
      const key = anchorKey(target.key, format);
      const slug = key === undefined ? undefined : own?.get(key);
      if (slug !== undefined) kept.set(key!, slug);
    }
  });
  return used;
}

/**
 * Which of a page's anchors a link to `key` takes: its own, or none for a citation in HTML,
 * whose list item has an id of its own. Markdown has no anchor on a list item, so a citation
 * there points at the references heading.
 */
function anchorKey(key: string, format: Format): string | undefined {
  if (!key.startsWith('source:')) return key;
  return format === 'html' ? undefined : 'references';
}

function relative(from: string, to: string): string {
  return path.posix.relative(path.posix.dirname(from), to);
}
