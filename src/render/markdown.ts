import type { Root, RootContent } from 'mdast';
import { defaultHandlers } from 'mdast-util-to-markdown';
import remarkGfm from 'remark-gfm';
import remarkStringify, { type Options } from 'remark-stringify';
import { unified } from 'unified';
import path from 'node:path';
import type { Chart } from '../report/charts.js';
import type { BodyNode, CaptionedTable, NativeText } from '../report/nodes.js';
import { bodyMark } from './marks.js';
import { paragraph, strong } from '../report/nodes.js';

type Handlers = NonNullable<Options['handlers']>;
type RootHandler = NonNullable<Handlers['root']>;
type State = Parameters<RootHandler>[2];

/**
 * mdast-util-to-markdown's own `root` handler, with two of its costs cut first, neither changing
 * a byte of what it writes:
 * - `safe` runs each of the serialiser's unsafe patterns (some ninety regular expressions with
 *   GFM) over each text, link address and title it escapes. Each call now gets only the
 *   patterns whose character is in that text or beside it, and a text in which no pattern of
 *   its own characters matches is given back as it is (see `narrowSafe`).
 * - Each handler's tracker counts the lines and columns of all it writes, which no handler
 *   ecap uses reads (`untracked`).
 * At 10,000 records, serialising the pages' own text is most of what the build's thread does
 * after the check, and most of the garbage it makes. The root is where every serialisation
 * begins.
 */
export const narrowedRoot: RootHandler = (node, parent, state, info) => {
  narrowSafe(state);
  state.createTracker = untracked;
  return defaultHandlers.root(node, parent, state, info);
};

/**
 * Has `state.safe` look only for the patterns that can match, putting the others back as soon as
 * it returns; and give a text back as it is when no pattern of a character in it matches, the
 * common case: `safe` would then escape nothing and, with no backslash in the text, give it
 * unchanged, but only after making arrays, slices and a list of every match. Serialising the
 * bodies of 300 notes of the benchmark's corpus, fifteen times over in one process, took at
 * least 337–388 ms a time, against 501–533 ms narrowed alone (three runs each, alternated).
 */
function narrowSafe(state: State): void {
  const safe = state.safe;
  state.safe = (value, config) => {
    const all = state.unsafe;
    const around = `${config.before ?? ''}${value ?? ''}${config.after ?? ''}`;
    // `safe` escapes only the text's own characters, each where a pattern of that character
    // matches: what stands beside the text (a link's brackets, say) is only looked at.
    if (!around.includes('\\') && !mayMatch(state, all, value ?? '', around)) return value ?? '';
    state.unsafe = patternsIn(all, around);
    try {
      return safe.call(state, value, config);
    } finally {
      state.unsafe = all;
    }
  };
}

/** A tracker that counts nothing: what mdast-util-to-markdown's trackers count is never written. */
const nowhere = { now: { line: 1, column: 1 }, lineShift: 0 };
const untracked: State['createTracker'] = () => ({ move: (value) => value ?? '', current: () => nowhere, shift: () => {} });

type Unsafe = State['unsafe'][number];

/**
 * A serialiser's patterns grouped by their character, found by its code where it is ASCII (all
 * of them today), and the expressions `mayMatch` has made of them.
 */
interface Patterns {
  groups: Unsafe[][];
  /** By character code below 128: 1 + the index of the group of that character, or 0. */
  group: Uint8Array;
  /** Each group's mark, the number of the last text it was found in. */
  found: Float64Array;
  /** Patterns of any other character, looked for one by one. */
  others: Unsafe[];
  /** Each pattern's place in the list, to name a set of them. */
  place: Map<Unsafe, number>;
  /** One expression for each set of patterns tried together, by their places. */
  together: Map<string, RegExp>;
}

// mdast-util-to-markdown copies its list for each serialisation (a body, a run of a page), so
// these are made again for each; kept across them by the patterns themselves, the expressions
// saved nothing measurable.
const grouped = new WeakMap<Unsafe[], Patterns>();
/** Numbers the texts searched, to mark each group found in the current one without clearing the marks. */
let searched = 0;

/** `unsafe` grouped by character, made once for each serialiser's list. */
function patternsOf(unsafe: Unsafe[]): Patterns {
  let patterns = grouped.get(unsafe);
  if (!patterns) grouped.set(unsafe, (patterns = groupOf(unsafe)));
  return patterns;
}

/** `unsafe` grouped afresh: see `patternsOf`. */
function groupOf(unsafe: Unsafe[]): Patterns {
  const groups: Unsafe[][] = [];
  const group = new Uint8Array(128);
  const others: Unsafe[] = [];
  for (const pattern of unsafe) {
    const code = pattern.character.length === 1 ? pattern.character.charCodeAt(0) : 128;
    if (code >= 128) others.push(pattern);
    else if (group[code]) groups[group[code] - 1]!.push(pattern);
    else group[code] = groups.push([pattern]);
  }
  return { groups, group, found: new Float64Array(groups.length), others, place: new Map(unsafe.map((pattern, i) => [pattern, i])), together: new Map() };
}

/**
 * The patterns whose character is in `around`, found in one pass over it rather than one search
 * per pattern: the pages' own text is mostly short texts, and at 10,000 records the search took
 * each page thread 4.1 s, more than `safe` itself (3.4 s). `safe` gives the same whatever the
 * patterns' order: where several match at one place, it keeps what all of them allow.
 */
function patternsIn(unsafe: Unsafe[], around: string): Unsafe[] {
  const { groups, group, found, others } = patternsOf(unsafe);
  const text = ++searched;
  const picked: Unsafe[] = [];
  for (let i = 0; i < around.length; i++) {
    const code = around.charCodeAt(i);
    const g = code < 128 ? group[code]! : 0;
    if (g && found[g - 1] !== text) {
      found[g - 1] = text;
      picked.push(...groups[g - 1]!);
    }
  }
  for (const pattern of others) if (around.includes(pattern.character)) picked.push(pattern);
  return picked;
}

/**
 * Whether any pattern of a character of `value` that applies where the serialiser stands (its
 * stack of constructs) matches in `around` (the value with what stands beside it), all tried at
 * once by one expression: false only when `safe` would find nothing to escape. A set with a
 * pattern that looks at the nodes beside the text, or needs a Unicode expression, gets an
 * expression that matches anything, leaving the text to `safe` (no pattern does with GFM today).
 */
function mayMatch(state: State, unsafe: Unsafe[], value: string, around: string): boolean {
  const applying = patternsIn(unsafe, value).filter((pattern) => inScope(state.stack, pattern.inConstruct, true) && !inScope(state.stack, pattern.notInConstruct, false));
  if (applying.length === 0) return false;
  const { place, together } = patternsOf(unsafe);
  const key = applying.map((pattern) => place.get(pattern)).join();
  let expression = together.get(key);
  if (!expression) {
    const unsure = applying.some((pattern) => pattern.beforeNode || pattern.afterNode || pattern.unicode);
    together.set(key, (expression = unsure ? /(?:)/ : new RegExp(applying.map((pattern) => `(?:${state.compilePattern(pattern).source})`).join('|'))));
  }
  return expression.test(around);
}

/** Whether one of `constructs` is on the stack; `none` when none is given. mdast-util-to-markdown's own test, which it does not export. */
function inScope(stack: State['stack'], constructs: Unsafe['inConstruct'], none: boolean): boolean {
  if (!constructs || constructs.length === 0) return none;
  return typeof constructs === 'string' ? stack.includes(constructs) : constructs.some((construct) => stack.includes(construct));
}

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
    root: narrowedRoot,
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

/**
 * Replaces ecap's own nodes by plain mdast: a caption becomes a line above its table or chart.
 * Only the nodes on the way to a change are copied, the rest given as they are: copying every
 * node took each page thread 2.3 s at 10,000 records, and the garbage more.
 */
function lower(root: Root, from: string): Root {
  const one = (node: RootContent): RootContent[] => {
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
      let kept = children(node.children) as typeof node.children;
      const last = kept.at(-1);
      if (last?.type === 'text' && last.value.trimEnd() !== last.value) kept = [...kept.slice(0, -1), { ...last, value: last.value.trimEnd() }];
      return [kept === node.children ? node : { ...node, children: kept }];
    }
    if ('children' in node && Array.isArray(node.children)) {
      const kept = children(node.children as RootContent[]);
      return [kept === node.children ? node : ({ ...node, children: kept } as RootContent)];
    }
    return [node];
  };
  // The same array when no node in it changed.
  function children(nodes: RootContent[]): RootContent[] {
    let changed: RootContent[] | undefined;
    for (let i = 0; i < nodes.length; i++) {
      const lowered = one(nodes[i]!);
      if (changed) changed.push(...lowered);
      else if (lowered.length !== 1 || lowered[0] !== nodes[i]) changed = [...nodes.slice(0, i), ...lowered];
    }
    return changed ?? nodes;
  }
  const kept = children(root.children);
  return kept === root.children ? root : { ...root, children: kept };
}
