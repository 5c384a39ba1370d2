import type { Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { renderFragment, type Outline } from '../src/render/fragment.js';
import { packedEdges, packOutline, unpackOutline } from '../src/render/packed-outline.js';

const outlineOf = (markdown: string): Outline => {
  const { headings, first, last } = renderFragment((unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root).children as RootContent[], 'content/practices/x.md#body');
  return { headings, first, last };
};

describe('packed outlines', () => {
  // Bodies as notes have them, and the edges of what a heading's text can be.
  const bodies = {
    'no heading, a list at each end': '- one\n- two\n\nText.\n\n1. first\n2. second\n',
    'headings of every level': '# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n',
    'an empty heading and one of a single digit': '#\n\n## 7\n\nText.\n',
    'a setext heading over two lines': 'Risk profiles\nat the border\n=============\n\nText.\n',
    'code, emphasis, raw HTML and a link in a heading': '## The `x` of *y* <b>z</b> [w](https://example.org)\n',
    'text past Latin-1, and a NUL that micromark replaces': '## Việt Nam — ກົດໝາຍ\n\n## a\u0000b\n\n* last\n',
  };

  for (const [name, markdown] of Object.entries(bodies)) {
    it(`gives back the outline it packed: ${name}`, () => {
      const outline = outlineOf(markdown);
      expect(unpackOutline(packOutline(outline))).toEqual(outline);
      expect(packedEdges(packOutline(outline))).toEqual({ first: outline.first, last: outline.last });
    });
  }

  it('packs the headings of a body into one string and its list kinds into two digits', () => {
    const outline = outlineOf('- one\n\n## How it works\n\n### Steps\n');
    expect(outline).toEqual({ headings: [{ depth: 2, text: 'How it works' }, { depth: 3, text: 'Steps' }], first: 'bullet', last: '' });
    expect(packOutline(outline)).toBe('202How it works\u00003Steps');
  });

  it('makes a new outline at each unpacking, so that no caller changes another’s', () => {
    const packed = packOutline(outlineOf('## One\n'));
    const once = unpackOutline(packed);
    once.headings[0]!.text = 'changed';
    expect(unpackOutline(packed).headings[0]!.text).toBe('One');
  });
});
