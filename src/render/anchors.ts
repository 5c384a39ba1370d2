import { slug } from 'github-slugger';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import path from 'node:path';
import { compact } from '../compact-strings.js';
import { FingerprintSet } from '../fingerprints.js';
import { walk } from '../walk.js';
import type { BodyNode } from '../report/nodes.js';
import type { Outline } from './fragment.js';

/** For each page, the anchor of every keyed heading (and of each reference in HTML). */
export type Anchors = Map<string, Map<string, string>>;

/**
 * A heading's anchor: GitHub's slug of its text, with the number the page's slugs gave it when
 * that slug was taken already (see `pageAnchorer`).
 */
export function headingId(text: string, repeat?: number): string {
  const base = slug(text);
  return repeat ? `${base}-${repeat}` : base;
}

/**
 * Gives every heading of a page GitHub's slug of its text, in document order (so a repeated
 * title becomes `title-1`), its top-level nodes given one after the other; `own` gathers the
 * anchors of its keyed headings. The same slug serves as the HTML id and as the anchor GitHub
 * generates for the Markdown, so links work in both. A body's headings keep only the number,
 * when one was added: their anchors are made again from their text when written (`headingId`).
 * Kept whole until written, they were 58 MB of strings while 10,000 records were laid out.
 */
export function pageAnchorer(outlineOf: (body: BodyNode) => Outline): { anchor: (top: RootContent) => void; own: Map<string, string> } {
  const slugs = pageSlugs();
  const own = new Map<string, string>();
  const anchor = (top: RootContent) =>
    walk(top, (node) => {
      if (node.type === 'body') {
        const headings = outlineOf(node).headings;
        node.fills?.forEach((fill, i) => {
          const { repeat } = slugs(headings[i]!.text + fill.suffix);
          if (repeat) fill.repeat = repeat;
        });
      }
      if (node.type !== 'heading') return;
      const { id } = slugs(toString(node));
      const data = (node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } });
      // Made one piece only where a slug is held: the anchors of keyed headings, for the links
      // to them while the build lasts (see compact-strings.ts).
      if (data.key) own.set(data.key, compact(id));
    });
  return { anchor, own };
}

/**
 * Takes one slug after another as github-slugger's `GithubSlugger` does (`title`, `title-1`,
 * `title-2`…), giving the number it added too. It keeps every slug the page has taken, by its
 * fingerprint, and the last number added to each slug that was taken again (few, each made `compact`).
 */
export function pageSlugs(): (text: string) => { id: string; repeat?: number } {
  const taken = new FingerprintSet();
  const repeats = new Map<string, number>();
  return (text) => {
    const base = slug(text);
    let id = base;
    let repeat: number | undefined;
    while (!taken.add(id)) {
      // As GithubSlugger's count: 0 when the slug was first taken, one more each time it is again.
      repeat = (repeats.get(base) ?? 0) + 1;
      repeats.set(compact(base), repeat);
      id = `${base}-${repeat}`;
    }
    return repeat ? { id, repeat } : { id };
  };
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
