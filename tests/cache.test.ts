import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Cache } from '../src/pipeline/cache.js';
import { build } from '../src/pipeline/index.js';

const golden = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'golden', 'content');

async function project(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-cache-'));
  await cp(golden, path.join(dir, 'content'), { recursive: true });
  return dir;
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (sub: string) => {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else out.set(rel, await readFile(path.join(dir, rel), 'latin1'));
    }
  };
  await walk('');
  return out;
}

const options = (dir: string, out = 'dist') => ({ contentDir: 'content', outDir: out, cwd: dir, cacheDir: '.ecap-cache', provenance: {} });

describe('cache', () => {
  it('gives byte-identical output cold and warm, and leaves an unchanged build alone', async () => {
    const dir = await project();
    const cold = await build(options(dir, 'cold'));
    expect(cold.unchanged).toBeUndefined();
    const first = await build(options(dir));
    const again = await build(options(dir));
    expect(again.unchanged).toBe(true);
    expect(again.diagnostics).toEqual(first.diagnostics);
    const warm = await snapshot(path.join(dir, 'dist'));
    const coldFiles = await snapshot(path.join(dir, 'cold'));
    for (const [file, text] of coldFiles) if (file !== '.ecap-output') expect(warm.get(file), file).toBe(text);
  });

  it('rebuilds when a note changes or the output was touched', async () => {
    const dir = await project();
    await build(options(dir));
    const note = path.join(dir, 'content', 'missions', 'th.md');
    await writeFile(note, (await readFile(note, 'utf8')).replace('A joint committee.', 'A joint committee with a secretariat.'));
    const changed = await build(options(dir));
    expect(changed.unchanged).toBeUndefined();
    expect(await readFile(path.join(dir, 'dist', 'countries', 'th.md'), 'utf8')).toContain('A joint committee with a secretariat.');
    await rm(path.join(dir, 'dist', 'index.html'));
    expect((await build(options(dir))).unchanged).toBeUndefined();
    expect(await readFile(path.join(dir, 'dist', 'index.html'), 'utf8')).toContain('<!doctype html>');
  });

  it('ignores an entry that is corrupt or written under another key', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-cache-'));
    const cache = new Cache(dir);
    await cache.set('files', 'ab'.repeat(32), { value: 1 });
    expect(await cache.get('files', 'ab'.repeat(32))).toEqual({ value: 1 });
    const file = path.join(dir, 'files', 'ab', `${'ab'.repeat(32)}.bin`);
    await writeFile(file, 'not a cache entry');
    expect(await cache.get('files', 'ab'.repeat(32))).toBeUndefined();
    await cp(file, path.join(dir, 'files', 'ab', `${'ab'.repeat(31)}cd.bin`));
    await cache.set('files', 'cd'.repeat(32), { value: 2 });
    await cp(path.join(dir, 'files', 'cd', `${'cd'.repeat(32)}.bin`), file);
    expect(await cache.get('files', 'ab'.repeat(32))).toBeUndefined();
  });

  it('checks a corrupt cache’s files again instead of trusting it', async () => {
    const dir = await project();
    await build(options(dir));
    const files = path.join(dir, '.ecap-cache', 'files');
    for (const sub of await readdir(files)) for (const f of await readdir(path.join(files, sub))) await writeFile(path.join(files, sub, f), 'garbage');
    await rm(path.join(dir, 'dist'), { recursive: true });
    const result = await build(options(dir));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.written.length).toBeGreaterThan(10);
  });
});
