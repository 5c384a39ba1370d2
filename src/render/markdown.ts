import type { Root, RootContent, Text } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify, { type Options } from 'remark-stringify';
import { unified } from 'unified';
import path from 'node:path';
import type { Chart } from '../report/charts.js';
import type { BodyNode, CaptionedTable, NativeText } from '../report/nodes.js';
import { bodyMark } from './marks.js';
import { paragraph, strong } from '../report/nodes.js';

type TextHandler = NonNullable<NonNullable<Options['handlers']>['text']>;

/**
 * mdast-util-to-markdown's own `text` handler but for the patterns it tries: it runs each of
 * its unsafe patterns (some sixty regular expressions with GFM) over every text, and one whose
 * character is neither in the text nor beside it cannot match. Serialising the bodies of 122
 * notes took 99–120 ms instead of 172–288. `safe` calls no other handler, so no other text
 * sees the narrowed patterns: they are put back as soon as it returns.
 */
export const quickText: TextHandler = (node: Text, parent, state, info) => {
  const siblings = parent?.children ?? [];
  const index = state.indexStack.at(-1)!;
  const around = `${info.before}${node.value}${info.after}`;
  const all = state.unsafe;
  state.unsafe = all.filter((pattern) => around.includes(pattern.character));
  try {
    return state.safe(node.value, { ...info, beforeNode: siblings[index - 1], afterNode: siblings[index + 1] });
  } finally {
    state.unsafe = all;
  }
};

const settings: Options = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  rule: '-',
  fences: true,
  listItemIndent: 'one',
  incrementListMarker: true,
  handlers: {
    // Markdown has no way to mark a language; the script itself is kept as text.
    nativeText: (node: NativeText, _parent, state, info) => state.safe(node.value, info),
    // Only a mark: the body's own fragment is put in its place when the page is written.
    body: (node: BodyNode) => bodyMark(node.slot ?? 0),
    text: quickText,
  } as Options['handlers'],
};

// Cells are not padded to align the pipes: padding counts characters, and Thai, Lao or
// Khmer names with combining marks would misalign them anyway.
const processor = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, settings);

/**
 * Serialises a page tree as GitHub-flavoured Markdown. Raw HTML from bodies is left out;
 * charts become images of their SVG files, addressed from `from` (a page path).
 */
export function toMarkdownPage(root: Root, from = ''): string {
  return processor.stringify(lower(root, from));
}

/** Where a chart's SVG file is written, for the Markdown reports to show. */
export function chartFile(chart: Chart): string {
  return `charts/${chart.id}.svg`;
}

/** Replaces ecap's own nodes by plain mdast: a caption becomes a line above its table or chart. */
function lower(root: Root, from: string): Root {
  const children = (nodes: RootContent[]): RootContent[] =>
    nodes.flatMap((node): RootContent[] => {
      if (node.type === 'captionedTable') {
        const t = node as CaptionedTable;
        return [paragraph(strong(`${t.label ?? 'Table'}.`), ' ', ...t.caption), t.children[0]];
      }
      if (node.type === 'html') return [];
      if (node.type === 'chart') {
        const url = path.posix.relative(path.posix.dirname(from), chartFile(node));
        return [paragraph(strong(`${node.label ?? 'Figure'}.`), ' ', node.title), { type: 'paragraph', children: [{ type: 'image', url, alt: node.description, title: null }] }];
      }
      if (node.type === 'paragraph') {
        // Raw HTML left out at the end of a paragraph would leave a dangling line break.
        const kept = children(node.children) as typeof node.children;
        const last = kept.at(-1);
        if (last?.type === 'text') kept[kept.length - 1] = { ...last, value: last.value.trimEnd() };
        return [{ ...node, children: kept }];
      }
      if ('children' in node && Array.isArray(node.children)) return [{ ...node, children: children(node.children as RootContent[]) } as RootContent];
      return [node];
    });
  return { ...root, children: children(root.children) };
}
