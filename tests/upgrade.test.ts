import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { build } from '../src/pipeline/index.js';
import { Cache, hash } from '../src/pipeline/cache.js';
import { cachedBuild, edit, expectSame, goldenProject } from './helpers.js';

// The hash of ecap's own code, set by each test: one cache, built by two versions of ecap.
const version = vi.hoisted(() => ({ code: 'one version' }));
vi.mock('../src/pipeline/cache.js', async (importOriginal) => ({ ...(await importOriginal<typeof import('../src/pipeline/cache.js')>()), codeHash: () => Promise.resolve(version.code) }));

describe('a cache written by another version of ecap', () => {
  it('finds none of the shards of checked files that version wrote, which this one cannot use', async () => {
    const dir = await goldenProject('ecap-upgrade-');
    // The entries of kind `last` other than the sixteen shards of the last build's checked
    // files (see recall.ts and kept-excerpts.ts): every other read of that kind is a shard's.
    const others = new Set([hash('last', 'recalled', path.join(dir, 'content')), hash('last', 'excerpts')]);
    const shardsRead = async (run: () => Promise<unknown>) => {
      const get = vi.spyOn(Cache.prototype, 'get');
      try {
        await run();
        const reads = get.mock.calls.flatMap(([kind, key], i) => (kind === 'last' && !others.has(key) ? [get.mock.results[i]!.value as Promise<unknown>] : []));
        return { asked: reads.length, found: (await Promise.all(reads)).filter((entry) => entry !== undefined).length };
      } finally {
        get.mockRestore();
      }
    };
    version.code = 'one version';
    await build(cachedBuild(dir, 'one'));
    version.code = 'the next version';
    expect(await shardsRead(() => build(cachedBuild(dir, 'next')))).toEqual({ asked: 16, found: 0 });
    // Checked afresh, it writes what the other version wrote.
    await expectSame(path.join(dir, 'one'), path.join(dir, 'next'));
    // The same version finds its own shards: the spy above sees them when they are there. A
    // note is changed first, else the build would find its output up to date and check nothing.
    await edit(path.join(dir, 'content', 'missions', 'th.md'), 'A joint committee.', 'A joint Committee.');
    // Every shard is written, even one that holds no entry.
    expect(await shardsRead(() => build(cachedBuild(dir, 'next')))).toEqual({ asked: 16, found: 16 });
  });
});
