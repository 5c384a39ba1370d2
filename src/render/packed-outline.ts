import type { Edges, ListKind, Outline } from './fragment.js';

// A build holds every body's outline from its check to its last file: at 10,000 records,
// 139,000 headings. As objects ({ depth, text } each, in an array per body) they were 18 MB of
// what the build's thread held while it wrote the second benchmark corpus; one string per body
// keeps only the headings' text and a character for each level.

/** A body's outline as one string: see `packOutline`. */
export type PackedOutline = string & { readonly packed: unique symbol };

const kinds: readonly ListKind[] = ['', 'ordered', 'bullet'];

/**
 * Packs an outline into one string: the two list kinds as digits, then each heading as its
 * level's digit and its text, the headings parted by U+0000, which no heading's text holds
 * (micromark replaces it, as CommonMark says, before it parses).
 */
export function packOutline({ headings, first, last }: Outline): PackedOutline {
  return `${kinds.indexOf(first)}${kinds.indexOf(last)}${headings.map((h) => `${h.depth}${h.text}`).join('\0')}` as PackedOutline;
}

/** What a packed outline's body begins and ends with: two characters read, nothing unpacked. */
export function packedEdges(packed: PackedOutline): Edges {
  return { first: kinds[Number(packed[0])]!, last: kinds[Number(packed[1])]! };
}

/** The outline `packOutline` packed, made anew at each call. */
export function unpackOutline(packed: PackedOutline): Outline {
  const headings = packed.length > 2 ? packed.slice(2).split('\0').map((h) => ({ depth: Number(h[0]), text: h.slice(1) })) : [];
  return { headings, ...packedEdges(packed) };
}
