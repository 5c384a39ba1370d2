import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Cache, hash } from '../src/pipeline/cache.js';
import { collector, tightHeap } from '../src/pipeline/heap.js';

// The cache emptied by hand while an entry is stored: its folder is removed between being made
// and being written to, as happens when someone deletes the cache during a build.
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    writeFile: async (...args: Parameters<typeof fs.writeFile>) => {
      const [file] = args;
      if (String(file).includes('/gone/')) await fs.rm(String(file).replace(/\/gone\/.*/, '/gone'), { recursive: true, force: true });
      return fs.writeFile(...args);
    },
  };
});

describe('cache store', () => {
  it('loses an entry whose folder is removed while it is stored, as if removed after, and fails on anything else', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-cache-store-'));
    const cache = new Cache(path.join(dir, 'cache'));
    const key = hash('entry');
    await expect(cache.set('gone', key, { text: 'lost' })).resolves.toBe(false);
    expect(await cache.get('gone', key)).toBeUndefined();
    await expect(cache.set('kept', key, { text: 'kept' })).resolves.toBe(true);
    expect(await cache.get('kept', key)).toEqual({ text: 'kept' });
    // A cache folder that cannot be made, a file being in its place, is an error the user must see.
    await writeFile(path.join(dir, 'file'), '');
    await expect(new Cache(path.join(dir, 'file')).set('kept', key, {})).rejects.toThrow();
  });

  it('lets go of the bytes of the entries it writes and reads as it goes while a build holds its heap tight, and leaves them to V8 otherwise', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-cache-store-'));
    const cache = new Cache(path.join(dir, 'cache'));
    // One text of 1 MB, made once: encoding it and writing it make next to nothing in V8's own
    // heap, so nothing there would start a collection that frees the entries' bytes.
    const text = 'x'.repeat(2 ** 20);
    const keys = Array.from({ length: 40 }, (_, i) => hash(String(i)));
    collector()();
    const before = process.memoryUsage().external;
    let most = 0;
    const look = () => (most = Math.max(most, process.memoryUsage().external - before));
    const writeAndRead = async () => {
      for (const key of keys) {
        await cache.set('texts', key, text);
        look();
      }
      for (const key of keys.slice(0, 16)) {
        expect(cache.getSync('texts', key)).toBe(text);
        look();
      }
    };
    // As a build lays out and writes: 56 MB of entries written and read, 30 MB of which V8
    // alone held at once.
    await tightHeap(writeAndRead);
    expect(most).toBeLessThan(12 * 2 ** 20);
    // As a check's thread stores them, V8 is left to it.
    collector()();
    most = 0;
    await writeAndRead();
    expect(most).toBeGreaterThan(16 * 2 ** 20);
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a folder again that was removed after it stored an entry there', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-cache-store-'));
    const cache = new Cache(path.join(dir, 'cache'));
    // Two keys in one folder (the folder is named by a key's first two characters).
    const [first, second] = ['a', 'b'].map((k) => `00${hash(k).slice(2)}`);
    await cache.set('kept', first!, 1);
    await rm(path.join(dir, 'cache', 'kept'), { recursive: true });
    await cache.set('kept', second!, 2);
    expect(await cache.get('kept', second!)).toBe(2);
    expect(await cache.get('kept', first!)).toBeUndefined();
  });
});
