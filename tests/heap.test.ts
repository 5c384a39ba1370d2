import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import { PerformanceObserver, constants, performance, type NodeGCPerformanceDetail, type PerformanceEntry } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFile } from 'node:fs/promises';
import { readSchemas } from '../src/content/schemas.js';
import { BodyTexts } from '../src/pipeline/bodies.js';
import { hash, type Cache } from '../src/pipeline/cache.js';
import { checkJobs } from '../src/pipeline/check-file.js';
import { collector, doneOutsideHeap, growthFor, tightAbove, tightHeap, youngCollection } from '../src/pipeline/heap.js';
import type { Fragment } from '../src/render/fragment.js';
import { cacheAnswering, golden, repo, source } from './helpers.js';

describe('heap growth while laying out and writing', () => {
  // Half as much again as `tightAbove` of doubles, live in this thread's heap while the work runs.
  let held: number[] = [];
  beforeAll(() => void (held = new Array<number>(Math.ceil((tightAbove / 8) * 1.5)).fill(0.5)));
  afterAll(() => void (held = []));
  afterEach(() => vi.restoreAllMocks());

  it("leaves a small heap to V8's own growth and holds a large one to a fifth", () => {
    expect(growthFor(0)).toBe(0);
    expect(growthFor(tightAbove)).toBe(0);
    expect(growthFor(tightAbove + 1)).toBe(20);
  });

  it('holds a heap that is large already, at once, and gives V8 its own growth back when the last call ends', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    const contexts = vi.spyOn(vm, 'runInNewContext');
    const full: number[] = [];
    const watch = new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries()) if ((entry as PerformanceEntry & { detail?: NodeGCPerformanceDetail }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full.push(entry.startTime);
    });
    watch.observe({ entryTypes: ['gc'] });
    const began = performance.now();
    const inner = tightHeap(async () => held.length);
    const outer = await tightHeap(async () => (await inner) + 1);
    // The observer hears of a collection a moment after it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    watch.disconnect();
    expect(outer).toBe(held.length + 1);
    expect(flags.mock.calls.map(([flag]) => flag).filter((flag) => flag.startsWith('--heap-growing'))).toEqual(['--heap-growing-percent=20', '--heap-growing-percent=0']);
    // A full collection, asked of V8's collector as the growth was set, so that the heap's next limit follows it.
    expect(contexts.mock.calls.map(([code]) => code)).toContain('globalThis.gc');
    expect(full.some((at) => at >= began)).toBe(true);
  });

  it('gives the growth back when the work fails', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    await expect(tightHeap(async () => Promise.reject(new Error(`failed holding ${held.length}`)))).rejects.toThrow('failed holding');
    expect(flags.mock.calls.at(-1)).toEqual(['--heap-growing-percent=0']);
  });
});

describe('collecting the young generation between files', () => {
  const youngInUse = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_used_size;

  it('empties the young generation of garbage when called', () => {
    const collectYoung = youngCollection();
    // Small objects, dead at once: they stay in the young generation until it is collected.
    let garbage: Array<{ n: number }> | undefined = Array.from({ length: 20_000 }, (_, n) => ({ n }));
    garbage = undefined;
    const before = youngInUse();
    collectYoung();
    expect(garbage).toBeUndefined();
    expect(youngInUse()).toBeLessThan(before / 2);
  });

  it('gives every worker its collector, however many make one at once', async () => {
    // The compiled module, as the check workers run it (npm test compiles first). Each worker
    // makes 200 collectors and counts those that fail; the flag they set is the process's.
    const heap = pathToFileURL(path.join(repo, 'build', 'pipeline', 'heap.js')).href;
    const code = `const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(heap)}).then(({ youngCollection }) => {
        let failed = 0;
        for (let i = 0; i < 200; i++) try { youngCollection()(); } catch { failed++; }
        parentPort.postMessage(failed);
      });`;
    const failures = await Promise.all(
      Array.from({ length: 4 }, () => new Promise((resolve, reject) => {
        const worker = new Worker(code, { eval: true });
        worker.once('message', (failed) => void worker.terminate().then(() => resolve(failed)));
        worker.once('error', reject);
      })),
    );
    expect(failures).toEqual([0, 0, 0, 0]);
  });

  it('gives no other context a collector of its own', () => {
    youngCollection();
    expect(vm.runInNewContext('typeof gc')).toBe('undefined');
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
  });
});

describe('letting go of bytes outside the heap', () => {
  it('frees the bytes it is done with at young collections, though their holder lives on', () => {
    const collectYoung = youngCollection();
    const text = 'x'.repeat(2 ** 20);
    // Held, as an entry still referred to from the old generation would be: only a full
    // collection would free what they point to.
    const holders = [v8.serialize({ text }), v8.serialize({ text }), v8.serialize({ text })];
    collectYoung();
    const before = process.memoryUsage().external;
    for (const bytes of holders) doneOutsideHeap(bytes);
    // Moved, they are freed with the young buffer they were moved to: the second collection sweeps it.
    collectYoung();
    collectYoung();
    expect(holders.map((bytes) => bytes.byteLength)).toEqual([0, 0, 0]);
    expect(before - process.memoryUsage().external).toBeGreaterThan(2.5 * 2 ** 20);
  });

  it('leaves alone bytes that share their buffer, such as a slice of Node\'s pool', () => {
    const pooled = Buffer.from('a short entry');
    const part = new Uint8Array(new ArrayBuffer(64), 8, 16);
    doneOutsideHeap(pooled);
    doneOutsideHeap(part);
    expect(pooled.toString()).toBe('a short entry');
    expect(part.byteLength).toBe(16);
  });
});

describe('pretenuring', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is stopped before a thread checks its first file', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    await checkJobs(await readSchemas(), undefined);
    expect(flags.mock.calls.map(([flag]) => flag)).toContain('--no-allocation-site-pretenuring');
  });
});

describe('what a checked file leaves behind while its writes go on', () => {
  afterEach(() => vi.restoreAllMocks());

  /** A full collection of this thread's heap, after a turn of the event loop (a WeakRef keeps its target until the job that made it ends). */
  async function collectAll(): Promise<void> {
    await new Promise(setImmediate);
    collector()();
  }

  /** A cache whose writes wait until `release` is called. */
  function heldCache(): { cache: Cache; release: () => void } {
    let release = () => {};
    const cache = cacheAnswering(new Promise<boolean>((resolve) => (release = () => resolve(true))));
    return { cache, release };
  }

  // Alive until its writes end, what a check worker made for one file outlives the young
  // collections between files and is moved to the old generation (see Workers in docs/speed.md).
  it("lets go of a body's texts once they are encoded, before they are written", async () => {
    const { cache, release } = heldCache();
    let fragment: Fragment | undefined = { html: '<p>Text.</p>', markdown: 'Text.', headings: [], first: '', last: '' };
    const texts = new BodyTexts(cache, 'public', false);
    const gone = new WeakRef(fragment);
    const kept = texts.keep('body', 'revision', fragment);
    fragment = undefined;
    await collectAll();
    expect(gone.deref()).toBeUndefined();
    release();
    await kept;
    expect(cache.setEncoded).toHaveBeenCalledTimes(2);
  });

  it("lets go of the file once it is checked and prepared, before its entries are written", async () => {
    const { cache, release } = heldCache();
    const run = await checkJobs(await readSchemas(), cache, { edition: 'public', texts: new BodyTexts(cache, 'public', false) });
    let file: ReturnType<typeof source> | undefined = source('missions', 'th', await readFile(path.join(golden, 'missions', 'th.md'), 'utf8'));
    const gone = new WeakRef(file);
    const { saved } = run({ key: hash('th'), entryKey: hash('th', 'public'), file });
    file = undefined;
    await collectAll();
    expect(gone.deref()).toBeUndefined();
    release();
    await saved;
    // The check, then each body's two texts.
    expect(vi.mocked(cache.setEncoded).mock.calls.length).toBeGreaterThanOrEqual(3);
  });
});
