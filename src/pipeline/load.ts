import { closeSync, fstatSync, openSync, readFileSync, type BigIntStats } from 'node:fs';
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { collections, extensions, type Collection, type CollectionName } from '../content/collections.js';
import { diagnostic } from '../diagnostics/rules.js';
import { fileStart, type Diagnostic, type StageResult } from '../diagnostics/diagnostic.js';
import { reasonOf, UnusableInput, UsageError } from '../errors.js';
import { compareText } from '../order.js';
import { hash } from './cache.js';
import { concurrently } from './concurrently.js';

/** A content file as read from disk: decoded text, byte-order mark removed. */
export interface SourceFile {
  /** Path relative to the working directory, with forward slashes. */
  path: string;
  collection: CollectionName;
  /** The record's id: its file name without the extension. */
  id: string;
  text: string;
}

/**
 * A content file as a build holds it: where it is and a hash of its text, not the text itself,
 * which is read again when needed (see readAgain). At 10,000 records the texts are 190 MB.
 */
export type HashedFile = Omit<SourceFile, 'text'> & {
  digest: string;
  /** The digest the last build read the file by, where it has changed since (see recall.ts). */
  earlier?: string;
};

/** A hash of what a file is: where it is and what it says. */
function digest(file: SourceFile): string {
  return hash(file.collection, file.path, file.text);
}

/** A file kept with its text and its hash: what a check keeps. */
export function withText(file: SourceFile): SourceFile & HashedFile {
  return { ...file, digest: digest(file) };
}

/** A file kept without its text: what a build keeps (see HashedFile). */
export function withoutText(file: SourceFile): HashedFile {
  return { path: file.path, collection: file.collection, id: file.id, digest: digest(file) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A content file's text from its bytes, byte-order mark removed; or why it cannot be read. */
function decodeSource(bytes: Uint8Array, shown: string): string | Diagnostic {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return diagnostic('file/unreadable', shown, fileStart, 'Unexpected bytes that are not UTF-8 text: save the file as UTF-8 in your editor.');
  }
  if (text.includes('\0')) return diagnostic('file/unreadable', shown, fileStart, 'Unexpected binary file: a content file is Markdown or YAML text.');
  const reserved = /[\uE000\uE001]/.exec(text);
  if (reserved) {
    const before = text.slice(0, reserved.index).split('\n');
    const line = before.length;
    const column = before.at(-1)!.length + 1;
    return diagnostic('file/unreadable', shown, { line, column, endLine: line, endColumn: column + 1 }, `Unexpected private-use character U+${reserved[0].charCodeAt(0).toString(16).toUpperCase()}: ecap uses it to mark places in the reports it writes; delete it.`);
  }
  return text.replace(/^\uFEFF/, '');
}

/**
 * Lets load skip a file it read before (see recall.ts): asked for what was kept of a file
 * then, given its metadata as it is about to be read; told what is kept of each file read.
 */
export interface Recall<T> {
  known(shown: string, stats: BigIntStats): T | undefined;
  read(shown: string, kept: T): void;
}

/**
 * Reads every content file, and keeps of each what `keep` makes of it (default: all of it).
 * The only stage that reads the content folder, but for readAgain. With `recall`, a file it
 * knows is not read: what was kept of it before is kept again.
 */
export async function load(contentDir: string, cwd: string): Promise<StageResult<SourceFile[]>>;
export async function load<T>(contentDir: string, cwd: string, keep: (file: SourceFile) => T, recall?: Recall<T>): Promise<StageResult<T[]>>;
export async function load(contentDir: string, cwd: string, keep: (file: SourceFile) => unknown = (file) => file, recall?: Recall<unknown>): Promise<StageResult<unknown[]>> {
  const root = path.resolve(cwd, contentDir);
  const stat = await lstat(root).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new UsageError(`Content folder \`${contentDir}\` not found: pass --content DIR, or run ecap where content/ is.`);
  }
  const realRoot = await realpath(root);
  const display = (abs: string) => path.relative(cwd, abs).split(path.sep).join('/');
  const diagnostics: Diagnostic[] = [];
  // `inside`: known to be a plain file in a folder inside the content folder, as a folder's
  // listing tells; else it is looked at on its own.
  const toRead: Array<{ abs: string; collection: Collection; inside?: boolean }> = [];
  const isInside = async (abs: string) => (await realpath(abs)).startsWith(realRoot + path.sep);

  const read = async ({ abs, collection, inside }: (typeof toRead)[number]): Promise<{ kept: unknown } | Diagnostic> => {
    const shown = display(abs);
    // Symbolic links could reach outside the content folder: never follow them.
    if (!inside && ((await lstat(abs)).isSymbolicLink() || !(await isInside(abs)))) {
      return diagnostic('file/unreadable', shown, fileStart, 'Unexpected symbolic link: ecap reads only files inside the content folder; copy the file here instead.');
    }
    // Looked at and read through one descriptor, synchronously: the metadata is that of the
    // file read, and on a network mount opening a file makes the client ask the server
    // afresh. A content file is small, and a thousand trips through the thread pool cost
    // several times the reading itself.
    const fd = openSync(abs, 'r');
    let bytes: Buffer;
    try {
      const known = recall?.known(shown, fstatSync(fd, { bigint: true }));
      if (known !== undefined) return { kept: known };
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
    const text = decodeSource(bytes, shown);
    if (typeof text !== 'string') return text;
    const ext = path.extname(abs);
    const kept = keep({ path: shown, collection: collection.name, id: path.basename(abs, ext), text });
    recall?.read(shown, kept);
    return { kept };
  };

  for (const collection of collections) {
    if ('file' in collection.location) {
      const abs = path.join(root, collection.location.file);
      if (await lstat(abs).catch(() => undefined)) toRead.push({ abs, collection });
      else diagnostics.push(diagnostic('file/missing', display(abs), fileStart, `Missing \`${collection.location.file}\`: every content folder has one (see schemas/${collection.schema}).`));
      continue;
    }
    const dir = path.join(root, collection.location.folder);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const dirInside = entries.length > 0 && (await isInside(dir));
    const allowed = extensions[collection.format];
    for (const entry of entries.sort((a, b) => compareText(a.name, b.name))) {
      if (entry.name.startsWith('.')) continue;
      const abs = path.join(dir, entry.name);
      if ((entry.isFile() || entry.isSymbolicLink()) && allowed.includes(path.extname(entry.name))) {
        toRead.push({ abs, collection, inside: dirInside && entry.isFile() });
      } else {
        diagnostics.push(diagnostic('file/stray', display(abs), fileStart, `Unexpected ${entry.isDirectory() ? 'folder' : 'file'} in ${collection.location.folder}/: it holds only ${allowed.join(' or ')} files, so this one is ignored. Move it elsewhere or rename it.`));
      }
    }
  }
  // Read many at a time, kept in the order listed.
  const results: Array<{ kept: unknown } | Diagnostic> = [];
  await concurrently([...toRead.entries()], async ([i, file]) => void (results[i] = await read(file)));
  const files: unknown[] = [];
  for (const r of results) if ('kept' in r) files.push(r.kept);
  else diagnostics.push(r);
  return { value: files, diagnostics };
}

/** A file read again is no longer what was first read (see readAgain). */
export class ChangedWhileBuilding extends UnusableInput {}

/**
 * A file kept without its text, read again. It must still be what was read first: a build that
 * went on from a file changed meanwhile would mix two versions of it, so it stops instead.
 */
export async function readAgain(kept: HashedFile, cwd: string): Promise<SourceFile> {
  const changed = () => new ChangedWhileBuilding(`\`${kept.path}\` changed while ecap was building from it: build again.`);
  const bytes = await readFile(path.resolve(cwd, kept.path)).catch((error: NodeJS.ErrnoException) => {
    // Gone, or a folder where it was: changed. Else it is there but cannot be read.
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR' || error.code === 'EISDIR') throw changed();
    throw new UnusableInput(`Cannot read \`${kept.path}\` again (${reasonOf(error)}): check that ecap may read it, then build again.`);
  });
  const text = decodeSource(bytes, kept.path);
  if (typeof text !== 'string') throw changed();
  const file = { path: kept.path, collection: kept.collection, id: kept.id, text };
  if (digest(file) !== kept.digest) throw changed();
  return file;
}
