import { readdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** Something that watches until closed. */
export interface Watcher {
  close(): void;
}

/**
 * Whether `fs.watch(dir, { recursive: true })` can be trusted: on macOS and Windows always, on
 * Linux from Node 20.13 (earlier versions could miss files in new folders). Node's own recursive
 * watching elsewhere is the same emulation, untested here: one watcher per folder is the safe choice.
 */
export function recursiveWatchSupported(platform: string = process.platform, version: string = process.versions.node): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  if (platform !== 'linux') return false;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 20 || (major === 20 && minor >= 13);
}

/**
 * Calls `onChange` with the path of whatever changes under any of `dirs`. Names that start with a
 * dot (editors' swap files, .git) are ignored, as load() ignores them. `onError` hears of folders
 * that cannot be watched; without it such an error throws, as an unheard `fs.watch` error would.
 * `recursive` is there for tests, to try the other way.
 */
export function watchFolders(dirs: readonly string[], onChange: (file: string) => void, onError: (error: Error) => void = rethrow, recursive = recursiveWatchSupported()): Watcher {
  let closed = false;
  const watchers = dirs.map((root) => {
    const changed = (file: string) => {
      // An event already queued when close() ran must not reach a caller that has moved on.
      if (!closed && !path.relative(root, file).split(path.sep).some(hidden)) onChange(file);
    };
    return recursive ? watchRecursive(root, changed, onError) : watchEachFolder(root, changed, onError);
  });
  return {
    close() {
      closed = true;
      for (const watcher of watchers) watcher.close();
    },
  };
}

/** A watcher that holds what it hears until it is told whom to tell (see watchHeld). */
export interface HeldWatcher extends Watcher {
  /** From now on tells `onChange` of each change and `onError` of each error; what was held is told at once, any changes as one. */
  release(onChange: () => void, onError: (error: Error) => void): void;
}

/**
 * Watches `dirs` as watchFolders does, from before a command's first run, whose outcome decides
 * whether the watch goes on: a file saved during that run is run again once the watch is
 * released, and what goes wrong with the watching is said only then, once the run has shown the
 * command line usable (a content folder that is not there is said once, by the run).
 */
export function watchHeld(dirs: readonly string[]): HeldWatcher {
  let changed = false;
  const errors: Error[] = [];
  let listener: { onChange: () => void; onError: (error: Error) => void } | undefined;
  const watcher = watchFolders(
    dirs,
    () => (listener ? listener.onChange() : (changed = true)),
    (error) => (listener ? listener.onError(error) : errors.push(error)),
  );
  return {
    close: () => watcher.close(),
    release(onChange, onError) {
      listener = { onChange, onError };
      errors.splice(0).forEach(onError);
      if (changed) onChange();
    },
  };
}

function rethrow(error: Error): never {
  throw error;
}

const hidden = (name: string) => name.startsWith('.');

function watchRecursive(root: string, onChange: (file: string) => void, onError: (error: Error) => void): Watcher {
  let watcher: FSWatcher;
  try {
    watcher = watch(root, { recursive: true }, (_event, name) => onChange(name ? path.join(root, name.toString()) : root));
  } catch (error) {
    onError(error as Error);
    return { close() {} };
  }
  watcher.on('error', onError);
  return watcher;
}

/** One watcher per folder, kept in step with the folders as they are created and removed. */
function watchEachFolder(root: string, onChange: (file: string) => void, onError: (error: Error) => void): Watcher {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  const sync = () => {
    // An event already queued when close() ran would otherwise start watchers nobody closes.
    if (closed) return;
    const present = new Set(folders(root));
    for (const [dir, watcher] of watchers) {
      if (present.has(dir)) continue;
      watcher.close();
      watchers.delete(dir);
    }
    for (const dir of present) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, (event, name) => {
          // Folders appear and vanish as renames in their parent.
          if (event === 'rename') sync();
          onChange(name ? path.join(dir, name.toString()) : dir);
        });
        // A watched folder that is removed may report an error before its parent reports the removal.
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch (error) {
        // A subfolder removed between listing and watching: its parent's watcher reports the removal.
        if (dir !== root && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        onError(error as Error);
      }
    }
  };
  sync();
  return {
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** The folder and every folder inside it but dot folders; symbolic links are not followed, as load() does not. */
function folders(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    out.push(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory() && !hidden(entry.name)) visit(path.join(dir, entry.name));
  };
  visit(root);
  return out;
}

/**
 * Runs `task` once things have been quiet for `ms`; never two at a time, and once more after the
 * running one when something changed meanwhile. `task` handles its own errors: a rejection is a bug.
 */
export function debounce(task: () => Promise<void>, ms: number): { trigger(): void; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let cancelled = false;
  const run = async () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await task();
    } finally {
      running = false;
      if (again && !cancelled) {
        again = false;
        trigger();
      }
    }
  };
  const trigger = () => {
    if (cancelled) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), ms);
  };
  return {
    trigger,
    cancel() {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}
