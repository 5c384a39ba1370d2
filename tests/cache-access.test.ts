import { spawnSync } from 'node:child_process';
import { chmod, chown, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectSame, golden, repo } from './helpers.js';
import { skipWithout } from './publication/tools.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript, without types.
import { writeCorpus } from '../bench/generate.mjs';

// A cache ecap may not write to, as another user meets one (a cache made by `sudo ecap build`,
// or restored read-only): ecap runs as `nobody` on a cache root made. Only root can run a
// process as another user, so these run as root (CI does) and are skipped elsewhere.
const nobody = 65534;
const root = process.getuid?.() === 0;
const runAs = { name: 'root', path: root ? 'root' : undefined, missing: 'running a process as another user needs root' };

/**
 * ecap as installed, in `dir`/ecap, where nobody may read it: the clone may be where nobody
 * may not (under /root, say). What the bundle reads at run time: its package.json, templates,
 * schemas and fonts.
 */
async function install(dir: string): Promise<string> {
  for (const part of ['package.json', 'bin', 'build', 'templates', 'schemas', 'node_modules/@fontsource']) await cp(path.join(repo, part), path.join(dir, 'ecap', part), { recursive: true });
  return path.join(dir, 'ecap', 'bin', 'ecap.js');
}

/** Runs ecap (`bin`) in `dir`, as root or as nobody. */
function ecap(bin: string, dir: string, args: string[], as: 'root' | 'nobody' = 'root') {
  const { SOURCE_DATE_EPOCH: _, ...env } = process.env;
  const user = as === 'nobody' ? { uid: nobody, gid: nobody } : {};
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...env, NO_COLOR: '1' }, ...user });
  return { code: run.status, stderr: run.stderr };
}

/** Every file under `dir`, with its owner and modification time. */
async function entries(dir: string): Promise<Array<{ file: string; uid: number; mtimeMs: number }>> {
  const out: Array<{ file: string; uid: number; mtimeMs: number }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { uid, mtimeMs } = await stat(file);
    out.push({ file, uid, mtimeMs });
  }
  return out;
}

const folders: string[] = [];
afterEach(() => Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

if (!skipWithout(runAs, 'Caches ecap may not write to')) describe('a cache ecap may not write to', { timeout: 180_000 }, () => {
  it('is read without being renewed, loses what it cannot store, and is not used at all when nothing can be written to it; the output is the same', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-cache-access-'));
    folders.push(dir);
    // 260 records: enough for the pool to start two workers, which store bodies of their own
    // (below, where every file is to be prepared).
    await writeCorpus(path.join(dir, 'content'), 260);
    const bin = await install(dir);
    const run = (args: string[], as?: 'nobody') => ecap(bin, dir, args, as);
    // Everything nobody writes goes into a folder of its own; everything root made, nobody may read.
    await chmod(dir, 0o755);
    const theirs = path.join(dir, 'theirs');
    await mkdir(theirs);
    await chown(theirs, nobody, nobody);
    expect(run(['build', '--cache-dir', 'cache', '--out', 'theirs/dist', '--jobs', '2']).code).toBe(0);
    const made = await readdir(path.join(theirs, 'dist'), { withFileTypes: true, recursive: true });
    for (const entry of [path.join(theirs, 'dist'), ...made.map((e) => path.join(e.parentPath, e.name))]) await chown(entry, nobody, nobody);
    // Two days old, as a cache restored the next day: every entry read is due its renewal.
    const old = new Date(Date.now() - 2 * 86_400_000);
    for (const { file } of await entries(path.join(dir, 'cache'))) await utimes(file, old, old);

    // The top folder nobody's, every folder in it root's: the cache is read, and every store fails.
    const shared = path.join(theirs, 'cache');
    await cp(path.join(dir, 'cache'), shared, { recursive: true, preserveTimestamps: true });
    await chown(shared, nobody, nobody);
    for (const kind of await readdir(shared)) for (let s = 0; s < 256; s++) await mkdir(path.join(shared, kind, s.toString(16).padStart(2, '0')), { recursive: true });
    const before = await entries(shared);

    // Nothing changed: found from the cache's records, which nobody may not renew.
    const unchanged = run(['build', '--cache-dir', 'theirs/cache', '--out', 'theirs/dist'], 'nobody');
    expect(unchanged.stderr).toMatch(/^ecap: nothing changed, theirs\/dist\/ is up to date/m);
    expect(unchanged.code).toBe(0);
    expect(await entries(shared)).toEqual(before);

    // One note changed: its entries cannot be stored, and the build does without them.
    const note = path.join(dir, 'content', 'practices', (await readdir(path.join(dir, 'content', 'practices'))).sort()[0]!);
    await writeFile(note, `${await readFile(note, 'utf8')}\nOne more sentence, in a [link](https://example.org/more).\n`);
    expect(run(['build', '--no-cache', '--out', 'expected']).code).toBe(0);
    const changed = run(['build', '--cache-dir', 'theirs/cache', '--out', 'theirs/dist', '--jobs', '2'], 'nobody');
    expect(changed.stderr).toMatch(/^ecap: wrote \d+ files to theirs\/dist\//m);
    expect(changed.code).toBe(0);
    await expectSame(path.join(dir, 'expected'), path.join(theirs, 'dist'));
    expect(await entries(shared)).toEqual(before);

    // Every file to prepare (for the public edition, which root's build did not), so that both
    // workers run, and none of the bodies they make can be stored: the main thread makes them again.
    expect(run(['build', '--no-cache', '--edition', 'public', '--out', 'expected-public']).code).toBe(0);
    const pooled = run(['build', '--cache-dir', 'theirs/cache', '--edition', 'public', '--out', 'theirs/public', '--jobs', '2'], 'nobody');
    expect(pooled.stderr).toMatch(/^ecap: wrote \d+ files to theirs\/public\//m);
    expect(pooled.code).toBe(0);
    await expectSame(path.join(dir, 'expected-public'), path.join(theirs, 'public'));
    expect(await entries(shared)).toEqual(before);

    // root's own cache, where nobody can write nothing at all: said once, and not used.
    const unwritable = run(['build', '--cache-dir', 'cache', '--out', 'theirs/apart', '--jobs', '2'], 'nobody');
    expect(unwritable.stderr.split('\n')[0]).toBe('ecap: cannot write to the cache folder `cache` (EACCES), so running without it, as with --no-cache: check that ecap may write there, or choose another with --cache-dir DIR.');
    expect(unwritable.code).toBe(0);
    await expectSame(path.join(dir, 'expected'), path.join(theirs, 'apart'));
    const check = run(['check', '--cache-dir', 'cache'], 'nobody');
    expect(check.stderr).toMatch(/^ecap: cannot write to the cache folder `cache` \(EACCES\)/);
    expect(check.stderr).toMatch(/^ecap: checked 271 files; /m);
  });

  it('is pruned of what ecap may remove, and says what it may not (exit 1)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-cache-access-'));
    folders.push(dir);
    await chmod(dir, 0o755);
    await cp(golden, path.join(dir, 'content'), { recursive: true });
    const bin = await install(dir);
    expect(ecap(bin, dir, ['build', '--cache-dir', 'cache']).code).toBe(0);
    // Every entry but the layout two days old; one folder of bodies nobody's, one that nobody
    // may not even list (root's, as with umask 077), the rest root's.
    const old = new Date(Date.now() - 2 * 86_400_000);
    const all = await entries(path.join(dir, 'cache'));
    for (const { file } of all) if (!file.includes(`${path.sep}layouts${path.sep}`)) await utimes(file, old, old);
    const [theirs, closed] = (await readdir(path.join(dir, 'cache', 'bodies'))).sort().map((name) => path.join(dir, 'cache', 'bodies', name));
    await chown(theirs!, nobody, nobody);
    await chmod(closed!, 0o700);
    const removable = all.filter(({ file }) => path.dirname(file) === theirs);
    const refused = all.filter(({ file }) => path.dirname(file) !== theirs && path.dirname(file) !== closed && !file.includes(`${path.sep}layouts${path.sep}`));
    expect(removable.length).toBeGreaterThan(0);
    expect(all.filter(({ file }) => path.dirname(file) === closed).length).toBeGreaterThan(0);

    const prune = ecap(bin, dir, ['cache', 'prune', '--cache-dir', 'cache', '--unused-for', '1d'], 'nobody');
    const [removed, refusal, unlisted] = prune.stderr.trimEnd().split('\n');
    expect(removed).toMatch(new RegExp(`^ecap: removed ${removable.length} entr(y|ies) \\([\\d.]+ MB\\) unused for 1d from cache/; kept 1 entry`));
    expect(refusal).toMatch(new RegExp(`^ecap: could not remove ${refused.length} entries \\([\\d.]+ MB\\) \\(EACCES\\): their folders are another user's, or the disk is read-only, or a build has them open; prune as the user whose builds made them, once no build runs\\.$`));
    expect(unlisted).toBe("ecap: could not look into 1 folder of the cache (EACCES), whose entries are neither removed nor counted above: it is another user's; prune as the user whose builds made it.");
    expect(prune.code).toBe(1);
    expect((await entries(path.join(dir, 'cache'))).map((e) => e.file).sort()).toEqual(all.filter((e) => !removable.includes(e)).map((e) => e.file).sort());
  });
});
