import type { Root, RootContent } from 'mdast';
import { walk } from '../walk.js';
import { hash } from './cache.js';

// An editor changes a sentence, and a build parses the whole note again: about 0.1 s for a
// note of 20,000 characters in a fresh process, whose parser V8 has not yet optimised. A
// body cut at its top-level headings parses section by section to the same tree, so a
// section whose text is unchanged can be taken from the last check of the file instead.

/** One section of a body, as a check keeps it: the hash of its text, and how many top-level nodes it made. */
export interface Section {
  key: string;
  nodes: number;
}

/** A body's sections, and the top-level nodes they made, from an earlier check of the file. */
export interface EarlierBody {
  sections: readonly Section[];
  children: readonly RootContent[];
}

/** A parser of a body's text to mdast, positions counted from its start. */
type ParseBody = (text: string) => Root;

/** Lines that open a fence or a container whose content is not Markdown blocks until it closes. */
const fenceOpening = /^ {0,3}(`{3,}(?!.*`)|~{3,}|:{3,}(?!:)(?![ \t]*$))/;
const atxHeading = /^#{1,6}(?:[ \t]|$)/;
/**
 * Whatever a section could take from another: a link or footnote definition (`[x]: …`, which
 * any part of the document may use) or an HTML block (some run on past blank lines). A body
 * that has any is parsed whole.
 */
const crossesSections = /\]:|^ {0,3}</m;

/**
 * Cuts a body's text before each heading that starts a line after a blank one, outside any
 * fenced code or directive container: such a heading closes every open block, so each section
 * parses alone to the nodes it makes in the whole. The sections, joined, are the text; one
 * section when the text cannot be cut so.
 */
export function cutSections(text: string): string[] {
  // micromark drops a leading byte-order mark, and counts positions without it.
  if (text.startsWith('\uFEFF') || crossesSections.test(text)) return [text];
  const starts = [0];
  // The fences and containers open, innermost last: each closes on a line of its character,
  // at least as long, and nothing else.
  const open: string[] = [];
  let blankBefore = true;
  const line = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  for (let match = line.exec(text); match && match[0] !== ''; match = line.exec(text)) {
    const content = match[0].replace(/[\r\n]+$/, '');
    const fence = open.at(-1);
    const opening = fenceOpening.exec(content)?.[1];
    if (fence) {
      const closing = /^ {0,3}(`{3,}|~{3,}|:{3,})[ \t]*$/.exec(content)?.[1];
      if (closing && closing[0] === fence[0] && closing.length >= fence.length) open.pop();
      else if (fence[0] === ':' && opening) open.push(opening);
    } else if (opening) {
      open.push(opening);
    } else if (blankBefore && match.index > 0 && atxHeading.test(content)) {
      starts.push(match.index);
    }
    blankBefore = /^[ \t]*$/.test(content);
  }
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
}

/**
 * Parses a body section by section, taking each section whose text an earlier check of the
 * file had from that check (its nodes have no positions: they are not needed, see
 * check-file.ts). Positions of the sections parsed count from the start of `text`, as if it
 * were parsed whole. Also gives the sections, for a later check: none when a whole parse finds
 * a node across a cut, so that no later check trusts those cuts.
 */
export function parseSections(text: string, parseBody: ParseBody, earlier?: EarlierBody): { body: Root; sections?: Section[] } {
  const texts = cutSections(text);
  const keys = texts.map((t) => hash('section', t));
  const kept = new Map<string, readonly RootContent[]>();
  let from = 0;
  for (const { key, nodes } of earlier?.sections ?? []) kept.set(key, earlier!.children.slice(from, (from += nodes)));
  if (!keys.some((key) => kept.has(key))) {
    // Nothing to take: one parse, as fast as any, cut along the same lines.
    const body = parseBody(text);
    return { body, sections: counted(body, texts, keys) };
  }
  const children: RootContent[] = [];
  const sections: Section[] = [];
  let line = 0;
  let offset = 0;
  for (const [i, sectionText] of texts.entries()) {
    // Each kept section once: two sections of the same text get a tree each.
    let nodes = kept.get(keys[i]!);
    kept.delete(keys[i]!);
    nodes ??= movePositions(parseBody(sectionText), line, offset).children;
    children.push(...nodes);
    sections.push({ key: keys[i]!, nodes: nodes.length });
    line += lineEndings(sectionText);
    offset += sectionText.length;
  }
  const end = { line: line + 1, column: text.length - lastLineStart(text) + 1, offset: text.length };
  return { body: { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } }, sections };
}

/** How many of a whole parse's top-level nodes each section holds; none when a node crosses a cut, which the cuts are made never to allow. */
function counted(body: Root, texts: string[], keys: string[]): Section[] | undefined {
  const sections: Section[] = [];
  let node = 0;
  let end = 0;
  for (const [i, sectionText] of texts.entries()) {
    end += sectionText.length;
    const first = node;
    while (node < body.children.length && (body.children[node]!.position?.start.offset ?? Infinity) < end) {
      if ((body.children[node]!.position?.end.offset ?? Infinity) > end) return undefined;
      node++;
    }
    sections.push({ key: keys[i]!, nodes: node - first });
  }
  return node === body.children.length ? sections : undefined;
}

/** Moves a tree's positions down by `lines` and on by `offset` characters: counted from where its text starts in a larger one, at a line's start. */
export function movePositions(tree: Root, lines: number, offset: number): Root {
  if (lines === 0 && offset === 0) return tree;
  walk(tree, (node) => {
    if (!node.position) return;
    node.position.start.line += lines;
    node.position.end.line += lines;
    if (node.position.start.offset !== undefined) node.position.start.offset += offset;
    if (node.position.end.offset !== undefined) node.position.end.offset += offset;
  });
  return tree;
}

function lineEndings(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function lastLineStart(text: string): number {
  return Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
}
