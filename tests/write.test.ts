import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { marker, write } from '../src/pipeline/write.js';
import { tree } from './helpers.js';

describe('write', () => {
  it('swaps the new output in whole and marks it as ecap’s', async () => {
    const dir = await tree({ 'content/.keep': '' });
    await write('dist', [{ path: 'a.html', content: 'one' }], { cwd: dir, contentDir: 'content' });
    await write('dist', [{ path: 'b/c.md', content: 'two' }], { cwd: dir, contentDir: 'content' });
    expect((await readdir(path.join(dir, 'dist'))).sort()).toEqual([marker, 'b']);
    expect(await readFile(path.join(dir, 'dist', 'b', 'c.md'), 'utf8')).toBe('two');
    expect((await readdir(dir)).sort()).toEqual(['content', 'dist']);
  });

  it('leaves the previous output exactly as it was when writing fails half-way', async () => {
    const dir = await tree({ 'content/.keep': '' });
    await write('dist', [{ path: 'index.html', content: 'previous' }], { cwd: dir, contentDir: 'content' });
    // `x` as a file, then `x/y` needs it as a folder: the second write fails.
    const failing = write('dist', [{ path: 'index.html', content: 'new' }, { path: 'x', content: '' }, { path: 'x/y', content: '' }], { cwd: dir, contentDir: 'content' });
    await expect(failing).rejects.toThrow();
    expect(await readFile(path.join(dir, 'dist', 'index.html'), 'utf8')).toBe('previous');
    expect((await readdir(dir)).sort()).toEqual(['content', 'dist']);
  });

  it('clears what an interrupted build left beside the output', async () => {
    const dir = await tree({ 'content/.keep': '', 'dist.ecap-new-123-456/index.html': 'half' });
    await mkdir(path.join(dir, 'dist.ecap-old-1-2'));
    await write('dist', [{ path: 'index.html', content: 'whole' }], { cwd: dir, contentDir: 'content' });
    expect((await readdir(dir)).sort()).toEqual(['content', 'dist']);
  });

  it('puts back the previous output that a build stopped between its two renames left aside', async () => {
    const dir = await tree({ 'content/.keep': '', [`dist.ecap-old-1-2/${marker}`]: 'build\n', 'dist.ecap-old-1-2/index.html': 'previous' });
    // This build fails too: the output it finds is the one put back.
    const failing = write('dist', [{ path: 'x', content: '' }, { path: 'x/y', content: '' }], { cwd: dir, contentDir: 'content' });
    await expect(failing).rejects.toThrow();
    expect(await readFile(path.join(dir, 'dist', 'index.html'), 'utf8')).toBe('previous');
    expect((await readdir(dir)).sort()).toEqual(['content', 'dist']);
  });
});
