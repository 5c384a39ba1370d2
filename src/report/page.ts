import type { Heading, RootContent } from 'mdast';
import { headingDepths, type Outline } from '../render/fragment.js';
import { toString } from 'mdast-util-to-string';
import { FingerprintSet } from '../fingerprints.js';
import { walk } from '../walk.js';
import type { Model, Source } from '../model/model.js';
import { formatDate } from './format.js';
import { external, heading, list, xref, type BodyNode, type Inline } from './nodes.js';

/** One report page before rendering: a path without extension and the maker of its syntax tree. */
export interface Page {
  /** `index`, `comprehensive` or `countries/<code>`. */
  path: string;
  title: string;
  /**
   * Makes the page's top-level nodes, afresh at each call, as they are iterated. A long report
   * makes them a section at a time: whole, the comprehensive report's nodes held 57 MB at
   * 10,000 records while a build serialised it.
   */
  children(): Iterable<RootContent>;
}

/** Numbers the sources a page cites, in order of first citation, and lists them at its end. */
export class Citations {
  private readonly numbers = new Map<string, number>();
  constructor(
    private readonly page: string,
    private readonly sources: ReadonlyMap<string, Source>,
  ) {}

  /** ` [1] [4]`: links to the page's references, or nothing when there are no ids. */
  cite(ids: readonly string[] | undefined): Inline[] {
    const out: Inline[] = [];
    for (const id of ids ?? []) {
      let n = this.numbers.get(id);
      if (n === undefined) this.numbers.set(id, (n = this.numbers.size + 1));
      out.push(' ', xref({ page: this.page, key: `source:${id}` }, `[${n}]`));
    }
    return out;
  }

  /** The references section, or nothing when the page cites no source. */
  section(): RootContent[] {
    if (this.numbers.size === 0) return [];
    const items = [...this.numbers.keys()].map((id) => {
      const s = this.sources.get(id)!;
      const parts: Inline[] = [s.title];
      if (s.publisher) parts.push(`. ${s.publisher}`);
      if (s.date) parts.push(`, ${formatDate(s.date)}`);
      parts.push('.');
      if (s.url) parts.push(' ', external(s.url));
      return parts;
    });
    const references = list(items, true);
    // Each item is an anchor target in HTML; Markdown citations fall back to the heading.
    references.children.forEach((item, i) => (item.data = { ...item.data, hProperties: { id: `ref-${[...this.numbers.keys()][i]}` } }));
    return [heading(2, 'References', 'references'), references];
  }
}

export function sourceIndex(model: Model): Map<string, Source> {
  return new Map(model.sources.map((s) => [s.id, s]));
}

/** A part of a long page, made as it is walked, citing its sources as it goes. */
export type Section = (citations: Citations) => Iterable<RootContent>;

/**
 * The maker of a long page's top-level nodes, a section at a time, each let go once walked: its
 * opening, given the page's contents, then its sections and its references. The contents come
 * first and list every section's heading, so the first make makes the sections once more to
 * find them, each let go at once. Made whole, a country report of 875 practices was held
 * entire while a build laid it out and again while it serialised it.
 */
export function sectioned(path: string, model: Model, opening: (contents: RootContent[]) => RootContent[], sections: readonly Section[]): () => Generator<RootContent> {
  let headings: RootContent[] | undefined;
  const sectionHeadings = () => {
    const counted = new Citations(path, sourceIndex(model));
    const found: RootContent[] = [];
    const isSection = (node: RootContent) => node.type === 'heading' && node.depth === 2;
    for (const make of sections) for (const node of make(counted)) if (isSection(node)) found.push(node);
    return [...found, ...counted.section().filter(isSection)];
  };
  return function* children() {
    headings ??= sectionHeadings();
    // A copy: each make's nodes are its own, to be finished and let go.
    yield* opening(contents(path, structuredClone(headings)));
    const citations = new Citations(path, sourceIndex(model));
    for (const make of sections) yield* make(citations);
    yield* citations.section();
  };
}

/** A table of contents of the page's level-2 headings. */
export function contents(page: string, sections: readonly RootContent[]): RootContent[] {
  const items = sections
    .filter((n): n is Heading => n.type === 'heading' && n.depth === 2 && Boolean(n.data?.key))
    .map((h) => [xref({ page, key: h.data!.key! }, ...h.children)]);
  return [heading(2, 'Contents'), list(items)];
}

/**
 * Finishes a page's top-level nodes, given one after the other in order: numbers its tables and
 * figures, and makes every heading's text unique: a repeated one ("How it works" under each
 * practice) names the section it belongs to, so that each has its own anchor and an outline
 * reads unambiguously. A body's headings are counted from its outline and their suffixes kept
 * in its `fills`.
 */
export function pageFinisher(outlineOf: (body: BodyNode) => Outline): (top: RootContent) => void {
  let tables = 0;
  let figures = 0;
  const seen = new FingerprintSet();
  // `under`: what a repeated heading in the section adds, made once for all of them. A page's
  // bodies keep their headings' suffixes until written: one string each, they were 6.4 MB of
  // the 137 MB live while 10,000 records were written.
  const open: Array<{ depth: number; text: string; under?: string }> = [];
  /** What to add to a heading's text to make it unique on the page. */
  const unique = (depth: number, text: string): string => {
    while (open.length > 0 && open.at(-1)!.depth >= depth) open.pop();
    let suffix = '';
    if (!seen.add(text)) {
      // Taken: first the section it belongs to; a number only if that is not enough.
      const parent = open.at(-1);
      const section = parent ? (parent.under ??= ` — ${parent.text}`) : '';
      suffix = section;
      for (let n = 2; !seen.add(text + suffix); n++) suffix = `${section} ${n}`;
    }
    open.push({ depth, text: text + suffix });
    return suffix;
  };
  // One walk: a label is never part of a heading's text, so numbering and headings do not
  // depend on each other.
  return (top) =>
    walk(top, (node) => {
      if (node.type === 'captionedTable') node.label = `Table ${++tables}`;
      else if (node.type === 'chart') node.label = `Figure ${++figures}`;
      else if (node.type === 'heading') {
        const suffix = unique(node.depth, toString(node));
        if (suffix) node.children = [...node.children, { type: 'text', value: suffix }];
      } else if (node.type === 'body') {
        const outline = outlineOf(node);
        const depths = headingDepths(outline, node.depth);
        node.fills = outline.headings.map((h, i) => ({ suffix: unique(depths[i]!, h.text) }));
      }
    });
}
