import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, futimesSync, openSync, readFileSync } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultDeserializer, serialize } from 'node:v8';
import { threadId } from 'node:worker_threads';
import { compareText } from '../order.js';
import { packageRoot } from '../package.js';
import { doneOutsideHeap } from './heap.js';

const readView = (DefaultDeserializer.prototype as unknown as { _readHostObject(this: DefaultDeserializer): ArrayBufferView })._readHostObject;

/**
 * `v8.deserialize`, but every typed array decoded owns its bytes. Node's makes each a view on
 * the whole entry it came from, so a record's packed locations (see locations.ts) kept every
 * byte of its entry alive: 31 MB of array buffers while a 10,000-record build wrote its pages.
 * `_readHostObject` is Node's documented hook for the objects V8 leaves to it.
 */
class Decoder extends DefaultDeserializer {
  _readHostObject(): ArrayBufferView {
    const view = readView.call(this);
    if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength) return view;
    const bytes = (view.buffer as ArrayBuffer).slice(view.byteOffset, view.byteOffset + view.byteLength);
    if (Buffer.isBuffer(view)) return Buffer.from(bytes);
    if (view instanceof DataView) return new DataView(bytes);
    return new (view.constructor as new (bytes: ArrayBuffer) => ArrayBufferView)(bytes);
  }
}

/**
 * A content-addressed store under `--cache-dir`: each entry's name is the hash of everything
 * that shapes it, and the entry repeats that key inside so that a truncated or foreign file is
 * detected and ignored, never trusted. Reading an entry also marks it as used (see
 * `renewAfterMs`), which is what `ecap cache prune` goes by.
 */
export class Cache {
  /**
   * The folders this cache (one per build or check, and per worker) has made or found, not
   * asked for again: making one that exists took a check worker 0.24 s of its 12 s at 1,000
   * records.
   */
  private readonly made = new Set<string>();

  constructor(readonly dir: string) {}

  async get<T>(kind: string, key: string): Promise<T | undefined> {
    let handle: FileHandle | undefined;
    try {
      handle = await open(this.file(kind, key), 'r');
      const entry = await handle.readFile();
      const value = Cache.take<T>(key, entry);
      if (value !== undefined) await renew(handle);
      return value;
    } catch {
      return undefined;
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }

  /** As `get`, for many small entries read one after another, where a round trip through the thread pool costs more than the read. */
  getSync<T>(kind: string, key: string): T | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(this.file(kind, key), 'r');
      const entry = readFileSync(fd);
      const value = Cache.take<T>(key, entry);
      if (value !== undefined) renewSync(fd);
      return value;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeQuietly(fd);
    }
  }

  async set(kind: string, key: string, value: unknown): Promise<boolean> {
    const entry = Cache.encode(key, value);
    const stored = await this.setEncoded(kind, key, entry);
    doneOutsideHeap(entry);
    return stored;
  }

  /**
   * Stores an entry made by `encode`, e.g. in a worker; false when it is lost instead, as if
   * removed just after: no reader counts on an entry being there. It is lost when its folder is
   * removed while it is stored (the cache emptied by hand during a build), or may not be
   * written to (made by another user, say), or the disk is full or read-only. The caller still
   * owns `entry`: once it is done with it, `doneOutsideHeap` lets it go.
   */
  async setEncoded(kind: string, key: string, entry: Uint8Array): Promise<boolean> {
    const file = this.file(kind, key);
    // Written whole then renamed: a reader sees the old entry or the new one, never half of one.
    const temp = `${file}.${process.pid}-${threadId}-${++writes}.tmp`;
    const folder = path.dirname(file);
    try {
      const known = this.made.has(folder);
      if (!known) await this.makeFolder(folder);
      try {
        await writeFile(temp, entry);
      } catch (error) {
        // A folder made earlier in the build may have been removed since: made again, once.
        if (!known || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        await this.makeFolder(folder);
        await writeFile(temp, entry);
      }
      await rename(temp, file);
      return true;
    } catch (error) {
      this.made.delete(folder);
      await rm(temp, { force: true }).catch(() => undefined);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !refusesWrites(error as NodeJS.ErrnoException)) throw error;
      return false;
    }
  }

  private async makeFolder(folder: string): Promise<void> {
    await mkdir(folder, { recursive: true });
    this.made.add(folder);
  }

  /** An entry's bytes: the value with its key, in a buffer of its own (so that it can be moved between threads). */
  static encode(key: string, value: unknown): Uint8Array {
    const bytes = serialize({ key, value });
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  }

  /** An entry's value, or undefined when it was written under another key; throws when it is corrupt. */
  static decode<T>(key: string, entry: Uint8Array): T | undefined {
    const decoder = new Decoder(entry);
    decoder.readHeader();
    const decoded = decoder.readValue() as { key: string; value: T };
    return decoded.key === key ? decoded.value : undefined;
  }

  /** `decode`, for an entry nothing reads again: its bytes are let go of (see `doneOutsideHeap`). */
  static take<T>(key: string, entry: Uint8Array): T | undefined {
    try {
      return Cache.decode<T>(key, entry);
    } finally {
      doneOutsideHeap(entry);
    }
  }

  private file(kind: string, key: string): string {
    return path.join(this.dir, kind, key.slice(0, 2), `${key}.bin`);
  }
}

/** An entry's file name (see Cache.file), or that name and `.<pid>-<thread>-<n>.tmp` while it is written (see setEncoded). */
const fileName = /^(([0-9a-f]{2})[0-9a-f]{62})\.bin(?:\.\d+-\d+-\d+\.tmp)?$/;

/** Whether `name`, in the folder `shard` of a kind, is a file Cache writes: nothing else under `--cache-dir` is ever pruned. */
export function isCacheFile(shard: string, name: string): boolean {
  return fileName.exec(name)?.[2] === path.basename(shard);
}

/**
 * The kind of entry that every build laying out or writing the reports reads or writes (its
 * layout), and nothing else does: `ecap cache prune` counts ages back from its newest entry.
 */
export const layoutKind = 'layouts';

/**
 * Whether the file system refused to write or remove a file where ecap is not to blame: a folder
 * another user made, a read-only or full disk, or (on Windows) a file another process has open.
 * A store so refused loses its entry, a prune leaves it, and a cache folder so refused is not used.
 */
export function refusesWrites(error: NodeJS.ErrnoException): boolean {
  return refusals.has(error.code ?? '');
}

const refusals = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'EBUSY']);

/**
 * Why nothing can be stored under `dir`, or undefined when something can: a file is written
 * there and removed again. A folder not made yet is not made: the nearest folder above it, where
 * it would be, is asked whether it may be written to. A file where a folder should be is ENOTDIR.
 */
export async function unwritable(dir: string): Promise<NodeJS.ErrnoException | undefined> {
  const statOf = (at: string) => stat(at).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
  try {
    // The folder, or the nearest one above it that exists.
    let at = dir;
    let stats = await statOf(at);
    while (!stats && path.dirname(at) !== at) stats = await statOf((at = path.dirname(at)));
    if (!stats?.isDirectory()) return Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR' });
    if (at !== dir) {
      await access(at, constants.W_OK);
      return undefined;
    }
    const probe = path.join(dir, `.write-test-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
    return undefined;
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/** Numbers this thread's writes: two of one entry at once must not share a temporary file. */
let writes = 0;

/**
 * An entry's modification time says when a build last used it (`ecap cache prune` removes by
 * it): a read moves it to now once it is older than this, so that an entry read over and over
 * costs one `utimes` in ten minutes, not one a read. Both reads renew alike, and neither ever
 * fails for it.
 */
export const renewAfterMs = 10 * 60_000;

/** The time to give an entry last modified at `mtimeMs` that is read now, when it is due one. */
function renewal(mtimeMs: number): number | undefined {
  const now = Date.now();
  return now - mtimeMs > renewAfterMs ? now / 1000 : undefined;
}

// Renewing is a courtesy to `prune`: an entry that cannot be written to (another user's, or on
// a read-only disk) is still read.
async function renew(handle: FileHandle): Promise<void> {
  try {
    const due = renewal((await handle.stat()).mtimeMs);
    if (due !== undefined) await handle.utimes(due, due);
  } catch {
    // see above
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // The value is read already: a read never fails for want of closing.
  }
}

function renewSync(fd: number): void {
  try {
    const due = renewal(fstatSync(fd).mtimeMs);
    if (due !== undefined) futimesSync(fd, due, due);
  } catch {
    // see renew
  }
}

export function hash(...parts: Array<string | Uint8Array>): string {
  return hashEach(parts);
}

/** `hash` of parts taken one at a time, e.g. made as they are hashed. */
export function hashEach(parts: Iterable<string | Uint8Array>): string {
  const h = createHash('sha256');
  for (const part of parts) h.update(part).update('\0');
  return h.digest('hex');
}

let code: Promise<string> | undefined;

/**
 * A hash of ecap's own code as it runs, package.json and, in a clone, package-lock.json (the
 * exact versions of the libraries that render), not just its version string: a cache written
 * by any other build of ecap is never used.
 */
export function codeHash(): Promise<string> {
  return (code ??= (async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    // The code that runs: the bundle when this is it (see scripts/bundle.js), else the compiled
    // modules under build/, less the bundle made from them, which they never load. The tests
    // run src/'s TypeScript, where no .js is found: only the package and lock files count there.
    const root = path.basename(here) === 'bundle' ? here : path.join(here, '..');
    const files: string[] = [];
    const walk = async (dir: string) => {
      for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => compareText(a.name, b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (full !== path.join(root, 'bundle')) await walk(full);
        } else if (entry.name.endsWith('.js')) files.push(full);
      }
    };
    await walk(root);
    const lock = readFile(path.join(packageRoot, 'package-lock.json')).catch(() => new Uint8Array());
    const parts = await Promise.all([...files.map((f) => readFile(f)), readFile(path.join(packageRoot, 'package.json')), lock]);
    return hash(...files.map((f) => path.relative(root, f)), ...parts);
  })());
}
