import type { Element, ElementContent, Root as HastRoot, Text } from 'hast';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype, { type Options as ToHastOptions } from 'remark-rehype';
import { unified } from 'unified';
import { some, walk } from '../walk.js';
import type { BodyNode, CaptionedTable, NativeText } from '../report/nodes.js';
import { bodyMark } from './marks.js';
import { chartSvg, type Chart } from '../report/charts.js';

const handlers = {
  // Only a mark: the body's own fragment is put in its place when the page is written.
  body: (_state: unknown, node: BodyNode): Text => ({ type: 'text', value: bodyMark(node.slot ?? 0) }),
  chart: (_state: unknown, node: Chart): Element => ({
    type: 'element',
    tagName: 'figure',
    properties: { className: ['chart'] },
    children: [
      { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'element', tagName: 'strong', properties: {}, children: [{ type: 'text', value: `${node.label ?? 'Figure'}.` }] }, { type: 'text', value: ` ${node.title}` }] },
      chartSvg(node),
    ],
  }),
  nativeText: (_state: unknown, node: NativeText): Element => ({
    type: 'element',
    tagName: 'span',
    // dir=auto isolates the name, so a right-to-left script (Jawi) does not reorder the text around it.
    properties: { lang: node.lang, dir: 'auto' },
    children: [{ type: 'text', value: node.value }],
  }),
  // A wide table scrolls inside its own region on narrow screens; the region is focusable
  // so that keyboard users can scroll it too.
  captionedTable: (state: { one: (n: unknown, p: unknown) => ElementContent; all: (n: unknown) => ElementContent[] }, node: CaptionedTable): Element => {
    const table = state.one(node.children[0], node) as Element;
    const label: Element = { type: 'element', tagName: 'strong', properties: {}, children: [{ type: 'text', value: `${node.label ?? 'Table'}.` }] };
    const caption: Element = { type: 'element', tagName: 'caption', properties: {}, children: [label, { type: 'text', value: ' ' }, ...state.all({ type: 'paragraph', children: node.caption })] };
    table.children = [caption, { type: 'text', value: '\n' }, ...table.children];
    return {
      type: 'element',
      tagName: 'div',
      properties: { className: ['table'], role: 'region', tabIndex: 0, ariaLabel: toString({ type: 'paragraph', children: node.caption }) },
      children: [table],
    };
  },
};

/**
 * What may reach a page. Note bodies are untrusted: no script, no event handler, no
 * `javascript:` address survives. Ids are kept as they are (no `user-content-` prefix)
 * because ecap's own anchors are GitHub slugs that the Markdown output shares.
 */
const schema: SanitizeSchema = {
  ...defaultSchema,
  clobber: [],
  tagNames: [...(defaultSchema.tagNames ?? []), 'caption', 'span', 'div', 'figure', 'figcaption', 'svg', 'title', 'desc', 'rect', 'text'],
  attributes: {
    ...defaultSchema.attributes,
    // Charts: shapes and text with geometry and colour, nothing that loads or runs anything.
    figure: [['className', 'chart']],
    svg: ['viewBox', 'role', 'ariaLabelledBy', 'fontFamily', 'fontSize'],
    rect: ['x', 'y', 'width', 'height', 'fill'],
    text: ['x', 'y', 'fill', 'textAnchor', 'fontSize'],
    title: ['id'],
    desc: ['id'],
    div: [...(defaultSchema.attributes?.div ?? []), ['className', 'table'], 'role', 'tabIndex', 'ariaLabel'],
    th: [...(defaultSchema.attributes?.th ?? []), 'scope'],
    p: [...(defaultSchema.attributes?.p ?? []), ['className', 'edition-banner']],
  },
};

const withRaw = unified()
  .use(remarkRehype, { allowDangerousHtml: true, handlers } as unknown as ToHastOptions)
  .use(rehypeRaw)
  .use(rehypeSanitize, schema)
  .use(accessibleTables)
  .use(scopeFootnotes)
  .use(rehypeStringify);

// rehype-raw re-parses the whole page through parse5; most pages hold no raw HTML at all.
const withoutRaw = unified()
  .use(remarkRehype, { handlers } as unknown as ToHastOptions)
  .use(rehypeSanitize, schema)
  .use(accessibleTables)
  .use(scopeFootnotes)
  .use(rehypeStringify);

/**
 * Renders a tree to HTML: a page's `<main>` element, or a body. `scope` (a body's name) is
 * put into the ids of its footnotes, which would otherwise repeat from body to body on a page.
 */
export function toHtmlBody(root: Root, scope?: string): string {
  const processor = some(root, (node) => node.type === 'html') ? withRaw : withoutRaw;
  const file = { data: scope ? { scope: scope.replace(/[^A-Za-z0-9_-]/g, '-') } : {} };
  return processor.stringify(processor.runSync(root, file) as HastRoot);
}

/** `user-content-fn-1` → `user-content-<scope>-fn-1`, with the links and labels that point at them. */
function scopeFootnotes() {
  return (tree: HastRoot, file: { data: object }) => {
    const { scope } = file.data as { scope?: string };
    if (!scope) return;
    const rename = (id: string) => (id.startsWith('user-content-fn') ? `user-content-${scope}-${id.slice('user-content-'.length)}` : id === 'footnote-label' ? `${scope}-footnote-label` : id);
    walk(tree, (element) => {
      if (element.type !== 'element') return;
      const { id, href, ariaDescribedBy } = element.properties;
      if (typeof id === 'string') element.properties.id = rename(id);
      if (typeof href === 'string' && href.startsWith('#')) element.properties.href = `#${rename(href.slice(1))}`;
      if (Array.isArray(ariaDescribedBy)) element.properties.ariaDescribedBy = ariaDescribedBy.map((d) => rename(String(d)));
    });
  };
}

/**
 * Every table, from a report or from a note, scrolls in its own focusable region on narrow
 * screens; header cells say which way they apply; column alignment is a class, since the
 * `align` attribute is obsolete in HTML.
 */
function accessibleTables() {
  return (tree: HastRoot) => {
    const walk = (node: HastRoot | Element, inRegion: boolean) => {
      node.children.forEach((child, index) => {
        if (child.type !== 'element') return;
        if (child.tagName === 'th' || child.tagName === 'td') {
          const align = child.properties.align;
          delete child.properties.align;
          if (align === 'right' || align === 'center') child.properties.className = [align === 'right' ? 'num' : 'centre'];
        }
        if (child.tagName === 'thead') {
          for (const row of child.children) if (row.type === 'element') for (const cell of row.children) if (cell.type === 'element' && cell.tagName === 'th') cell.properties.scope = 'col';
        }
        if (child.tagName === 'table' && !inRegion) {
          node.children[index] = { type: 'element', tagName: 'div', properties: { className: ['table'], role: 'region', tabIndex: 0, ariaLabel: 'Table' }, children: [child] };
        }
        walk(child, inRegion || (child.tagName === 'div' && (child.properties.className as string[] | undefined)?.includes('table') === true));
      });
    };
    walk(tree, false);
  };
}
