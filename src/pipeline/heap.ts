import v8 from 'node:v8';

/** How many `tightHeap` calls are running: the setting is the process's, so the last to end resets it. */
let running = 0;

/**
 * Runs `work` with V8 letting the heap grow by a fifth at most between full collections,
 * instead of the up to fourfold it allows by itself. Laying out and writing make garbage fast
 * long after a build's largest live set, and since the check no longer holds the notes' texts,
 * writing is where a cold build peaks. Laying out and writing 10,000 records from a warm check
 * peaked at 1,521 MB in 111 s left to V8, at 805 MB in 111 s growing by half, and at 721 MB
 * in 124 s growing by a fifth: 84 MB less for 13 s more. Not while the check's threads parse:
 * growing by half, a 10,000-record check took 350–357 s instead of 281 s; it is used once they
 * are done, to decode and link what they made. The setting is the
 * process's, workers' included, while `work` runs. Node 20 leaves V8's flags unfrozen after
 * start-up, and V8 reads this one at each collection.
 */
export async function tightHeap<T>(work: () => Promise<T>): Promise<T> {
  if (running++ === 0) v8.setFlagsFromString('--heap-growing-percent=20');
  try {
    return await work();
  } finally {
    // 0: V8's own choice again.
    if (--running === 0) v8.setFlagsFromString('--heap-growing-percent=0');
  }
}
