import type { RootContent } from 'mdast';
import { partKeys } from '../content/parts.js';
import { bodyForEdition, type Edition } from '../model/edition.js';
import { renderFragment, type Fragment, type Outline } from '../render/fragment.js';
import { body, bodyName } from '../report/nodes.js';
import { hash } from './cache.js';
import type { FileResult } from './check-file.js';
import type { CheckedFile } from './structure.js';

// A build needs a record's body tree only to render it, and renders each body once: so it does
// that where the file is parsed (in a worker, mostly), keeps the text apart (BodyTexts), and
// lets the rest of the build see the record without its trees, only their outlines.

/**
 * What a build keeps of one file between runs: its check without the body trees or their
 * sections (a changed file's check takes those from its earlier check, not from here), and
 * the outline of each body it shows.
 */
export interface PreparedFile extends Omit<FileResult, 'sections'> {
  /** By body name. */
  outlines: Array<[string, Outline]>;
  /**
   * A hash of all the pages take from the file: its record and its bodies' outlines, not their
   * texts. A build whose files all keep theirs keeps its layout (see layout.ts).
   */
  layoutInputs: string;
}

/**
 * Renders the fragments the reports will ask of one file's body. It must agree with where the
 * report builders place bodies (country.ts, comprehensive.ts, blocks.ts): a body it misses
 * would stop a build, and a test checks that a build writes what a render from the whole trees
 * writes. By body name.
 */
function renderBodiesOf(file: CheckedFile, edition: Edition): Map<string, Fragment> {
  const out = new Map<string, Fragment>();
  const place = (nodes: RootContent[] | undefined, part = 'body') => {
    const [node] = body({ file: file.path }, bodyForEdition({ type: 'root', children: nodes ?? [] }, edition).children, undefined, part);
    if (node) out.set(node.name, renderFragment(node.nodes, node.name));
  };
  if (file.collection === 'missions') {
    place(file.parts?.intro, 'intro');
    for (const key of partKeys) place(file.parts?.parts[key], key);
  } else if (['practices', 'recommendations', 'themes', 'meetings'].includes(file.collection)) place(file.body?.children);
  return out;
}

/**
 * A file's check made ready for a build of `edition`: its bodies rendered, and each left in the
 * record as one `renderedBody` node when the edition shows it (none when it shows nothing), so
 * that the report builders lay the record out as they would with the whole tree.
 */
export function prepareFile(result: FileResult, edition: Edition): { prepared: PreparedFile; fragments: Map<string, Fragment> } {
  // Every build not up to date reads each file's entry back: at 1,000 records the sections
  // were 600 of their 3,025 KB, and took decoding them from 53 to 80 ms.
  const { sections: __, ...kept } = result;
  const file = kept.checked;
  if (!file) return { prepared: { ...kept, outlines: [], layoutInputs: '' }, fragments: new Map() };
  const fragments = renderBodiesOf(file, edition);
  const stand = (part: string): RootContent[] => (fragments.has(bodyName(file.path, part)) ? [{ type: 'renderedBody' }] : []);
  const { body: _, ...record } = file;
  // Edition-specific already, so that forEdition leaves them be.
  const checked: CheckedFile =
    file.collection === 'missions'
      ? { ...record, parts: { intro: stand('intro'), parts: Object.fromEntries(partKeys.map((k) => [k, stand(k)])), withoutInternal: true } }
      : file.body
        ? { ...record, body: { type: 'root', children: stand('body'), data: { withoutInternal: true } } }
        : file;
  const outlines = [...fragments].map(([name, { headings, first, last }]): [string, Outline] => [name, { headings, first, last }]);
  // Without the record's locations: pages never see them (see unlocated in link.ts). Without
  // the lists a body begins and ends with: only writing looks at them, to keep two lists apart
  // in Markdown, and it reads them from this build's outlines. A paragraph added after a body's
  // last list then keeps the layout, where it used to lay out every page again.
  const laid = outlines.map(([name, { headings }]) => [name, headings]);
  return { prepared: { ...kept, checked, outlines, layoutInputs: hash(JSON.stringify([{ ...checked, locations: undefined }, laid])) }, fragments };
}
