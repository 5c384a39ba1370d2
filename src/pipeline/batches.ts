/**
 * Runs `task` on every item, 32 at a time: one at a time leaves the CPU waiting on the disk.
 * Items are taken from `items` only as a batch starts, so a generator's items need not all
 * exist at once. When a task fails, the others of its batch are let finish (nothing is left
 * running behind the caller's back) and the first failure is thrown.
 */
export async function inBatches<T>(items: Iterable<T> | AsyncIterable<T>, task: (item: T) => Promise<unknown>): Promise<void> {
  let batch: Array<Promise<unknown>> = [];
  const settle = async () => {
    const failed = (await Promise.allSettled(batch)).find((r) => r.status === 'rejected');
    batch = [];
    if (failed) throw failed.reason;
  };
  try {
    for await (const item of items) {
      batch.push(task(item));
      if (batch.length === 32) await settle();
    }
  } finally {
    // Also when taking the next item threw: the batch started so far is waited for.
    await settle();
  }
}
