import type { FontFace } from '../render/fonts.js';
import { fill, type Fragment, type FragmentFormat, type Edges, type HeadingFill, type ListKind, type Outline } from '../render/fragment.js';
import { bodyMarks, pageMark } from '../render/marks.js';
import { Buffer } from 'node:buffer';
import { hash } from './cache.js';

// A build's output is its pages' own texts with the bodies filled in. Which texts, which bodies
// where, and under which keys is the layout: a plain value that a build keeps, so that the next
// build, when no record's data and no body's outline has changed (one note's wording, say),
// writes its files from the layout without laying a single page out again.

/** Where a body goes in a file: what the file's own text marks with the body's number. */
export interface PlacedBody {
  name: string;
  /** What stands right before and after it: a list of some kind, or another body (by name). */
  before: Neighbour;
  after: Neighbour;
}

/**
 * How a page shows a body: its headings' level and the anchors and words it gives them. Needed
 * only to make the body's piece, so kept apart from the layout and read only then.
 */
export interface Shape {
  depth?: number | undefined;
  fills?: HeadingFill[] | undefined;
}

/** The shape of a table's body, by the table's number and the body's. */
export type Shapes = (table: number, body: number) => Promise<Shape>;

export type Neighbour = ListKind | { body: string };

/** A file made whole at layout time: a chart. Like every file, it is kept from the last build when it is the same. */
export interface WholeLaidFile {
  path: string;
  content: string;
}

/** A file of own text and bodies: a page in one format, or a data file. */
export interface KeyedLaidFile {
  path: string;
  /** Where its own text is kept (see PageStore): the text with a mark where each body goes. */
  textKey: string;
  format: FragmentFormat;
  /** Each body's text goes into a JSON string. */
  json?: true;
  /** Where its page shell is kept, like its own text; `alone` when the shell has no place for the page. */
  shell?: { key: string; alone?: true };
  /** Its bodies: a table of `Layout.tables`, numbered by the marks in its text. */
  table: number;
  /** The table's bodies the file shows, when not all of them. */
  shows?: number[];
  /** A hash of everything but the texts of its bodies: with their revisions, the file's key. */
  own: string;
}

export type LaidFile = WholeLaidFile | KeyedLaidFile;

export interface Layout {
  /** The pages' paths, without extension. */
  pages: string[];
  files: LaidFile[];
  tables: PlacedBody[][];
}

/** A file to write under the output folder. */
export interface OutputFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  /** A page comes in pieces, made as they are written: it never has to be one string. */
  content: string | Uint8Array | AsyncIterable<string>;
  /**
   * A hash of everything the content follows from, for the files that take long to make: equal
   * keys, equal bytes, so a build can keep the file its previous build wrote.
   */
  key?: string;
  /**
   * The content again, for a writer that can copy the pieces a file shares with the one the
   * previous build wrote (`previous`, as this gave it then): its parts, and what it was made of.
   */
  pieces?: (previous: Pieces | undefined) => AsyncGenerator<Part, Pieces>;
}

/**
 * What a file of pieces was made of: shell, own text, body, own text, …, shell. A later build
 * copies each piece whose digest is still the same from this file rather than making it again.
 */
export interface Pieces {
  /** The file's `own` key: pieces line up only between files of one own text. */
  own: string;
  /** The bodies' numbers, in the order the own text shows them. */
  slots: number[];
  /** Per piece, what it is made from, and its length in bytes. */
  digests: string[];
  lengths: number[];
}

/** Text to write, or the number of a piece of the previous file to copy as it is. */
export type Part = string | number;

/** Where a layout's files find what they are made of. */
export interface Sources {
  /** A file's own text or shell, by `KeyedLaidFile.textKey` or `shell.key`, in runs as they come: joined, the text. */
  text(key: string): AsyncIterable<string>;
  outline(name: string): Outline;
  /** A body's list kinds alone, where its outline would be made whole (see packed-outline.ts). */
  edges(name: string): Edges;
  body(name: string, format: FragmentFormat): Promise<string>;
  /** The revision of a body's record; undefined when unknown, and then its files get no key. */
  revision(name: string): string | undefined;
}

/** What a layout's files need besides it: the stylesheet and fonts, made whole each time. */
export interface Assets {
  css: string;
  fonts: FontFace[];
}

/** `hash` of what a keyed file's own text follows from: ecap's code, the edition, its path, its shell, and its text's key. */
export function ownKey(code: string, edition: string, path: string, shell: string, textKey: string): string {
  return hash(code, edition, path, shell, textKey);
}

/** The layout's files in order, each made as it is written. Pure but for `shapes` and `sources`. */
export function* laidFiles(layout: Layout, shapes: Shapes, assets: Assets, sources: Sources): Generator<OutputFile> {
  for (const file of layout.files) {
    if ('content' in file) {
      yield { ...file, key: hash(file.path, file.content) };
      continue;
    }
    const table = layout.tables[file.table]!;
    const shown = file.shows?.map((i) => table[i]!) ?? table;
    const revisions = shown.map((b) => sources.revision(b.name));
    const key = revisions.every((r) => r !== undefined) ? hash(file.own, ...revisions) : undefined;
    const pieces = (previous: Pieces | undefined) => assemble(file, table, (body) => shapes(file.table, body), sources, previous);
    yield { path: file.path, content: texts(pieces(undefined)), ...(key ? { key, pieces } : {}) };
  }
  const whole = (path: string, content: string | Uint8Array): OutputFile => ({ path, content, key: hash(path, content) });
  yield whole('assets/ecap.css', assets.css);
  yield whole('assets/fonts.css', assets.fonts.map((f) => f.css).join('\n\n') + '\n');
  for (const font of assets.fonts) yield whole(`assets/fonts/${font.file}`, font.bytes);
}

/**
 * A file's own text with each body's mark replaced by its filled fragment (in a JSON string for
 * a data file), piece by piece as the writer asks for them: a page never exists whole. A piece
 * that `previous` made from the same things is given by its number, to be copied, and what is
 * not needed to tell is never read. Returns what the file was made of.
 */
async function* assemble(file: KeyedLaidFile, table: readonly PlacedBody[], shapeOf: (body: number) => Promise<Shape>, sources: Sources, previous: Pieces | undefined): AsyncGenerator<Part, Pieces> {
  const { format, shell } = file;
  let shellPieces: Promise<string[]> | undefined;
  const shellPiece = async (n: number) => (await (shellPieces ??= wholeText(sources.text(shell!.key)).then(splitShell)))[n]!;
  const from = previous?.own === file.own ? previous : undefined;
  // Read only as far as the pieces to make: none, when every piece is copied.
  let ownText: TextPieces | undefined;
  const ownPieces = () => (ownText ??= textPieces(sources.text(file.textKey)));
  const slotOf = async (m: number): Promise<number | undefined> => {
    if (from) return from.slots[m];
    const mark = await ownPieces().peek(2 * m + 1);
    return mark === undefined ? undefined : Number(mark);
  };
  const made: Pieces = { own: file.own, slots: [], digests: [], lengths: [] };
  const reused = (digest: string) => from?.digests[made.digests.length] === digest;
  const record = (digest: string, part: Part): Part => {
    made.digests.push(digest);
    made.lengths.push(typeof part === 'number' ? from!.lengths[part]! : Buffer.byteLength(part));
    return part;
  };
  const piece = async (digest: string, text: () => string | Promise<string>): Promise<Part> => record(digest, reused(digest) ? made.digests.length : await text());
  const edge = (neighbour: Neighbour, side: 'first' | 'last'): ListKind => (typeof neighbour === 'string' ? neighbour : sources.edges(neighbour.body)[side]);
  const escape = file.json ? (text: string) => JSON.stringify(text).slice(1, -1) : (text: string) => text;
  if (shell) yield await piece('shell', () => shellPiece(0));
  if (shell?.alone) return made;
  for (let m = 0; ; m++) {
    // The own text before body m is cut short of its final newlines when the body is empty:
    // so the body is looked at first.
    const slot = await slotOf(m);
    let body: { digest: string; part: Part; empty: boolean } | undefined;
    if (slot !== undefined) {
      made.slots.push(slot);
      const placed = table[slot]!;
      const edges = sources.edges(placed.name);
      // An empty comment keeps two lists apart in Markdown, as CommonMark suggests.
      const apart = format === 'markdown' && [edges.first && edge(placed.before, 'last') === edges.first, edges.last && edge(placed.after, 'first') === edges.last];
      const digest = `${sources.revision(placed.name)?.slice(0, 16)}${apart && apart[0] ? '<' : ''}${apart && apart[1] ? '>' : ''}`;
      const at = made.digests.length + 1;
      if (from?.digests[at] === digest) body = { digest, part: at, empty: from.lengths[at] === 0 };
      else {
        const { depth, fills } = await shapeOf(slot);
        let text = fill({ ...sources.outline(placed.name), [format]: await sources.body(placed.name, format) } as Fragment, format, depth, fills);
        if (text && apart && apart[0]) text = `<!-- -->\n\n${text}`;
        if (text && apart && apart[1]) text = `${text}\n\n<!-- -->`;
        body = { digest, part: escape(text), empty: text === '' };
      }
    }
    const cut = body?.empty ?? false;
    yield await piece(cut ? 'cut' : 'own', async () => {
      const text = (await ownPieces().take(2 * m))!;
      return cut ? text.replace(/\n+$/, '') : text;
    });
    if (!body) break;
    yield record(body.digest, body.part);
  }
  if (shell) yield await piece('shell', () => shellPiece(1));
  return made;
}

/** The text parts of a file made without a previous one, which are all of them. */
async function* texts(parts: AsyncIterable<Part>): AsyncGenerator<string> {
  for await (const part of parts) if (typeof part === 'string') yield part;
}

/** A text cut at its bodies' marks, read as far as asked: see `textPieces`. */
interface TextPieces {
  /** Piece `n`, undefined past the end; it may be asked for again. */
  peek(n: number): Promise<string | undefined>;
  /** Piece `n`; no piece before it, nor it, may be asked for again. */
  take(n: number): Promise<string | undefined>;
}

/**
 * A text given in runs, cut at its bodies' marks as `split` cuts it (the marks' numbers at odd
 * places), the pieces where two runs meet joined. Runs are read only as far as the pieces asked
 * for, and only the pieces that may still be asked for are kept: a page's text is held a piece
 * at a time, the piece being the text between two of its bodies (all of it on a page without
 * bodies).
 */
function textPieces(text: AsyncIterable<string>): TextPieces {
  const runs = text[Symbol.asyncIterator]();
  const kept = new Map<number, string>();
  // How many pieces are complete; the last piece, which the next run may go on; whether the
  // runs have ended; the first piece that may still be asked for.
  let complete = 0;
  let open = '';
  let ended = false;
  let wanted = 0;
  const done = (piece: string) => {
    if (complete >= wanted) kept.set(complete, piece);
    complete++;
  };
  const readTo = async (n: number) => {
    while (!ended && complete <= n) {
      const next = await runs.next();
      if (next.done) {
        ended = true;
        done(open);
        continue;
      }
      const [first, ...rest] = next.value.split(bodyMarks);
      open += first!;
      if (rest.length === 0) continue;
      done(open);
      for (const piece of rest.slice(0, -1)) done(piece);
      open = rest.at(-1)!;
    }
  };
  const peek = async (n: number) => {
    await readTo(n);
    return kept.get(n);
  };
  return {
    peek,
    take: async (n) => {
      // Pieces before it, read on the way (copied from a previous build, say), are not kept.
      wanted = Math.max(wanted, n);
      const piece = await peek(n);
      wanted = n + 1;
      for (const at of kept.keys()) if (at < wanted) kept.delete(at);
      return piece;
    },
  };
}

/** A text given in runs, whole: for the short ones, such as a page shell. */
export async function wholeText(runs: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const run of runs) text += run;
  return text;
}

/** A page shell split where the page goes. */
function splitShell(shell: string): string[] {
  const at = shell.indexOf(pageMark);
  return at < 0 ? [shell] : [shell.slice(0, at), shell.slice(at + pageMark.length)];
}
