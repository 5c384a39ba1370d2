import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deserialize } from 'node:v8';
import { describe, expect, it, vi } from 'vitest';
import { Cache } from '../src/pipeline/cache.js';
import { pageStore } from '../src/pipeline/page-store.js';

/** The store's entry files, each with its value. */
async function entries(dir: string): Promise<Array<{ file: string; value: unknown }>> {
  const found: Array<{ file: string; value: unknown }> = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.push({ file, value: (deserialize(await readFile(file)) as { value: unknown }).value });
  }
  return found;
}

/** A page store in a folder of its own. */
async function emptyStore(): Promise<{ dir: string; store: ReturnType<typeof pageStore> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-pages-'));
  return { dir, store: pageStore(new Cache(dir), 'code') };
}

describe('page store', () => {
  it('keeps a text given in runs as its runs, and a text of one run as one entry', async () => {
    const { dir, store } = await emptyStore();
    const add = store.runs('long');
    await add('# One\n\n', false);
    await add('## Two\n\n', false);
    await add('## Three\n', true);
    await store.runs('short')('# Only\n', true);
    expect(await store.get('long')).toEqual(['# One\n\n', '## Two\n\n', '## Three\n']);
    expect(await store.get('short')).toBe('# Only\n');
    // Three runs and the entry that counts them, and the short text's one entry.
    expect(await entries(path.join(dir, 'pages'))).toHaveLength(5);
    await rm(dir, { recursive: true, force: true });
  });

  it('says of each run whether `run` can read it back: not a text of one run, nor one it could not store', async () => {
    const { dir, store } = await emptyStore();
    const add = store.runs('long');
    expect([await add('# One\n\n', false), await add('## Two\n', true)]).toEqual([true, true]);
    expect(await store.run('long', 1)).toBe('## Two\n');
    expect(await store.runs('short')('# Only\n', true)).toBe(false);
    // A cache that loses what it cannot store (a folder ecap may not write to, say).
    const losing = new Cache(dir);
    vi.spyOn(losing, 'set').mockResolvedValue(false);
    expect(await pageStore(losing, 'code').runs('lost')('# One\n\n', false)).toBe(false);
    await rm(dir, { recursive: true, force: true });
  });

  it('holds no text a run of which is lost, nor one whose runs were never all given', async () => {
    const { dir, store } = await emptyStore();
    const add = store.runs('long');
    await add('# One\n\n', false);
    await add('## Two\n', true);
    const unfinished = store.runs('unfinished');
    await unfinished('# Begun\n\n', false);
    expect(await store.get('unfinished')).toBeUndefined();
    const lost = (await entries(path.join(dir, 'pages'))).find((e) => e.value === '## Two\n')!;
    await rm(lost.file);
    expect(await store.get('long')).toBeUndefined();
    await rm(dir, { recursive: true, force: true });
  });
});
