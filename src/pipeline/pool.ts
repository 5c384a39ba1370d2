import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { packageRoot } from '../package.js';

type Waiting<Result> = { resolve: (r: Result) => void; reject: (e: unknown) => void };

/**
 * A fixed set of worker threads running one script, each taking one task at a time from a
 * shared queue. A pool serves one batch of work and is closed after it. A worker that fails or
 * stops early fails every task not yet done; `close()` stops every worker, busy or not, and
 * fails what they had not done.
 */
export class Pool<Task, Result> {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<Waiting<Result> & { task: Task }> = [];
  private readonly busy = new Map<Worker, Waiting<Result>>();
  private failure: unknown;
  private closing = false;
  private closed: Promise<void> | undefined;

  /**
   * `limits`: the workers' heap (see each pool's maker for why it is set so). A worker that
   * reaches its limit fails its tasks with Node's `ERR_WORKER_OUT_OF_MEMORY`.
   */
  constructor(script: string, size: number, workerData: unknown, limits: ResourceLimits = {}) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData, resourceLimits: limits });
      worker.on('message', (result: Result) => {
        this.busy.get(worker)?.resolve(result);
        this.busy.delete(worker);
        this.idle.push(worker);
        this.next();
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`a worker stopped early (exit code ${code})`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  run(task: Task): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.next();
    });
  }

  /** Stops every worker; a task not yet done fails. Closing again waits for the first close. */
  close(): Promise<void> {
    if (this.closed) return this.closed;
    this.closing = true;
    this.fail(new Error('the pool was closed before the task was done'));
    return (this.closed = Promise.all(this.workers.map((w) => w.terminate())).then(() => undefined));
  }

  private next(): void {
    while (!this.failure && this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const { task, resolve, reject } = this.queue.shift()!;
      this.busy.set(worker, { resolve, reject });
      worker.postMessage(task);
    }
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const waiting of [...this.busy.values(), ...this.queue]) waiting.reject(error);
    this.busy.clear();
    this.queue.length = 0;
  }
}

/**
 * How many items of work each worker needs to repay its start. A worker first loads its
 * libraries (the check's also compiles the schemas), and its code warms up on its own: on two
 * cores the check's pool breaks even at about 250 files.
 */
const perWorker = 128;

/**
 * How many workers `items` pieces of work repay, at most `jobs` (default: the cores): each
 * needs `perWorker` items, and a smaller batch stays on the main thread (1).
 */
export function poolSize(items: number, jobs = os.availableParallelism()): number {
  return Math.max(1, Math.min(jobs, Math.floor(items / perWorker)));
}

/**
 * How many threads serialise the pages' own text while the build's thread writes the files:
 * as many as `poolSize` would check them, but only on the cores beside the build's own, and
 * none unless that makes two. On two cores, then, the build's thread serialises the text
 * itself: writing 10,000 records from a checked cache took 82–90 s so, against 66–83 s with
 * two page threads, which each held about 30 MB of heap, and peaked at 287–291 MB against
 * 353–376 MB.
 */
export function pagePoolSize(items: number, jobs = os.availableParallelism()): number {
  const size = Math.min(poolSize(items, jobs), jobs - 1);
  return size > 1 ? size : 0;
}

/**
 * A worker's script beside this module's: compiled, or bundled (see scripts/bundle.js). The
 * tests, which run the sources, use the compiled one (they compile first).
 */
export function workerScript(name: 'check-worker' | 'page-worker' | 'build-worker'): string {
  const beside = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  return existsSync(beside) ? beside : path.join(packageRoot, 'build', 'pipeline', `${name}.js`);
}
