/**
 * Runs `task` on every item, at most 32 at once: one at a time leaves the CPU waiting on the
 * disk (or on other threads), and a new task starts as soon as one ends. Items are taken from
 * `items` only as their task starts, so a generator's items need not all exist at once. When a
 * task fails, no other starts, those running are let finish (nothing is left running behind
 * the caller's back) and the first failure is thrown.
 */
export async function concurrently<T>(items: Iterable<T> | AsyncIterable<T>, task: (item: T) => Promise<unknown>): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: { reason: unknown } | undefined;
  try {
    for await (const item of items) {
      if (failure) break;
      const run: Promise<void> = (async () => task(item))().then(
        () => void running.delete(run),
        (reason: unknown) => {
          running.delete(run);
          failure ??= { reason };
        },
      );
      running.add(run);
      if (running.size === 32) await Promise.race(running);
    }
  } finally {
    // Also when taking the next item threw: the tasks started so far are waited for.
    await Promise.all(running);
  }
  if (failure) throw failure.reason;
}
