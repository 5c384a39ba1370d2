import type { Nodes, Parents } from 'mdast';

/**
 * Calls `visitor` on every node of a page's tree, each before its children, in document order,
 * with its parent and its index there. unist-util-visit does the same with tests and a stack
 * of ancestors that these walks do not need, and the renderer walks each page several times:
 * on the comprehensive report of 1,000 records that cost half a second a build.
 */
export function walk(node: Nodes, visitor: (node: Nodes, parent: Parents | undefined, index: number) => void, parent?: Parents, index = 0): void {
  visitor(node, parent, index);
  if ('children' in node) {
    // Read after the visitor ran: it may have added children, which are walked too.
    const children: Nodes[] = node.children;
    for (let i = 0; i < children.length; i++) walk(children[i]!, visitor, node, i);
  }
}
