// Marks left in serialised text where something page-specific goes, filled in when a page is
// written. Private-use characters: nothing an editor types, and both serialisers leave them be.
const open = '\uE000';
const close = '\uE001';

export const mark = (kind: 'id' | 'suffix' | 'body', n: number) => `${open}${kind}${n}${close}`;

/** A fragment's heading marks: `id` for its anchor, `suffix` for what is added to its text. */
export const marks = new RegExp(`${open}(id|suffix)(\\d+)${close}`, 'g');

/** The marks a page's own serialisation leaves where each of its bodies goes. */
export const bodyMark = (n: number) => mark('body', n);
export const bodyMarks = new RegExp(`${open}body(\\d+)${close}`);

/** Where a page shell's body goes. */
export const pageMark = `${open}page${close}`;
