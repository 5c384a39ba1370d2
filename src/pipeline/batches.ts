/**
 * Runs `task` on every item, 32 at a time: one at a time leaves the CPU waiting on the disk.
 * Items are taken from `items` only as a batch starts, so a generator's items need not all
 * exist at once.
 */
export async function inBatches<T>(items: Iterable<T>, task: (item: T) => Promise<unknown>): Promise<void> {
  let batch: Array<Promise<unknown>> = [];
  for (const item of items) {
    batch.push(task(item));
    if (batch.length === 32) {
      await Promise.all(batch);
      batch = [];
    }
  }
  await Promise.all(batch);
}
