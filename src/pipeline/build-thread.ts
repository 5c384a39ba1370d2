import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { UnusableInput, UsageError } from '../errors.js';
import { build, type BuildOptions, type BuildResult } from './index.js';
import { workerScript } from './pool.js';

/** What the build's thread sends back: its progress, then its result or why it failed. */
export type BuildMessage = { progress: Parameters<NonNullable<BuildOptions['onProgress']>> } | { result: BuildResult } | { failure: Failure };

/** What the build's thread is given: the build's options, and whether to send the model back. */
export interface BuildThreadData {
  build: Omit<BuildOptions, 'onProgress'>;
  model: boolean;
}

/** An error, as it can cross between threads: its class is lost there, so its kind goes with it. */
export interface Failure {
  kind: 'unusable' | 'usage' | 'internal';
  name: string;
  message: string;
  stack?: string;
}

/**
 * The young generation of the build's thread, in MB as Node counts it: where V8 puts new
 * objects, every megabyte of it resident. Left to V8 it is 48 (32 MB of it for objects not
 * too large). Cold builds of 10,000 records, alternated with builds on the main thread, peaked
 * at 389–407 MB with 12 against 436–468 MB, and took 146–170 s against 132–157 s; with 24,
 * 410 and 427 MB in 139 and 142 s (see Memory in docs/speed.md). Measured again since, laying
 * out and writing those records from a checked cache: 70 and 72 s at 222 and 228 MB with 12
 * (where `--trace-gc` counted 9,546 scavenges of this thread, 15.1 s in all), 64 and 67 s at
 * 242 and 244 MB with 24. That saves a few seconds for more memory than the target leaves.
 */
const buildYoungMb = 12;

/**
 * How many content files (`contentSize`) repay a thread of its own. Starting it, and loading
 * the build's code once more there, cost one-note builds of 1,000 records 80 ms (720 against
 * 641 ms, eight alternated pairs), where that build is near its limit of 5 % of a cold build;
 * and at that size the check, not the layout, sets a cold build's peak.
 */
export const threadFrom = 2000;

/** What a caller of `buildOnThread` asks of it. */
export interface ThreadOptions {
  /**
   * Whether the result brings the model back (default: yes). A caller that does not read it
   * (a build without `--summary`) gets `modelLeft` instead: at 10,000 records the model, copied
   * to this thread at the end while the build's thread still held its heap, took the build's
   * memory to its highest.
   */
  model?: boolean;
}

/** `build`, on a thread of its own (`buildOnThread`) when the content holds `from` files or more. */
export async function buildSized(options: BuildOptions, { from = threadFrom, ...thread }: ThreadOptions & { from?: number } = {}): Promise<BuildResult> {
  return (await contentSize(path.resolve(options.cwd, options.contentDir))) >= from ? buildOnThread(options, thread) : build(options);
}

/** How many files a content folder holds, itself and its folders, counted without reading any. */
export async function contentSize(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const sizes = await Promise.all(entries.map((entry) => (entry.isDirectory() ? readdir(path.join(dir, entry.name)).then((names) => names.length, () => 0) : 1)));
  return sizes.reduce((a, b) => a + b, 0);
}

/**
 * Runs `build` on a thread of its own, whose young generation is `buildYoungMb`: the main
 * thread's own is V8's to size, and only a command-line flag would change it. Progress is told
 * as it comes; an error thrown by the build is thrown here, a usage error as one.
 */
export function buildOnThread(options: BuildOptions, { model = true }: ThreadOptions = {}): Promise<BuildResult> {
  const { onProgress, ...build } = options;
  const data: BuildThreadData = { build, model };
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript('build-worker'), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: buildYoungMb } });
    worker.on('message', (message: BuildMessage) => {
      if ('progress' in message) onProgress?.(...message.progress);
      else if ('result' in message) resolve(message.result);
      else reject(errorOf(message.failure));
    });
    worker.on('error', reject);
    // After the result, the thread ends on its own: rejecting then changes nothing.
    worker.on('exit', (code) => reject(new Error(`the build's thread stopped before it was done (exit code ${code})`)));
  });
}

/** An error thrown on the build's thread, as it is sent back (see `errorOf`). */
export function failureOf(error: unknown): Failure {
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  const kind = error instanceof UnusableInput ? 'unusable' : error instanceof UsageError ? 'usage' : 'internal';
  return { kind, name, message, ...(stack ? { stack } : {}) };
}

/** The error a failure stands for, of the class the command line tells apart. */
export function errorOf({ kind, name, message, stack }: Failure): Error {
  const error = kind === 'unusable' ? new UnusableInput(message) : kind === 'usage' ? new UsageError(message) : new Error(message);
  if (kind === 'internal') error.name = name;
  if (stack) error.stack = stack;
  return error;
}
