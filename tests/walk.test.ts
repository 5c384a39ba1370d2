import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { replaceWith, some, walk } from '../src/walk.js';

const tree = (): Root => ({
  type: 'root',
  children: [
    { type: 'paragraph', children: [{ type: 'text', value: 'a' }, { type: 'emphasis', children: [{ type: 'text', value: 'b' }] }] },
    { type: 'paragraph', children: [{ type: 'text', value: 'c' }] },
  ],
});
const label = (node: { type: string; value?: string }) => node.value ?? node.type;

describe('walk', () => {
  it('visits each node before its children, in document order, with its parent and index', () => {
    const seen: string[] = [];
    walk(tree(), (node, parent, index) => void seen.push(`${label(node)}@${parent ? `${parent.type}[${index}]` : '-'}`));
    expect(seen).toEqual(['root@-', 'paragraph@root[0]', 'a@paragraph[0]', 'emphasis@paragraph[1]', 'b@emphasis[0]', 'paragraph@root[1]', 'c@paragraph[0]']);
  });

  it('walks what replaced a node in its place, and not the node replaced', () => {
    const root = tree();
    const seen: string[] = [];
    walk(root, (node, parent, index) => {
      seen.push(`${label(node)}@${parent ? `${parent.type}[${index}]` : '-'}`);
      if (node.type === 'emphasis') return replaceWith(...node.children, { type: 'text', value: 'd' });
      // Replaced by nothing: the walk goes on with what followed it.
      if (label(node) === 'c') return replaceWith();
    });
    // `b` is walked once, as the emphasis's replacement, not inside the emphasis.
    expect(seen).toEqual(['root@-', 'paragraph@root[0]', 'a@paragraph[0]', 'emphasis@paragraph[1]', 'b@paragraph[1]', 'd@paragraph[2]', 'paragraph@root[1]', 'c@paragraph[0]']);
    expect(root.children).toEqual([
      { type: 'paragraph', children: [{ type: 'text', value: 'a' }, { type: 'text', value: 'b' }, { type: 'text', value: 'd' }] },
      { type: 'paragraph', children: [] },
    ]);
  });

  it('replaces a node only when told to with replaceWith, and never the root', () => {
    const root = tree();
    const seen: string[] = [];
    // @ts-expect-error: a value returned by accident (here, push's) replaces nothing.
    walk(root, (node) => seen.push(label(node)));
    expect(seen).toHaveLength(7);
    expect(root).toEqual(tree());
    expect(() => walk(tree(), () => replaceWith())).toThrow(/root/);
  });

  it('walks children a visitor added', () => {
    const seen: string[] = [];
    walk(tree(), (node) => {
      seen.push(label(node));
      if (node.type === 'paragraph' && seen.length === 2) node.children.push({ type: 'text', value: 'added' });
    });
    expect(seen).toEqual(['root', 'paragraph', 'a', 'emphasis', 'b', 'added', 'paragraph', 'c']);
  });
});

describe('some', () => {
  it('says whether a node passes, and looks no further than the first that does', () => {
    const seen: string[] = [];
    expect(some(tree(), (node) => (seen.push(label(node)), node.type === 'emphasis'))).toBe(true);
    expect(seen).toEqual(['root', 'paragraph', 'a', 'emphasis']);
    expect(some(tree(), (node) => node.type === 'link')).toBe(false);
  });
});
