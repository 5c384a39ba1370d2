import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProvenance } from '../src/pipeline/provenance.js';
import { git } from './helpers.js';

/** A repository whose `content/` holds one committed note. */
async function repository(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-provenance-'));
  await mkdir(path.join(dir, 'content'));
  await writeFile(path.join(dir, 'content', 'note.md'), '---\ntitle: A note\n---\n\nText.\n');
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'Content');
  return dir;
}

describe('readProvenance', () => {
  it('gives the content’s commit, and whether its folder has uncommitted changes', async () => {
    const dir = await repository();
    const commit = git(dir, 'rev-parse', '--short=12', 'HEAD').trim();
    expect(await readProvenance('content', dir, {})).toEqual({ commit, dirty: false });
    // A change outside the content folder is not the content's.
    await writeFile(path.join(dir, 'elsewhere.txt'), 'x\n');
    expect(await readProvenance('content', dir, {})).toEqual({ commit, dirty: false });
    await writeFile(path.join(dir, 'content', 'note.md'), '---\ntitle: A note\n---\n\nChanged.\n');
    expect(await readProvenance('content', dir, {})).toEqual({ commit, dirty: true });
  });

  it('finds the repository from a worktree, and gives no commit before the first', async () => {
    const dir = await repository();
    const worktree = path.join(await mkdtemp(path.join(os.tmpdir(), 'ecap-provenance-')), 'worktree');
    git(dir, 'worktree', 'add', '-q', worktree);
    const commit = git(dir, 'rev-parse', '--short=12', 'HEAD').trim();
    expect(await readProvenance('content', worktree, {})).toEqual({ commit, dirty: false });
    const empty = await mkdtemp(path.join(os.tmpdir(), 'ecap-provenance-'));
    git(empty, 'init', '-q');
    expect(await readProvenance('.', empty, {})).toEqual({});
  });

  it('gives no commit outside a repository, and the date of SOURCE_DATE_EPOCH', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-provenance-'));
    expect(await readProvenance('.', dir, {})).toEqual({});
    expect(await readProvenance('.', dir, { SOURCE_DATE_EPOCH: '1795046400' })).toEqual({ date: '2026-11-19' });
    expect(await readProvenance('.', dir, { SOURCE_DATE_EPOCH: 'yesterday' })).toEqual({});
  });
});
