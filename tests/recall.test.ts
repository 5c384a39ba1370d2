import { utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Cache, hash } from '../src/pipeline/cache.js';
import { load, withoutText, type HashedFile } from '../src/pipeline/load.js';
import { forgetRecalled, loadRecalling } from '../src/pipeline/recall.js';
import { tree } from './helpers.js';

type Entry = { code: string; cwd: string; files: Map<string, { signature: string; kept: HashedFile }> };

/** A content folder of two files, a cache beside it, and ways to look at both. */
async function setUp() {
  const dir = await tree({ 'content/activity.yaml': 'title: x\n', 'content/sources.yaml': '[]\n' });
  const cache = new Cache(path.join(dir, '.cache'));
  const key = hash('last', 'recalled', path.join(dir, 'content'));
  return {
    activity: path.join(dir, 'content', 'activity.yaml'),
    entry: () => cache.get<Entry>('last', key),
    /** The files a build's load gives. */
    loaded: async () => (await loadRecalling('content', dir, cache, Promise.resolve('code'))).value,
    /** The digests a build's load gives. */
    recalled: async (code = 'code') => (await loadRecalling('content', dir, cache, Promise.resolve(code))).value.map((f) => f.digest),
    /** The digests of the files as they are. */
    read: async () => (await load('content', dir, withoutText)).value.map((f) => f.digest),
    /** Gives each file in the entry a stand-in digest, which shows when a file is recalled rather than read. */
    standIns: async () => {
      const entry = (await cache.get<Entry>('last', key))!;
      for (const [shown, file] of entry.files) file.kept = { ...file.kept, digest: `recalled ${shown}` };
      await cache.set('last', key, entry);
    },
    forget: () => forgetRecalled('content', dir, cache),
  };
}

/** Ten seconds on, every file written so far has settled. */
function later(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + 10_000);
}

afterEach(() => void vi.useRealTimers());

describe('recall', () => {
  it('recalls a file unchanged since the last build instead of reading it, for the same code only, until forgotten', async () => {
    const { entry, recalled, read, standIns, forget } = await setUp();
    later();
    expect(await recalled()).toEqual(await read());
    expect([...(await entry())!.files.keys()]).toEqual(['content/activity.yaml', 'content/sources.yaml']);
    await standIns();
    expect(await recalled()).toEqual(['recalled content/activity.yaml', 'recalled content/sources.yaml']);
    expect(await recalled('other code')).toEqual(await read());
    await standIns();
    await forget();
    expect(await recalled()).toEqual(await read());
  });

  it('reads a file whose change time moved, though its size and modification time are as before', async () => {
    const { activity, recalled, read, standIns } = await setUp();
    // A whole second, which the file's time keeps exactly.
    await utimes(activity, 1_000_000_000, 1_000_000_000);
    later();
    await recalled();
    await standIns();
    await sleep(20);
    await writeFile(activity, 'title: y\n');
    await utimes(activity, 1_000_000_000, 1_000_000_000);
    expect(await recalled()).toEqual([(await read())[0], 'recalled content/sources.yaml']);
  });

  it('tells of a file changed since the last build the digest that build read it by, so that its check then can be found', async () => {
    const { activity, loaded, read } = await setUp();
    later();
    const before = await read();
    await loaded();
    await sleep(20);
    await writeFile(activity, 'title: y\n');
    const files = await loaded();
    expect(files.map((f) => f.earlier)).toEqual([before[0], undefined]);
    expect(files[0]!.digest).not.toBe(before[0]);
  });

  it('records no file changed or modified within two seconds of the clock, or ahead of it', async () => {
    const { activity, entry, recalled } = await setUp();
    await recalled();
    expect(await entry()).toBeUndefined();
    // Modified long ago by its time, but changed just now.
    await utimes(activity, 1_000_000_000, 1_000_000_000);
    await recalled();
    expect(await entry()).toBeUndefined();
    later();
    await utimes(activity, Date.now() / 1000 + 3600, Date.now() / 1000 + 3600);
    vi.setSystemTime(Date.now() + 10_000);
    await recalled();
    expect([...(await entry())!.files.keys()]).toEqual(['content/sources.yaml']);
  });
});
