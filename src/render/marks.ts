// Marks left in serialised text where something page-specific goes, filled in when a page is
// written. Private-use characters, which both serialisers leave be; load() refuses a content
// file that holds one.
const open = '\uE000';
const close = '\uE001';

export const mark = (kind: 'id' | 'suffix' | 'body', n: number) => `${open}${kind}${n}${close}`;

/** In a fragment's HTML, where its headings are all at level 6: the start of a heading's opening tag, `<h6 id="${idOpen}3${close}">`. */
export const htmlIdOpen = `<h6 id="${open}id`;

/** In a fragment's Markdown, the mark at the end of a heading's text: `${suffixOpen}3${close}`. */
export const suffixOpen = `${open}suffix`;
export { close as markClose };

/** The marks a page's own serialisation leaves where each of its bodies goes. */
export const bodyMark = (n: number) => mark('body', n);
export const bodyMarks = new RegExp(`${open}body(\\d+)${close}`);

/** Where a page shell's body goes. */
export const pageMark = `${open}page${close}`;

/** The end of a run of a page's nodes serialised apart from the rest (see page-text.ts). */
export const runEnd = `${open}end${close}`;
