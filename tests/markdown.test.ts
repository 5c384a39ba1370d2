import fc from 'fast-check';
import type { Heading, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify, { type Options } from 'remark-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { narrowedRoot, toMarkdownPage } from '../src/render/markdown.js';

// Texts of the characters Markdown gives a meaning to, beside letters, digits and spaces,
// in every place a text can stand: what makes mdast-util-to-markdown escape something.
const special = [...' \t\n\r\u0001\u001f*_#-+.!()[]<>`|\\~:@/=&"\'{}^$?%;,0123456789wWaAhtpsx:', 'www.', 'http://', '1. ', '- ', '> ', '```', '|-|', 'ไทย'];
// And prose, as the notes and the pages' own text mostly are, which `safe` gives back as it is.
const words = ['IP office', 'customs', ' ', ' ', '. ', ', ', '2013', '5–9 August', ' — ', 'ไทย', 'State AA', 'ministry’s', '(police)', 'e.g.', 'Note:'];
const value = fc.oneof(
  fc.array(fc.constantFrom(...special), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((parts) => parts.join('')),
);
const text = value.map((v): PhrasingContent => ({ type: 'text', value: v }));
const phrasing: fc.Arbitrary<PhrasingContent> = fc.oneof(
  { weight: 4, arbitrary: text },
  fc.array(text, { minLength: 1, maxLength: 3 }).map((children): PhrasingContent => ({ type: 'emphasis', children })),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((children): PhrasingContent => ({ type: 'strong', children })),
  fc.tuple(fc.array(text, { minLength: 1, maxLength: 2 }), value, fc.option(value)).map(([children, url, title]): PhrasingContent => ({ type: 'link', url, title, children })),
  fc.tuple(value, value, fc.option(value)).map(([alt, url, title]): PhrasingContent => ({ type: 'image', alt, url, title })),
  value.map((v): PhrasingContent => ({ type: 'inlineCode', value: v })),
);
const inline = fc.array(phrasing, { minLength: 1, maxLength: 5 });
const block: fc.Arbitrary<RootContent> = fc.oneof(
  inline.map((children): RootContent => ({ type: 'paragraph', children })),
  fc.tuple(fc.integer({ min: 1, max: 6 }), inline).map(([depth, children]): RootContent => ({ type: 'heading', depth: depth as Heading['depth'], children })),
  fc.tuple(fc.boolean(), fc.array(inline, { minLength: 1, maxLength: 3 })).map(([ordered, items]): RootContent => ({ type: 'list', ordered, children: items.map((children) => ({ type: 'listItem', children: [{ type: 'paragraph', children }] })) })),
  fc.array(fc.array(inline, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 }).map((rows): RootContent => ({ type: 'table', children: rows.map((cells) => ({ type: 'tableRow', children: cells.map((children) => ({ type: 'tableCell', children })) })) })),
  inline.map((children): RootContent => ({ type: 'blockquote', children: [{ type: 'paragraph', children }] })),
);
const tree = fc.array(block, { minLength: 1, maxLength: 4 }).map((children): Root => ({ type: 'root', children }));

describe('narrowedRoot', () => {
  it('serialises every text, address and title as mdast-util-to-markdown’s own handlers do', () => {
    const options = { bullet: '-', emphasis: '_', strong: '*', fences: true, listItemIndent: 'one' } as const;
    const own = unified().use(remarkGfm).use(remarkStringify, options);
    const quick = unified().use(remarkGfm).use(remarkStringify, { ...options, handlers: { root: narrowedRoot } });
    const serialise = (processor: typeof own, root: Root) => {
      try {
        return processor.stringify(root);
      } catch (error) {
        return `throws: ${(error as Error).message}`;
      }
    };
    fc.assert(
      fc.property(tree, (root) => {
        expect(serialise(quick, root)).toBe(serialise(own, root));
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });

  it('leaves to `safe` a pattern that looks at the node beside the text', () => {
    // No pattern of GFM's does; an extension's may.
    const options: Options = { unsafe: [{ character: 'x', inConstruct: 'phrasing', afterNode: 'emphasis' }] };
    const root: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'ax' }, { type: 'emphasis', children: [{ type: 'text', value: 'b' }] }, { type: 'text', value: 'x' }] }] };
    const own = unified().use(remarkStringify, options).stringify(root);
    expect(own).toBe('a&#x78;*b*x\n');
    expect(unified().use(remarkStringify, { ...options, handlers: { root: narrowedRoot } }).stringify(root)).toBe(own);
  });
});

describe('toMarkdownPage', () => {
  it('lowers ecap’s own nodes and leaves out raw HTML, leaving the tree it is given as it was', () => {
    const table: Table = { type: 'table', children: [row('Agency', 'Cases'), row('Customs', '12')] };
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', value: 'Before raw HTML at the end ' }, { type: 'html', value: '<br>' }] },
        { type: 'list', ordered: false, children: [{ type: 'listItem', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Kept' }, { type: 'html', value: '<span>' }, { type: 'text', value: ' whole' }] }] }] },
        { type: 'captionedTable', label: 'Table 2', caption: [{ type: 'text', value: 'Cases by agency' }], children: [table] },
        { type: 'html', value: '<div></div>' },
        { type: 'paragraph', children: [{ type: 'text', value: 'Ends with a space ' }] },
        { type: 'blockquote', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Untouched.' }] }] },
      ],
    };
    const before = structuredClone(tree);
    expect(toMarkdownPage(tree)).toBe(
      'Before raw HTML at the end\n\n- Kept whole\n\n**Table 2.** Cases by agency\n\n| Agency | Cases |\n| - | - |\n| Customs | 12 |\n\nEnds with a space\n\n> Untouched.\n',
    );
    expect(tree).toEqual(before);
  });
});

function row(...cells: string[]): TableRow {
  return { type: 'tableRow', children: cells.map((value) => ({ type: 'tableCell', children: [{ type: 'text', value }] })) };
}
