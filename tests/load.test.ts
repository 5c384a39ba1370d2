import { rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { load, readAgain, withoutText } from '../src/pipeline/load.js';
import { tree } from './helpers.js';

describe('load', () => {
  it('reads collections in a fixed order, whatever the file system lists', async () => {
    const dir = await tree({
      'content/activity.yaml': 'x: 1\n',
      'content/sources.yaml': '[]\n',
      'content/themes/b.md': '---\n---\n',
      'content/themes/a.md': '---\n---\n',
      'content/statistics/th.yml': 'x: 1\n',
    });
    const { value, diagnostics } = await load('content', dir);
    expect(diagnostics).toEqual([]);
    expect(value.map((f) => f.path)).toEqual(['content/activity.yaml', 'content/sources.yaml', 'content/themes/a.md', 'content/themes/b.md', 'content/statistics/th.yml']);
  });

  it('strips a byte-order mark', async () => {
    const dir = await tree({ 'content/activity.yaml': '\uFEFFtitle: x\n', 'content/sources.yaml': '[]\n' });
    expect((await load('content', dir)).value[0]!.text).toBe('title: x\n');
  });

  it('reports stray, binary, non-UTF-8 and missing files without stopping', async () => {
    const dir = await tree({
      'content/activity.yaml': 'x: 1\n',
      'content/missions/notes.docx': 'PK',
      'content/missions/latin1.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]),
      'content/missions/binary.md': new Uint8Array([0x00, 0x01, 0x02]),
      'content/missions/ok.md': '---\n---\n',
    });
    const { value, diagnostics } = await load('content', dir);
    expect(value.map((f) => f.id)).toEqual(['activity', 'ok']);
    expect(diagnostics.map((d) => `${d.file} ${d.rule}`).sort()).toEqual([
      'content/missions/binary.md file/unreadable',
      'content/missions/latin1.md file/unreadable',
      'content/missions/notes.docx file/stray',
      'content/sources.yaml file/missing',
    ]);
  });

  it('never follows a symbolic link out of the content folder', async () => {
    const dir = await tree({ 'content/activity.yaml': 'x: 1\n', 'content/sources.yaml': '[]\n', 'secret.md': '---\ntitle: secret\n---\n' });
    await symlink(path.join(dir, 'secret.md'), path.join(dir, 'content', 'themes-link.md'));
    await tree({ 'content/themes/.keep': '' }, dir);
    await symlink(path.join(dir, 'secret.md'), path.join(dir, 'content', 'themes', 'leak.md'));
    const { value, diagnostics } = await load('content', dir);
    expect(value.some((f) => f.text.includes('secret'))).toBe(false);
    expect(diagnostics).toMatchObject([{ file: 'content/themes/leak.md', rule: 'file/unreadable' }]);
  });

  it('reads a file kept without its text again, and refuses it once it has changed', async () => {
    const dir = await tree({ 'content/activity.yaml': 'title: x\n', 'content/sources.yaml': '[]\n' });
    const [kept] = (await load('content', dir, withoutText)).value;
    expect(kept).not.toHaveProperty('text');
    expect(await readAgain(kept!, dir)).toEqual({ path: 'content/activity.yaml', collection: 'activity', id: 'activity', text: 'title: x\n' });
    await writeFile(path.join(dir, 'content/activity.yaml'), 'title: y\n');
    await expect(readAgain(kept!, dir)).rejects.toThrow(new UsageError('`content/activity.yaml` changed while ecap was building from it: build again.'));
    await rm(path.join(dir, 'content/activity.yaml'));
    await expect(readAgain(kept!, dir)).rejects.toBeInstanceOf(UsageError);
  });

  it('treats a missing content folder as a usage error', async () => {
    const dir = await tree({});
    await expect(load('nowhere', dir)).rejects.toBeInstanceOf(UsageError);
  });
});
