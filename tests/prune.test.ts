import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Cache, hash, renewAfterMs } from '../src/pipeline/cache.js';
import { build } from '../src/pipeline/index.js';
import { pruneCache } from '../src/pipeline/prune.js';
import { cachedBuild, expectSame, goldenProject } from './helpers.js';

const tests = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(tests, '..', 'bin', 'ecap.js');
const day = 86_400_000;

const entryFile = (dir: string, kind: string, key: string) => path.join(dir, kind, key.slice(0, 2), `${key}.bin`);
const mtime = async (file: string) => (await stat(file)).mtimeMs;

/** Sets a file's times to `ms` ago, as a cache restored from an earlier run has them. */
const age = (file: string, ms: number) => utimes(file, (Date.now() - ms) / 1000, (Date.now() - ms) / 1000);

async function ageAll(dir: string, ms: number): Promise<number> {
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    await age(path.join(entry.parentPath ?? entry.path, entry.name), ms);
    files++;
  }
  return files;
}

describe('the cache marks what builds use', () => {
  it('renews an entry older than ten minutes when it is read, and leaves a newer one as it is', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-prune-'));
    const cache = new Cache(dir);
    const [old, recent, foreign] = [hash('old'), hash('recent'), hash('foreign')];
    await Promise.all([cache.set('files', old, 'a'), cache.set('bodies', recent, 'b'), cache.set('files', foreign, 'c')]);
    await age(entryFile(dir, 'files', old), 2 * day);
    await age(entryFile(dir, 'bodies', recent), renewAfterMs / 2);
    // An entry under another key is not this one: not used, not renewed.
    await writeFile(entryFile(dir, 'files', foreign), Cache.encode(hash('someone else'), 'c'));
    await age(entryFile(dir, 'files', foreign), 2 * day);
    const before = await mtime(entryFile(dir, 'bodies', recent));

    expect(await cache.get('files', old)).toBe('a');
    expect(cache.getSync('bodies', recent)).toBe('b');
    expect(cache.getSync('files', foreign)).toBeUndefined();

    expect(Date.now() - (await mtime(entryFile(dir, 'files', old)))).toBeLessThan(60_000);
    expect(await mtime(entryFile(dir, 'bodies', recent))).toBe(before);
    expect(Date.now() - (await mtime(entryFile(dir, 'files', foreign)))).toBeGreaterThan(day);
    // The sync read renews too.
    await age(entryFile(dir, 'bodies', recent), 2 * day);
    cache.getSync('bodies', recent);
    expect(Date.now() - (await mtime(entryFile(dir, 'bodies', recent)))).toBeLessThan(60_000);
  });
});

describe('pruneCache', () => {
  it('removes the entries unused for the given age, and nothing that is not an entry', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-prune-'));
    const cache = new Cache(dir);
    const [kept, stale, lone] = [hash('kept'), hash('stale'), hash('lone')];
    await Promise.all([cache.set('pages', kept, 'x'.repeat(100)), cache.set('pages', stale, 'y'.repeat(200)), cache.set('bodies', lone, 'z')]);
    await age(entryFile(dir, 'pages', stale), 2 * day);
    await age(entryFile(dir, 'bodies', lone), 2 * day);
    // Left by a build that was killed while it wrote an entry.
    const temp = `${entryFile(dir, 'pages', kept)}.123-0-7.tmp`;
    await writeFile(temp, 'half');
    await age(temp, 2 * day);
    // Not ecap's: a folder named by mistake keeps its own files, however old.
    const theirs = [path.join(dir, 'notes.txt'), path.join(dir, 'pages', 'readme.bin'), path.join(dir, 'pages', stale.slice(0, 2), 'copy.bin'), path.join(dir, 'Photos', 'ab', `${stale}.bin`)];
    for (const file of theirs) {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, 'mine');
      await age(file, 30 * day);
    }
    const staleBytes = (await stat(entryFile(dir, 'pages', stale))).size + (await stat(entryFile(dir, 'bodies', lone))).size + 4;

    const now = Date.now();
    const dry = await pruneCache(dir, day, { dryRun: true, now });
    // No build has laid out reports in this cache: the age counts back from now.
    expect(dry).toEqual({ found: true, since: now, removed: { entries: 3, bytes: staleBytes }, kept: { entries: 1, bytes: (await stat(entryFile(dir, 'pages', kept))).size }, refused: { entries: 0, bytes: 0 }, unlisted: { folders: 0 } });
    await expect(stat(entryFile(dir, 'pages', stale))).resolves.toBeTruthy();

    expect(await pruneCache(dir, day, { now })).toEqual(dry);
    await expect(stat(entryFile(dir, 'pages', stale))).rejects.toThrow();
    await expect(stat(temp)).rejects.toThrow();
    expect(await cache.get('pages', kept)).toBe('x'.repeat(100));
    for (const file of theirs) expect(await readFile(file, 'utf8')).toBe('mine');
    // Folders stay, even emptied, so that a build storing into one meanwhile loses nothing.
    expect(await readdir(path.dirname(entryFile(dir, 'bodies', lone)))).toEqual([]);
    await cache.set('bodies', lone, 'again');
    expect(await cache.get('bodies', lone)).toBe('again');

    expect(await pruneCache(path.join(dir, 'missing'), day, { now })).toEqual({ found: false, since: now, removed: { entries: 0, bytes: 0 }, kept: { entries: 0, bytes: 0 }, refused: { entries: 0, bytes: 0 }, unlisted: { folders: 0 } });
  });

  it('keeps all that the next build needs, after a build that laid out every page (as in CI, after each commit)', { timeout: 60_000 }, async () => {
    const dir = await goldenProject('ecap-prune-');
    const options = (out: string) => cachedBuild(dir, out);
    const cacheDir = path.join(dir, '.ecap-cache');
    const retitle = async (file: string, from: string, to: string) => {
      const note = path.join(dir, 'content', file);
      await writeFile(note, (await readFile(note, 'utf8')).replace(`title: ${from}`, `title: ${to}`));
    };
    await build(options('dist'));
    // A new title moves anchors: every page is laid out and made again from the bodies' text.
    await retitle('practices/la-complaint-raids.md', 'Complaint-led raids', 'Raids on complaint');
    await build(options('dist'));
    // As restored by CI the next day: then a build after another commit, which reads what it needs.
    expect(await ageAll(cacheDir, 2 * day)).toBeGreaterThan(50);
    await retitle('practices/th-destruction-ceremonies.md', 'Public destruction ceremonies', 'Destruction ceremonies in public');
    await build(options('dist'));
    const pruned = await pruneCache(cacheDir, day);
    // What only the first two builds used: their layouts, pages, and the checks of the first titles.
    expect(pruned.removed.entries).toBeGreaterThan(10);
    expect(pruned.kept.entries).toBeGreaterThan(pruned.removed.entries);

    await retitle('practices/la-complaint-raids.md', 'Raids on complaint', 'Raids on a complaint');
    let parsed = 0;
    const after = await build({ ...options('dist'), onProgress: (stage) => void (stage === 'checking' && parsed++) });
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Only the note that changed is parsed again; the rest comes from what prune kept.
    expect(parsed).toBe(1);
    await build({ ...options('fresh'), cacheDir: undefined });
    await expectSame(path.join(dir, 'dist'), path.join(dir, 'fresh'));
  });
});

describe('pruneCache after builds that wrote nothing', () => {
  it('counts the age back from the last build that laid out the reports, so that builds finding them up to date lose nothing', { timeout: 60_000 }, async () => {
    const dir = await goldenProject('ecap-prune-');
    const options = cachedBuild(dir);
    const cacheDir = path.join(dir, '.ecap-cache');
    await build(options);
    // Ten days of builds that found the output up to date: they read a few records only.
    await ageAll(cacheDir, 10 * day);
    expect((await build(options)).unchanged).toBe(true);
    const pruned = await pruneCache(cacheDir, 7 * day);
    expect(pruned.removed.entries).toBe(0);
    expect(Date.now() - pruned.since).toBeGreaterThan(9 * day);

    const note = path.join(dir, 'content', 'practices', 'la-complaint-raids.md');
    await writeFile(note, (await readFile(note, 'utf8')).replace('title: Complaint-led raids', 'title: Raids on complaint'));
    let parsed = 0;
    await build({ ...options, onProgress: (stage) => void (stage === 'checking' && parsed++) });
    expect(parsed).toBe(1);
    await build({ ...options, outDir: 'fresh', cacheDir: undefined });
    await expectSame(path.join(dir, 'dist'), path.join(dir, 'fresh'));
  });
});

describe('ecap cache prune (process)', () => {
  const ecap = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [bin, 'cache', 'prune', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('says what it removed and kept, or would on a dry run, and that there is no cache', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-prune-'));
    const cache = new Cache(path.join(dir, '.ecap-cache'));
    const keys = [hash('a'), hash('b'), hash('c')];
    for (const key of keys) await cache.set('bodies', key, 'text');
    for (const key of keys.slice(1)) await age(entryFile(cache.dir, 'bodies', key), 10 * day);

    const dry = ecap(dir, '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stderr).toMatch(/^ecap: would remove 2 entries \(0\.0 MB\) unused for 7d from \.ecap-cache\/; kept 1 entry \(0\.0 MB\); \d+\.\d\d s\n$/);
    const run = ecap(dir, '--unused-for', '36h');
    expect(run.stderr).toMatch(/^ecap: removed 2 entries \(0\.0 MB\) unused for 36h from \.ecap-cache\/; kept 1 entry/);
    expect((await readdir(path.join(cache.dir, 'bodies'), { recursive: true })).filter((f) => f.endsWith('.bin'))).toHaveLength(1);

    // Ages are whole minutes, shown in the largest unit that divides them.
    expect(ecap(dir, '--unused-for', '1.1h', '--dry-run').stderr).toContain(' unused for 66m from ');
    expect(ecap(dir, '--unused-for', '60m', '--dry-run').stderr).toContain(' unused for 1h from ');
    expect(ecap(dir, '--unused-for', '0.5d', '--dry-run').stderr).toContain(' unused for 12h from ');

    const none = ecap(dir, '--cache-dir', 'elsewhere/');
    expect(none.status).toBe(0);
    expect(none.stderr).toMatch(/^ecap: no cache at elsewhere\/, nothing to prune; /);
  });

  it('refuses an age it cannot read or one too short to be safe, and a file, with exit code 2', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-prune-'));
    await writeFile(path.join(dir, 'notes.txt'), 'mine');
    const unreadable = ecap(dir, '--unused-for', '7x');
    expect(unreadable.status).toBe(2);
    expect(unreadable.stderr).toContain("option '--unused-for <age>' argument '7x' is invalid. expected a number of days, hours or minutes, as in 7d, 12h or 90m.");
    const short = ecap(dir, '--unused-for', '30m');
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('expected 1h or more: a build marks an entry it reads as used only once the entry is 10 minutes old');
    const file = ecap(dir, '--cache-dir', 'notes.txt');
    expect(file.status).toBe(2);
    expect(file.stderr).toBe('ecap: --cache-dir notes.txt is a file, not a cache folder: name the folder that `ecap build --cache-dir` uses.\n');
    expect(await readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});
