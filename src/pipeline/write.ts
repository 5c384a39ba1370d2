import { Buffer } from 'node:buffer';
import { linkSync, statSync, type Stats } from 'node:fs';
import { copyFile, lstat, mkdir, open, readdir, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { isRunning } from '../pid.js';
import type { OutputFile, Part, Pieces } from './layout.js';
import { concurrently } from './concurrently.js';
import { compareText } from '../order.js';

/** Marks a folder as ecap's output, so that a later build may replace it. */
export const marker = '.ecap-output';

/** A file of the output as the build that wrote it recorded it. */
export interface WrittenFile {
  path: string;
  size: number;
  /** When it was last modified: a file edited by hand since is not kept, even at the same size. */
  mtime?: number;
  /** Its OutputFile's key, when it had one. */
  key?: string;
  /** What it was made of, when it was made in pieces: a later build copies those that stay the same. */
  pieces?: Pieces;
}

/**
 * Writes the output into a fresh folder beside the target and swaps it in only once every
 * file is written: a failed or interrupted build leaves the previous output as it was.
 * A file whose key is among the `previous` build's, and still in the output as that build
 * wrote it, is linked from there instead of being made again. The only stage that writes.
 */
export async function write(
  outDir: string,
  files: Iterable<OutputFile> | AsyncIterable<OutputFile>,
  guard: { cwd: string; contentDir: string },
  /** Runs on the complete new folder before it is swapped in, e.g. to print PDFs from it. */
  beforeSwap?: (folder: string) => Promise<unknown>,
  /** The build's key, kept in the marker so that an unchanged build can leave the folder be. */
  stamp = '',
  /** The files the build in the output folder (see `builtBy`) wrote. */
  previous: readonly WrittenFile[] = [],
): Promise<{ written: WrittenFile[]; kept: number }> {
  const out = path.resolve(guard.cwd, outDir);
  await refuseUnsafe(out, path.resolve(guard.cwd, guard.contentDir), guard.cwd, outDir);
  await removeLeftovers(out);
  const unique = `${process.pid}-${Date.now()}`;
  const fresh = `${out}.ecap-new-${unique}`;
  const old = `${out}.ecap-old-${unique}`;
  try {
    await mkdir(fresh, { recursive: true });
    const folders = new Map<string, Promise<unknown>>();
    const written: WrittenFile[] = [];
    const before = new Map(previous.filter((f) => f.key).map((f) => [f.path, f]));
    let kept = 0;
    await concurrently(files, async (file) => {
      const target = path.join(fresh, ...file.path.split('/'));
      const folder = path.dirname(target);
      if (!folders.has(folder)) folders.set(folder, mkdir(folder, { recursive: true }));
      await folders.get(folder);
      const source = path.join(out, ...file.path.split('/'));
      const was = before.get(file.path);
      let pieces: Pieces | undefined;
      let onDisk = file.key !== undefined && was?.key === file.key ? await keep(source, target, was) : undefined;
      if (onDisk) {
        kept++;
        pieces = was?.pieces;
      } else if (typeof file.content === 'string' || file.content instanceof Uint8Array) await writeFile(target, file.content);
      else if (!file.pieces) await writeParts(target, file.content[Symbol.asyncIterator](), undefined);
      else {
        const copyable = was?.pieces && intact(source, was) ? { file: source, pieces: was.pieces } : undefined;
        pieces = await writeParts(target, file.pieces(copyable?.pieces), copyable);
      }
      onDisk ??= sizeAndTime(await stat(target));
      // Pieces that do not add up to the file would copy the wrong bytes next time: dropped.
      if (pieces && pieces.lengths.reduce((a, b) => a + b, 0) !== onDisk.size) pieces = undefined;
      written.push({ path: file.path, ...onDisk, ...(file.key ? { key: file.key } : {}), ...(pieces ? { pieces } : {}) });
    });
    await writeFile(path.join(fresh, marker), `This folder is written by \`ecap build\` and replaced whole by the next build.\n${stamp ? `build ${stamp}\n` : ''}`);
    await beforeSwap?.(fresh);
    const existing = await lstat(out).catch(() => undefined);
    if (existing) await rename(out, old);
    try {
      await rename(fresh, out);
    } catch (error) {
      // The previous output goes back where it was before anything is cleaned up.
      if (existing) await rename(old, out);
      throw error;
    }
    return { written: written.sort((a, b) => compareText(a.path, b.path)), kept };
  } finally {
    await rm(fresh, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}

/** What a build records of a file it wrote, to tell later whether it is still as written. */
type SizeAndTime = Pick<WrittenFile, 'size' | 'mtime'>;

const sizeAndTime = (info: Stats): SizeAndTime => ({ size: info.size, mtime: info.mtimeMs });

/**
 * Puts the previous build's file at `target` when it is still as that build wrote it (same
 * size and modification time), and gives its size and time now; undefined when it was not
 * kept. A hard link costs nothing, a copy little, and the old folder goes once the new one is
 * in place. Looked at and linked synchronously: a build with one note changed keeps nearly
 * every file, and 250 trips through the thread pool cost its main thread about 30 ms, several
 * times the calls themselves. A link is the same file, so its size and time are those just
 * looked at. A copy, where links fail, goes through libuv's thread pool: a report can be
 * hundreds of megabytes.
 */
async function keep(source: string, target: string, was: WrittenFile): Promise<SizeAndTime | undefined> {
  if (!intact(source, was)) return undefined;
  try {
    linkSync(source, target);
    return { size: was.size, mtime: was.mtime };
  } catch {
    return copyFile(source, target).then(
      async () => sizeAndTime(await stat(target)),
      () => undefined,
    );
  }
}

/**
 * Whether the file is still as the build that wrote it recorded it: same size and modification
 * time. Synchronous, like the link that follows it (see `keep`).
 */
function intact(file: string, was: WrittenFile): boolean {
  try {
    const info = statSync(file);
    return info.isFile() && info.size === was.size && info.mtimeMs === was.mtime;
  } catch {
    return false;
  }
}

/**
 * How many bytes of text a file being written holds before writing them. Every file waiting
 * for its page's text holds its own: at 1 MB, the thirty-odd files waiting at once while 10,000
 * records were written held 30 MB, a fifth of the build's live heap in a snapshot.
 */
const chunkSize = 1 << 16;
/**
 * How many bytes a file copies from its previous version at once: at most this, and no more
 * than that version's size. Only a file made from a previous one holds such a buffer (a cold
 * build has none), and only while it is written. With one note changed at 1,000 records, three
 * files (60 MB) are mostly copied: 94–115 ms through 64 KB, 32–34 ms through 1 MB and
 * 50–117 ms through 4 MB, all three at once.
 */
const copySize = 1 << 20;
const encoder = new TextEncoder();

/**
 * Writes a file given in parts, in chunks of `chunkSize` bytes: a page never has to be one
 * string. A part may be the number of a piece of the previous build's file, copied from there
 * (see `Pieces`): a long report of which one body changed is mostly copied. Returns what the
 * file was made of, when `parts` tells.
 */
async function writeParts<Made>(target: string, parts: AsyncIterator<Part, Made>, previous: { file: string; pieces: Pieces } | undefined): Promise<Made> {
  const starts = [0];
  for (const length of previous?.pieces.lengths ?? []) starts.push(starts.at(-1)! + length);
  let from: FileHandle | undefined;
  let to: FileHandle | undefined;
  try {
    to = await open(target, 'w');
    // Text is encoded part by part into one buffer, written when full. Joining the parts and
    // encoding the join took 1.5 s for the 104 MB of 1,000 records, encoding each part 0.2 s:
    // one part sliced from a two-byte string makes the whole join two-byte.
    const chunk = Buffer.allocUnsafe(chunkSize);
    let size = 0;
    // The previous file's bytes still to copy, as one range: neighbouring pieces are copied at once.
    let copy: [number, number] | undefined;
    let copying: Buffer | undefined;
    const writeAll = async (bytes: Uint8Array) => {
      for (let at = 0; at < bytes.length; ) at += (await to!.write(bytes, at, bytes.length - at)).bytesWritten;
    };
    const writeText = async () => {
      if (size > 0) await writeAll(chunk.subarray(0, size));
      size = 0;
    };
    const writeCopy = async () => {
      if (!copy) return;
      // Opened only once a piece is to be copied: none is when the file's own text changed.
      from ??= await open(previous!.file, 'r');
      copying ??= Buffer.allocUnsafe(Math.min(copySize, starts.at(-1)!));
      for (let at = copy[0]; at < copy[1]; ) {
        const { bytesRead } = await from!.read(copying, 0, Math.min(copying.length, copy[1] - at), at);
        if (bytesRead === 0) throw new Error(`${previous!.file} is shorter than when it was written`);
        await writeAll(copying.subarray(0, bytesRead));
        at += bytesRead;
      }
      copy = undefined;
    };
    for (let next = await parts.next(); ; next = await parts.next()) {
      if (next.done) {
        await writeText();
        await writeCopy();
        return next.value;
      }
      const part = next.value;
      if (typeof part === 'number') {
        await writeText();
        if (copy?.[1] !== starts[part]) await writeCopy();
        copy = [copy?.[0] ?? starts[part]!, starts[part + 1]!];
      } else if (part !== '') {
        await writeCopy();
        // A UTF-16 unit is at most three bytes of UTF-8: what fits so needs no measuring.
        // A longer part fills the chunk as far as it goes, whole characters only, and goes on in the next.
        for (let rest = part; ; ) {
          if (size + 3 * rest.length <= chunk.length) {
            size += chunk.write(rest, size);
            break;
          }
          const { read, written } = encoder.encodeInto(rest, chunk.subarray(size));
          size += written;
          if (read === rest.length) break;
          await writeText();
          rest = rest.slice(read);
        }
      }
    }
  } finally {
    await to?.close();
    await from?.close();
  }
}

/** The stamp of the build whose output is in `outDir`, when ecap's marker there names one. */
export async function builtBy(outDir: string, cwd: string): Promise<string | undefined> {
  const text = await readFile(path.join(path.resolve(cwd, outDir), marker), 'utf8').catch(() => '');
  return /^build ([0-9a-f]{64})$/m.exec(text)?.[1];
}

async function refuseUnsafe(out: string, content: string, cwd: string, shown: string): Promise<void> {
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);
  if (inside(content, out) || inside(cwd, out)) {
    throw new UsageError(`Refusing to write to \`${shown}\`: it holds the content or the project; choose an output folder of its own, such as dist.`);
  }
  if (inside(out, content)) throw new UsageError(`Refusing to write to \`${shown}\` inside the content folder; choose a folder outside it, such as dist.`);
  const entries = await readdir(out).catch(() => undefined);
  if (entries && entries.length > 0 && !entries.includes(marker)) {
    throw new UsageError(`Refusing to replace \`${shown}\`: it is not empty and ecap did not create it. Choose another --out folder, or empty this one.`);
  }
}

/**
 * Folders an interrupted build left beside the output, each named for the process that made
 * it: those of a build still running (another `ecap build` or a watch writing to the same
 * folder) are its own, and left be. A build stopped between its two renames left no output
 * but the previous one as `.ecap-old-…`: that is put back, never removed.
 */
async function removeLeftovers(out: string): Promise<void> {
  const parent = path.dirname(out);
  const prefix = `${path.basename(out)}.ecap-`;
  for (const name of await readdir(parent).catch(() => [])) {
    const made = name.startsWith(prefix) ? /^(new|old)-(\d+)-\d+$/.exec(name.slice(prefix.length)) : null;
    if (!made || isRunning(Number(made[2]))) continue;
    const leftover = path.join(parent, name);
    if (made[1] === 'old' && !(await lstat(out).catch(() => undefined))) await rename(leftover, out);
    else await rm(leftover, { recursive: true, force: true });
  }
}

/**
 * Whether `outDir` holds exactly what the build `stamp` wrote: its marker names the build and
 * every file is there with its size and modification time. Anything else, and the build runs
 * again.
 */
export async function upToDate(outDir: string, cwd: string, stamp: string, files: readonly WrittenFile[]): Promise<boolean> {
  const out = path.resolve(cwd, outDir);
  if ((await builtBy(outDir, cwd)) !== stamp) return false;
  // Each file looked at synchronously, as `keep` does: one trip through the thread pool a file
  // would cost a build with nothing changed more than the looking.
  return files.every((file) => intact(path.join(out, ...file.path.split('/')), file));
}
