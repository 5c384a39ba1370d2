import { PerformanceObserver, constants, type NodeGCPerformanceDetail, type PerformanceEntry } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

/** How many `tightHeap` calls are running: the setting is the process's, so the last to end resets it. */
let running = 0;
/** Looks at the heap again after each full collection while a `tightHeap` call runs. */
let watch: PerformanceObserver | undefined;
/** The growth last set: 0 is V8's own. */
let percent = 0;

/**
 * How much this thread's heap may hold in use before its growth is held to a fifth. A cold
 * build of 1,000 records holds 25–38 MB while it lays out and writes, where V8's own growth
 * keeps the heap well under what the check's threads took before: held to a fifth all along,
 * that part took 4.43–4.56 s against 3.81–4.09 s (three builds each, interleaved), for no
 * lower peak (388–421 MB against 409–428 MB, set by the check). At 10,000 records it holds
 * 95–144 MB, where growing fourfold would take the build far past the check's peak.
 */
export const tightAbove = 48 * 2 ** 20;

/** V8's growth, in percent, for a heap with `used` bytes in use: a fifth when large, else V8's own (0). */
export function growthFor(used: number): number {
  return used > tightAbove ? 20 : 0;
}

/** Sets V8's growth, in percent (0: V8's own), unless it is set so already; true when it changed it. */
function setGrowth(growth: number): boolean {
  if (growth === percent) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${growth}`);
  percent = growth;
  return true;
}

/**
 * Sets V8's growth for what this thread's heap holds now; when that holds it to a fifth, also
 * collects at once. V8 sets the heap's next limit at each full collection, by the growth then,
 * so the heap would otherwise first grow as far as V8's own growth let it: a cold build of
 * 10,000 records, its check done, grew by about 190 MB in 8 s before the next full collection
 * brought it down (the process's memory sampled every 0.2 s), and that was its peak.
 */
const fitGrowth = () => {
  const growth = growthFor(v8.getHeapStatistics().used_heap_size);
  if (setGrowth(growth) && growth > 0) collector()();
};

const isFullCollection = (entry: PerformanceEntry) => (entry as PerformanceEntry & { detail?: NodeGCPerformanceDetail }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;

/**
 * Runs `work` with V8 letting the heap grow by a fifth at most between full collections, once
 * it is large (`tightAbove`, looked at again after each full collection), instead of the up
 * to fourfold it allows by itself. Laying out and writing make garbage fast long after a
 * build's largest live set, and since the check no longer holds the notes' texts, writing is
 * where a large cold build peaks. Laying out and writing 10,000 records from a warm check
 * peaked at 1,521 MB in 111 s left to V8, at 805 MB in 111 s growing by half, and at 721 MB
 * in 124 s growing by a fifth: 84 MB less for 13 s more. Not while the check's threads parse:
 * growing by half, a 10,000-record check took 350–357 s instead of 281 s; it is used once they
 * are done, to decode and link what they made. The setting is the process's, workers'
 * included, while `work` runs. Node 20 leaves V8's flags unfrozen after start-up, and V8 reads
 * this one at each collection.
 */
export async function tightHeap<T>(work: () => Promise<T>): Promise<T> {
  if (running++ === 0) {
    fitGrowth();
    watch = new PerformanceObserver((entries) => {
      if (entries.getEntries().some(isFullCollection)) fitGrowth();
    });
    watch.observe({ entryTypes: ['gc'] });
  }
  try {
    return await work();
  } finally {
    if (--running === 0) {
      watch?.disconnect();
      watch = undefined;
      setGrowth(0);
    }
  }
}

/**
 * How many bytes outside V8's heap this thread is done with (the cache's entries, read or
 * written) between two collections of its young generation while `tightHeap` runs. Each is
 * let go of as it is done with (`letGo`), so its memory waits only for the next two young
 * collections, and this is about as much as waits at once. Writing reads and writes about 1 GB
 * of entries at 10,000 records, and bytes outside V8's heap start no collection: laying out and
 * writing the second benchmark corpus from a checked cache peaked at 267 and 273 MB without
 * these collections, at 242 and 242 MB with one every 8 MB, before entries were let go of.
 * Since, heaptrack put the allocator's peak of that writing at 31.1 MB with one every 8 MB and
 * 27.9 MB with one every 2 MB (each a scavenge of 1–3 ms, about 500 a build; `--trace-gc`
 * counted 1,097 writing the runner's 10,000 records from a checked cache). Timed on cold
 * builds of the runner's 10,000 records, two of each in turn, from one bundle taking both
 * settings from the environment: every 2 MB with the shapes stored 4 at once, 185 and 181 s;
 * every 8 MB with 32 at once, 177 and 184 s; 8 MB with 4, 189 and 171 s; 2 MB with 32, 199
 * and 186 s. No cost beyond the machine's noise.
 */
const collectEvery = 2 * 2 ** 20;
let sinceCollection = 0;
let collectYoung: (() => void) | undefined;

/**
 * Lets go of `bytes`, an entry of the cache that this thread has decoded, or encoded and
 * stored, and that nothing reads again, in any thread: young collections free them. While
 * `tightHeap` runs (a build's layout and writing), this also starts one once `collectEvery`
 * bytes are waiting. Not in a check's threads: a worker collects between files, and a collection
 * that falls inside a file copies its tree and may promote it (see `youngCollection`), as the
 * body texts it stores while it parses the next would start. The benchmark's cold builds of
 * 10,000 records took 1.29 × the floor's time collecting in the check's threads too (ce57543),
 * 1.17 × collecting here alone (ab4d91e): one run of each, on a shared machine, so not a
 * measurement of this alone.
 */
export function doneOutsideHeap(bytes: Uint8Array): void {
  // Measured first: let go of, they are empty.
  const size = bytes.byteLength;
  letGo(bytes);
  if (running === 0) return;
  sinceCollection += size;
  if (sinceCollection < collectEvery) return;
  sinceCollection = 0;
  (collectYoung ??= youngCollection())();
}

/**
 * Moves the memory under `bytes` to a new ArrayBuffer that nothing holds, and leaves `bytes`
 * empty. Left with their holder, an entry's bytes wait for a collection to find it dead, and a
 * holder that outlived two young collections (an entry being written while others are read)
 * waits in the old generation for a full one; the new buffer is young, and two young
 * collections free it (one was not enough, in tests/heap.test.ts and by hand). Meanwhile the
 * allocator serves other blocks around the waiting ones, and its arenas keep the space they
 * reached (see Memory in docs/speed.md). Cold builds of the second benchmark corpus's 10,000
 * records, each change switched on by the environment in one copy of the bundle
 * (`/usr/bin/time`): 244 and 252 MB left to their holders; 228, 237 and
 * 236 MB let go of; 232 and 233 MB with the shapes also stored 4 at once (`storedAtOnce`) and a
 * young collection every 2 MB. Moving a buffer copies nothing: serialising 20,000 entries of
 * 20 KB and moving each took no longer than serialising them alone.
 */
function letGo(bytes: Uint8Array): void {
  const { buffer } = bytes;
  // A buffer shared with others, as Node's pool of small buffers is, stays where it is.
  if (bytes.byteOffset !== 0 || bytes.byteLength !== buffer.byteLength) return;
  try {
    structuredClone(buffer, { transfer: [buffer] });
  } catch {
    // Untransferable (a buffer Node keeps for itself): left to the collector.
  }
}

/**
 * A function that collects this thread's young generation (a scavenge, where V8 puts new
 * objects) when called. A check worker calls it between two files, where nearly all it made
 * parsing the last one is garbage: a scavenge then copies next to nothing, where one that falls
 * inside a file copies that file's tree, and on a second fall promotes it to the old
 * generation, which grows until a full collection. With it, the two check workers of a cold
 * build of 1,000 records held 15 MB after each full collection and let the old generation grow
 * to 55 MB before the next, against 90 MB without (`node --trace-gc`), and the build peaked
 * lower (see Workers in docs/speed.md).
 */
export function youngCollection(): () => void {
  const gc = collector();
  return () => gc({ type: 'minor' });
}

/**
 * V8's collector for this thread: a full collection unless told `minor`. V8 hands it out only
 * to a context made while `--expose-gc` is set. The flag is set for the moment it takes to make
 * one, so that no other context gets a `gc` of its own; but it is the process's, and another
 * worker doing the same may clear it in that moment (four workers making 200 each at once: a
 * fifth of them came without), so the context is made again until it has one.
 */
export function collector(): (options?: { type: 'minor' }) => void {
  for (let tries = 1; ; tries++) {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('globalThis.gc') as ((options?: { type: 'minor' }) => void) | undefined;
    v8.setFlagsFromString('--no-expose-gc');
    if (gc) return gc;
    // Bounded, so that a V8 that never gives one fails rather than loops.
    if (tries === 1000) throw new Error('V8 gave no collector to a context made with --expose-gc');
  }
}

/**
 * Stops V8 deciding, from how many of the objects made at one place in the code outlive a
 * young collection, to make that place's later objects straight in the old generation
 * (allocation-site pretenuring). Parsing and rendering a note make objects in thousands of
 * places, and a young collection that falls while some of them are alive (between two files,
 * while the cache's writes still hold the last one's texts) can tip a place over: from then on
 * every note's objects from there are made old, die there, and hold the young objects they
 * point to through the next young collections, until a full one. Checking and preparing 80
 * notes over and over on one thread, with mdast-util-from-markdown as published (see
 * scripts/bundle.js) and a young collection after each (three ways, as to when the cache's
 * writes end), made 66–345 KB a note straight in the old generation and promoted
 * 185–904 KB over eleven runs, against 27–81 and 58–258 KB over five with it off. The setting
 * is the process's, for the rest of it: laying out and writing 10,000 records from a checked
 * cache then peaked at 428 and 442 MB, against 431 MB with V8's own.
 */
export function stopPretenuring(): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
