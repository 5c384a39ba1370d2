import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Part, Pieces } from '../src/pipeline/layout.js';
import { marker, write } from '../src/pipeline/write.js';
import { tree } from './helpers.js';

/** The id of a process that has ended, as an interrupted build's is. */
const gone = spawnSync(process.execPath, ['-e', '0']).pid;

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
    const dir = await tree({ 'content/.keep': '', [`dist.ecap-new-${gone}-456/index.html`]: 'half' });
    await mkdir(path.join(dir, `dist.ecap-old-${gone}-2`));
    await write('dist', [{ path: 'index.html', content: 'whole' }], { cwd: dir, contentDir: 'content' });
    expect((await readdir(dir)).sort()).toEqual(['content', 'dist']);
  });

  it('clears the leftovers of an output folder whose name has spaces', async () => {
    const dir = await tree({ 'content/.keep': '', [`my reports.ecap-new-${gone}-456/index.html`]: 'half' });
    await write('my reports', [{ path: 'index.html', content: 'whole' }], { cwd: dir, contentDir: 'content' });
    expect((await readdir(dir)).sort()).toEqual(['content', 'my reports']);
  });

  it('leaves alone the folders of a build still running into the same output', async () => {
    // This process stands for the other build: it is running.
    const other = `dist.ecap-new-${process.pid}-456`;
    const dir = await tree({ 'content/.keep': '', [`${other}/index.html`]: 'being written' });
    await write('dist', [{ path: 'index.html', content: 'whole' }], { cwd: dir, contentDir: 'content' });
    expect(await readFile(path.join(dir, other, 'index.html'), 'utf8')).toBe('being written');
    expect(await readFile(path.join(dir, 'dist', 'index.html'), 'utf8')).toBe('whole');
  });

  it('puts back the previous output that a build stopped between its two renames left aside', async () => {
    const dir = await tree({ 'content/.keep': '', [`dist.ecap-old-${gone}-2/${marker}`]: 'build\n', [`dist.ecap-old-${gone}-2/index.html`]: 'previous' });
    // This build fails too: the output it finds is the one put back.
    const failing = write('dist', [{ path: 'x', content: '' }, { path: 'x/y', content: '' }], { cwd: dir, contentDir: 'content' });
    await expect(failing).rejects.toThrow();
    expect(await readFile(path.join(dir, 'dist', 'index.html'), 'utf8')).toBe('previous');
    expect((await readdir(dir)).sort()).toEqual(['content', 'dist']);
  });

  // Parts around and past the 64 KB the writer encodes at a time (and the megabyte it once
  // did), in one-byte, two-byte, three-byte and astral text, some sliced from a longer
  // two-byte string, as page texts are: a long part goes on in the next chunk, never cutting a
  // character.
  const long = `${'ŭ'.repeat(300_000)}${'a'.repeat(700_000)}`;
  const thai = `${'ไทย'.repeat(300_000)}${long}`;
  const slices = Array.from({ length: 12 }, (_, n) => thai.slice(n * 150_000, n * 150_000 + 120_000));
  const parts = ['b'.repeat((1 << 16) - 2), '𝄞'.repeat(40_000), 'ไ'.repeat(21_846), 'c', 'a'.repeat((1 << 20) - 1), 'é', long.slice(299_990, 300_010), ...slices, '𝄞 ไทย '.repeat(200_000), 'x'.repeat(3 << 20), long.slice(1), '\n'];
  const bytes = (text: string) => Buffer.byteLength(text);
  // Compared as a whole: a failure would print megabytes.
  const same = (a: string, b: string) => a === b;

  it('writes a file given in parts, of any script and size, as the text they make together', async () => {
    const dir = await tree({ 'content/.keep': '' });
    const content = (async function* () {
      yield* parts;
    })();
    const [written] = (await write('dist', [{ path: 'big.md', content }], { cwd: dir, contentDir: 'content' })).written;
    expect(same(await readFile(path.join(dir, 'dist', 'big.md'), 'utf8'), parts.join(''))).toBe(true);
    expect(written!.size).toBe(bytes(parts.join('')));
  });

  it('keeps a file as the last build wrote it, build after build, but not once it is edited', async () => {
    const dir = await tree({ 'content/.keep': '' });
    const guard = { cwd: dir, contentDir: 'content' };
    const file = { path: 'a.html', content: 'same', key: 'k' };
    const first = await write('dist', [file], guard);
    const second = await write('dist', [file], guard, undefined, '', first.written);
    // A kept file is recorded as it is on disk, so the build after keeps it too.
    const onDisk = await stat(path.join(dir, 'dist', 'a.html'));
    expect(second.written).toEqual([{ path: 'a.html', size: onDisk.size, mtime: onDisk.mtimeMs, key: 'k' }]);
    const third = await write('dist', [file], guard, undefined, '', second.written);
    expect(third.kept).toBe(1);
    await writeFile(path.join(dir, 'dist', 'a.html'), 'hand');
    await utimes(path.join(dir, 'dist', 'a.html'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect((await write('dist', [file], guard, undefined, '', third.written)).kept).toBe(0);
    expect(await readFile(path.join(dir, 'dist', 'a.html'), 'utf8')).toBe('same');
  });

  it('copies the pieces the previous file shares and writes the others, across chunks', async () => {
    const dir = await tree({ 'content/.keep': '' });
    // Each build writes the parts of its version, copying those whose digest is unchanged.
    const version = (texts: string[], key: string) => ({
      path: 'big.md',
      content: (async function* () {
        yield* texts;
      })(),
      key,
      pieces: async function* (previous: Pieces | undefined): AsyncGenerator<Part, Pieces> {
        const made: Pieces = { own: 'own', slots: [], digests: [], lengths: [] };
        for (const [n, text] of texts.entries()) {
          made.digests.push(text);
          made.lengths.push(bytes(text));
          yield previous?.digests[n] === text ? n : text;
        }
        return made;
      },
    });
    const first = await write('dist', [version(parts, 'one')], { cwd: dir, contentDir: 'content' });
    const changed = parts.map((text, n) => (n % 2 ? `${text}ŭ` : text));
    await write('dist', [version(changed, 'two')], { cwd: dir, contentDir: 'content' }, undefined, '', first.written);
    expect(same(await readFile(path.join(dir, 'dist', 'big.md'), 'utf8'), changed.join(''))).toBe(true);
  });
});
