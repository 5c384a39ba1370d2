/** Runs `task` on every item, 32 at a time: one at a time leaves the CPU waiting on the disk. */
export async function inBatches<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 32) await Promise.all(items.slice(i, i + 32).map(task));
}
