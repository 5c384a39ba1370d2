/**
 * Runs `task` on every item, at most `limit` at once (32 unless told): one at a time leaves
 * the CPU waiting on the disk (or on other threads), and a new task starts as soon as one
 * ends. Items are taken from `items` only as their task starts, so a generator's items need
 * not all exist at once. When a task fails, no other starts, those running are let finish
 * (nothing is left running behind the caller's back) and the first failure is thrown.
 */
export async function concurrently<T>(items: Iterable<T> | AsyncIterable<T>, task: (item: T) => Promise<unknown>, limit = 32): Promise<void> {
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
      if (running.size === limit) await Promise.race(running);
    }
  } finally {
    // Also when taking the next item threw: the tasks started so far are waited for.
    await Promise.all(running);
  }
  if (failure) throw failure.reason;
}

/**
 * Runs the tasks it is given at most `size` at once, the others waiting their turn, first come
 * first served.
 */
export function limited(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running < size) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The place goes straight to the next in line, if any.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
