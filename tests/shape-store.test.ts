import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Cache } from '../src/pipeline/cache.js';
import type { Shape } from '../src/pipeline/layout.js';
import { keptShapes, storeShapes } from '../src/pipeline/shape-store.js';

/** Every entry file under `dir`. */
async function entryFiles(dir: string): Promise<string[]> {
  const found = await readdir(dir, { recursive: true, withFileTypes: true });
  return found.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function emptyCache(): Promise<Cache> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-shapes-'));
  dirs.push(dir);
  return new Cache(dir);
}

// Two tables: one long enough for 200 entries of shapes, one of three bodies.
const tables: Shape[][] = [
  Array.from({ length: 64 * 200 }, (_, i) => ({ depth: i % 5, ...(i % 3 ? { fills: [{ suffix: ` — section ${i % 7}`, ...(i % 5 ? {} : { repeat: i % 4 + 1 }) }] } : {}) })),
  [{ depth: 1 }, { depth: 2 }, { depth: 3 }],
];

describe('shape store', () => {
  it('gives back every shape stored, read by two readers far apart and out of order', async () => {
    const cache = await emptyCache();
    expect(await storeShapes(cache, 'layout', tables)).toBe(true);
    const shapes = keptShapes(cache, 'layout', () => new Error('missing'));
    const long = tables[0]!;
    // One reader from the start, the other from the middle, as a page's two files may read.
    for (let i = 0; i < long.length / 2; i++) {
      expect(await shapes(0, i)).toEqual(long[i]);
      expect(await shapes(0, i + long.length / 2)).toEqual(long[i + long.length / 2]);
    }
    // Back to the start, long since let go: read again.
    expect(await shapes(0, 0)).toEqual(long[0]);
    for (const [i, shape] of tables[1]!.entries()) expect(await shapes(1, i)).toEqual(shape);
  });

  it('encodes a run only as it is stored, never all of them at once, and tells when one was lost', async () => {
    const dir = (await emptyCache()).dir;
    // Counts the runs encoded and not yet stored: each entry's write is slowed, and one is refused.
    let inFlight = 0;
    let most = 0;
    let writes = 0;
    const cache = new (class extends Cache {
      override async setEncoded(kind: string, key: string, entry: Uint8Array): Promise<boolean> {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
        return ++writes === 100 ? false : super.setEncoded(kind, key, entry);
      }
    })(dir);
    expect(await storeShapes(cache, 'layout', tables)).toBe(false);
    // 201 runs in all: the long table's 200 and the short one's.
    expect(writes).toBe(201);
    expect(most).toBeLessThanOrEqual(32);
    expect((await entryFiles(dir)).length).toBe(200);
  });

  it('throws what it is told to when the cache has lost a shape', async () => {
    const cache = await emptyCache();
    await storeShapes(cache, 'layout', tables);
    await Promise.all((await entryFiles(cache.dir)).map((file) => rm(file)));
    const shapes = keptShapes(cache, 'layout', () => new Error('build again'));
    await expect(shapes(0, 100)).rejects.toThrow('build again');
    // Another layout's shapes are not this one's.
    await storeShapes(cache, 'other', tables);
    await expect(shapes(1, 0)).rejects.toThrow('build again');
  });
});
