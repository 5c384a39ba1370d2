import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concurrently, limited } from '../src/pipeline/concurrently.js';
import { Pool, pagePoolSize, poolSize } from '../src/pipeline/pool.js';
import { checkFailure } from '../src/pipeline/index.js';
import { UnusableInput } from '../src/errors.js';

/** A worker script in a folder of its own. */
async function script(body: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'ecap-pool-')), 'worker.mjs');
  await writeFile(file, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
  return file;
}

describe('worker pool', () => {
  it('gives each task its own result, whichever worker runs it', async () => {
    const pool = new Pool<number, number>(await script('parentPort.on("message", (n) => parentPort.postMessage(n * 2));'), 2, {});
    try {
      expect(await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run(n)))).toEqual([2, 4, 6, 8, 10]);
    } finally {
      await pool.close();
    }
  });

  it('fails every waiting task when a worker throws, and still closes', async () => {
    const pool = new Pool<number, number>(await script('parentPort.on("message", () => { throw new Error("boom"); });'), 2, {});
    const results = await Promise.allSettled([1, 2, 3].map((n) => pool.run(n)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    await expect(pool.run(4)).rejects.toThrow('boom');
    await pool.close();
  });

  it('fails the tasks of a worker that stops early instead of waiting for ever', async () => {
    const pool = new Pool<number, number>(await script('parentPort.on("message", () => process.exit(0));'), 1, {});
    await expect(pool.run(1)).rejects.toThrow(/stopped early/);
    await pool.close();
  });

  it('fails the tasks not yet done when closed, and closes once however often asked', async () => {
    const pool = new Pool<number, number>(await script('parentPort.on("message", () => {});'), 1, {});
    const waiting = expect(pool.run(1)).rejects.toThrow(/closed/);
    await Promise.all([pool.close(), pool.close()]);
    await waiting;
    await expect(pool.run(2)).rejects.toThrow(/closed/);
  });

  it('holds its workers to the heap it is given, and fails their tasks when one outgrows it', async () => {
    const hog = 'const kept = []; parentPort.on("message", () => { for (;;) kept.push(new Array(1e5).fill(kept.length)); });';
    const pool = new Pool<number, number>(await script(hog), 1, {}, { maxOldGenerationSizeMb: 16 });
    try {
      await expect(pool.run(1)).rejects.toMatchObject({ code: 'ERR_WORKER_OUT_OF_MEMORY' });
    } finally {
      await pool.close();
    }
  });

  it('tells of a check worker out of memory as the content\'s size, with what to do, and passes other failures on', () => {
    const outOfMemory = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    const told = checkFailure(outOfMemory);
    expect(told).toBeInstanceOf(UnusableInput);
    expect((told as Error).message).toMatch(/check worker may keep \(512 MB of long-lived objects\)\. Run again with `--jobs 1`/);
    const other = new Error('boom');
    expect(checkFailure(other)).toBe(other);
  });

  it('starts workers only for a batch that repays them', () => {
    expect(poolSize(100, 8)).toBe(1);
    expect(poolSize(300, 8)).toBe(2);
    expect(poolSize(10_000, 8)).toBe(8);
    expect(poolSize(10_000, 1)).toBe(1);
  });

  it('serialises pages on the cores beside the build\'s own, two or more of them', () => {
    expect(pagePoolSize(10_000, 2)).toBe(0);
    expect(pagePoolSize(10_000, 3)).toBe(2);
    expect(pagePoolSize(10_000, 8)).toBe(7);
    expect(pagePoolSize(271, 3)).toBe(2);
    expect(pagePoolSize(271, 8)).toBe(2);
    expect(pagePoolSize(200, 8)).toBe(0);
    expect(pagePoolSize(10_000, 1)).toBe(0);
  });
});

describe('concurrently', () => {
  it('lets the tasks running finish, and starts no other, before it throws the first failure', async () => {
    const finished: number[] = [];
    const task = async (n: number) => {
      await new Promise((resolve) => setTimeout(resolve, n === 1 ? 0 : 20));
      if (n === 1) throw new Error('one failed');
      finished.push(n);
    };
    // 32 start at once; once 1 has failed, 32 to 39 never start.
    await expect(concurrently(Array.from({ length: 40 }, (_, i) => i), task)).rejects.toThrow('one failed');
    expect(finished.sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i).filter((i) => i !== 1));
  });

  it('starts a task as soon as one ends, never more than 32 at once', async () => {
    let running = 0;
    let most = 0;
    let others = 0;
    let release!: () => void;
    const othersDone = new Promise<void>((resolve) => (release = resolve));
    // Task 0 ends only once the 99 others have: run in batches, they would wait for it for ever.
    await concurrently(Array.from({ length: 100 }, (_, i) => i), async (i) => {
      most = Math.max(most, ++running);
      if (i === 0) await othersDone;
      else await new Promise(setImmediate);
      running--;
      if (i > 0 && ++others === 99) release();
    });
    expect(most).toBe(32);
  });

  it('runs no more at once than the limit it is given', async () => {
    let running = 0;
    let most = 0;
    await concurrently(
      Array.from({ length: 20 }, (_, i) => i),
      async () => {
        most = Math.max(most, ++running);
        await new Promise(setImmediate);
        running--;
      },
      4,
    );
    expect(most).toBe(4);
  });

  it('takes items from a generator only as it needs them', async () => {
    let made = 0;
    function* items() {
      for (let i = 0; i < 100; i++) {
        made++;
        yield i;
      }
    }
    // How many items existed when each task started: one more than the task's own index, had
    // the items been taken all at once it would be 100 every time.
    const seen: number[] = [];
    await concurrently(items(), async (i) => void (seen[i] = made));
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });
});

describe('limited', () => {
  it('runs at most its number of tasks at once, in the order given, and goes on after one fails', async () => {
    const twoAtOnce = limited(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, n === 0 ? 30 : 5));
      running--;
      if (n === 1) throw new Error('one failed');
      return n;
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((n) => twoAtOnce(task(n))));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([0, 'failed', 2, 3, 4]);
  });
});
