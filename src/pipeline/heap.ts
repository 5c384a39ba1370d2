import v8 from 'node:v8';

/**
 * Runs `work` with V8 letting the heap grow by half at most between full collections, instead
 * of the up to fourfold it allows by itself. Laying out and writing make garbage fast long after
 * a build's largest live set: at 10,000 records the heap reached 1.2 GB around 250 MB of live
 * data, and 540 MB with this, in the same time. Not for the check: its workers, parsing, spent a
 * quarter longer collecting. The setting is the process's, workers' included, while `work` runs.
 */
export async function tightHeap<T>(work: () => Promise<T>): Promise<T> {
  v8.setFlagsFromString('--heap-growing-percent=50');
  try {
    return await work();
  } finally {
    // 0: V8's own choice again.
    v8.setFlagsFromString('--heap-growing-percent=0');
  }
}
