import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { Cache, hash } from '../src/pipeline/cache.js';
import type { FileResult } from '../src/pipeline/check-file.js';
import { walk } from '../src/walk.js';
import { pagePoolSize, poolSize } from '../src/pipeline/pool.js';
import { build, check, type BuildOptions } from '../src/pipeline/index.js';
import { load } from '../src/pipeline/load.js';
import { cachedBuild, edit as editFile, expectSame, goldenProject, snapshot } from './helpers.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript, without types.
import { writeCorpus } from '../bench/generate.mjs';

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'ecap.js');

const project = () => goldenProject('ecap-cache-');

describe('cache', () => {
  it('gives byte-identical output cold and warm, and leaves an unchanged build alone', async () => {
    const dir = await project();
    const cold = await build(cachedBuild(dir, 'cold'));
    expect(cold.unchanged).toBeUndefined();
    const first = await build(cachedBuild(dir));
    const again = await build(cachedBuild(dir));
    expect(again.unchanged).toBe(true);
    expect(again.diagnostics).toEqual(first.diagnostics);
    const warm = await snapshot(path.join(dir, 'dist'));
    const coldFiles = await snapshot(path.join(dir, 'cold'));
    for (const [file, text] of coldFiles) if (file !== '.ecap-output') expect(warm.get(file), file).toBe(text);
  });

  it('gives byte-identical output serial and parallel, cold and warm, on a generated corpus, and through the bundled CLI', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-corpus-'));
    // 260 records (271 files): enough for each pool to start two workers, given three cores.
    await writeCorpus(path.join(dir, 'content'), 260);
    const run = (out: string, extra: Partial<BuildOptions>) => build({ contentDir: 'content', outDir: out, cwd: dir, provenance: {}, ...extra });
    expect(poolSize(271, 3)).toBe(2);
    expect(pagePoolSize(271, 3)).toBe(2);
    await run('serial', { jobs: 1 });
    await run('parallel', { jobs: 3, cacheDir: '.ecap-cache' });
    // The binary runs the bundle (scripts/bundle.js), whose workers run the bundled worker.
    const { SOURCE_DATE_EPOCH: _, ...env } = process.env;
    const cli = spawnSync(process.execPath, [bin, 'build', '--content', 'content', '--out', 'cli', '--cache-dir', '.cli-cache', '--jobs', '3'], { cwd: dir, encoding: 'utf8', env });
    expect(cli.status, cli.stderr).toBe(0);
    // One note changed then changed back: every body and page comes from the cache.
    const note = path.join(dir, 'content', 'practices', (await readdir(path.join(dir, 'content', 'practices'))).sort()[0]!);
    const text = await readFile(note, 'utf8');
    await writeFile(note, `${text}\nOne more sentence.\n`);
    await run('changed', { jobs: 2, cacheDir: '.ecap-cache' });
    await writeFile(note, text);
    const warm = await run('warm', { jobs: 2, cacheDir: '.ecap-cache' });
    expect(warm.unchanged).toBeUndefined();
    // A new output folder has no files to copy pieces from: each is made from the kept layout
    // and the texts in the store, the comprehensive report's stored in runs.
    await run('stored', { jobs: 2, cacheDir: '.ecap-cache' });
    const serial = await snapshot(path.join(dir, 'serial'));
    expect(serial.size).toBeGreaterThan(40);
    for (const other of ['parallel', 'warm', 'stored', 'cli']) {
      const files = await snapshot(path.join(dir, other));
      expect([...files.keys()].sort(), other).toEqual([...serial.keys()].sort());
      for (const [file, content] of serial) if (file !== '.ecap-output') expect(files.get(file) === content, `${other}/${file}`).toBe(true);
    }
    const changed = await snapshot(path.join(dir, 'changed'));
    expect(changed.get('comprehensive.md')).toContain('One more sentence.');
    await rm(dir, { recursive: true, force: true });
  });

  it('repeats the last check or build of the same content when only diagnostics are wanted, and checks changed content again', async () => {
    const dir = await project();
    const note = path.join(dir, 'content', 'missions', 'th.md');
    // A warning, so that there is something to repeat, with its code frame.
    await writeFile(note, (await readFile(note, 'utf8')).replace('status: final', 'status: draft'));
    const cached = { contentDir: 'content', cwd: dir, cacheDir: '.ecap-cache' };
    const plain = await check({ contentDir: 'content', cwd: dir });
    expect(plain.diagnostics.find((d) => d.rule === 'status/draft' && d.file.endsWith('/th.md'))).toBeDefined();
    const first = await check(cached, { diagnosticsOnly: true });
    expect(first.model).toBeDefined();
    expect(first.unchanged).toBeUndefined();
    const again = await check(cached, { diagnosticsOnly: true });
    expect(again).toMatchObject({ model: undefined, unchanged: true, key: plain.key, diagnostics: plain.diagnostics, excerpts: plain.excerpts });
    expect(again.files).toEqual(plain.files);
    expect((await check(cached)).model, 'a model asked for').toBeDefined();
    // A build records its check as a check does.
    await rm(path.join(dir, '.ecap-cache'), { recursive: true });
    await build(cachedBuild(dir));
    expect(await check(cached, { diagnosticsOnly: true })).toMatchObject({ unchanged: true, diagnostics: plain.diagnostics });
    // A build of the same content that has to write (elsewhere, here) does not record it again.
    const records = async () => (await readdir(path.join(dir, '.ecap-cache', 'checks'), { recursive: true })).filter((f) => f.endsWith('.bin'));
    const recordedAt = async () => (await stat(path.join(dir, '.ecap-cache', 'checks', (await records())[0]!))).mtimeMs;
    const before = await recordedAt();
    expect((await build(cachedBuild(dir, 'elsewhere'))).written.length).toBeGreaterThan(0);
    expect(await recordedAt()).toBe(before);
    await writeFile(note, (await readFile(note, 'utf8')).replace('status: draft', 'status: final'));
    const changed = await check(cached, { diagnosticsOnly: true });
    expect(changed.model).toBeDefined();
    expect(changed.unchanged).toBeUndefined();
    expect(changed.diagnostics.filter((d) => d.rule === 'status/draft').map((d) => d.file)).toEqual(plain.diagnostics.filter((d) => d.rule === 'status/draft' && !d.file.endsWith('/th.md')).map((d) => d.file));
    // Through the command line: the same report and exit code each time, the second from the
    // record (a warning and no model: exit 0 only because the record says there was one).
    const run = (...flags: string[]) => spawnSync(process.execPath, [bin, 'check', '--content', 'content', ...flags], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
    await writeFile(note, (await readFile(note, 'utf8')).replace('status: final', 'status: draft'));
    await rm(path.join(dir, '.ecap-cache'), { recursive: true });
    const cold = run();
    // One record (the command runs the bundle, whose code hash is not the sources' here).
    expect(await records(), 'recorded by the first check').toHaveLength(1);
    const warm = run();
    expect([cold.status, warm.status]).toEqual([0, 0]);
    const report = (r: { stderr: string }) => r.stderr.replace(/[\d.]+ s\n$/, '');
    expect(report(warm)).toBe(report(cold));
    expect(cold.stderr).toContain('status/draft');
    expect(run('--max-warnings', '0').status, 'warnings over the limit').toBe(1);
    // What the warm runs report is the record's: one that says nothing is reported as nothing.
    const [record] = await records();
    await new Cache(path.join(dir, '.ecap-cache')).set('checks', path.basename(record!, '.bin'), { diagnostics: [], languages: [] });
    expect(run().stderr).toMatch(/checked \d+ files; 0 errors, 0 warnings/);
  });

  it('rebuilds when a note changes or the output was touched', async () => {
    const dir = await project();
    await build(cachedBuild(dir));
    const note = path.join(dir, 'content', 'missions', 'th.md');
    await writeFile(note, (await readFile(note, 'utf8')).replace('A joint committee.', 'A joint committee with a secretariat.'));
    const changed = await build(cachedBuild(dir));
    expect(changed.unchanged).toBeUndefined();
    expect(await readFile(path.join(dir, 'dist', 'countries', 'th.md'), 'utf8')).toContain('A joint committee with a secretariat.');
    await rm(path.join(dir, 'dist', 'index.html'));
    expect((await build(cachedBuild(dir))).unchanged).toBeUndefined();
    expect(await readFile(path.join(dir, 'dist', 'index.html'), 'utf8')).toContain('<!doctype html>');
  });

  it('sees a note changed since the last build when it recalls the others without reading them, and reads all again after a wrong recall', async () => {
    const dir = await project();
    const cache = new Cache(path.join(dir, '.ecap-cache'));
    const key = hash('last', 'recalled', path.join(dir, 'content'));
    type Recalled = { files: Map<string, { kept: { digest: string } }> };
    // Ten seconds on: every note has settled, and can be recalled (see recall.ts).
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 10_000);
      await build(cachedBuild(dir));
      expect((await build(cachedBuild(dir))).unchanged).toBe(true);
      expect((await cache.get<Recalled>('last', key))?.files.size).toBe((await load('content', dir)).value.length);
      await sleep(20);
      const note = path.join(dir, 'content', 'missions', 'th.md');
      // As many bytes as before.
      await writeFile(note, (await readFile(note, 'utf8')).replace('A joint committee.', 'A joint Committee.'));
      expect((await build(cachedBuild(dir))).unchanged).toBeUndefined();
      expect(await readFile(path.join(dir, 'dist', 'countries', 'th.md'), 'utf8')).toContain('A joint Committee.');
      await build({ ...cachedBuild(dir, 'fresh'), cacheDir: undefined });
      await expectSame(path.join(dir, 'dist'), path.join(dir, 'fresh'));
      // A recall gone wrong (as a network mount's stale metadata would make it): the note read
      // again to be checked is not the one recalled. The build stops, and the next reads all.
      const entry = (await cache.get<Recalled>('last', key))!;
      entry.files.get('content/missions/th.md')!.kept.digest = 'f'.repeat(64);
      await cache.set('last', key, entry);
      await expect(build(cachedBuild(dir))).rejects.toThrow('`content/missions/th.md` changed while ecap was building from it: build again.');
      expect((await build(cachedBuild(dir))).unchanged).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes the unchanged sections of a changed note from its last check, and writes what a build without a cache writes', async () => {
    const dir = await project();
    const note = path.join(dir, 'content', 'missions', 'th.md');
    const country = path.join(dir, 'dist', 'countries', 'th.md');
    // Ten seconds on: every note has settled, and the build records what it read (see recall.ts).
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 10_000);
      await build(cachedBuild(dir));
      await editFile(note, 'A joint committee.', 'A joint committee, meeting monthly.');
      await build(cachedBuild(dir));
      await build({ ...cachedBuild(dir, 'fresh'), cacheDir: undefined });
      await expectSame(path.join(dir, 'dist'), path.join(dir, 'fresh'));
      // The note's checks in the cache, made to say otherwise where it was not changed: the next
      // build shows what they say, so it took that section from there rather than parsing it.
      const files = path.join(dir, '.ecap-cache', 'files');
      let tampered = 0;
      for (const entry of await readdir(files, { recursive: true })) {
        if (!entry.endsWith('.bin')) continue;
        const key = path.basename(entry, '.bin');
        const result = Cache.decode<FileResult>(key, await readFile(path.join(files, entry)));
        if (result?.checked?.path !== 'content/missions/th.md') continue;
        walk(result.checked.body!, (node) => void (node.type === 'text' && (node.value = node.value.replace('The mission met two agencies.', 'The mission met two agencies, said the cache.'))));
        await writeFile(path.join(files, entry), Cache.encode(key, result));
        tampered++;
      }
      expect(tampered).toBe(2);
      await editFile(note, 'meeting monthly', 'meeting every month');
      await build(cachedBuild(dir));
      expect(await readFile(country, 'utf8')).toContain('said the cache');
      expect(await readFile(country, 'utf8')).toContain('meeting every month');
    } finally {
      vi.useRealTimers();
    }
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

  it('decodes typed arrays that own their bytes, not views keeping the whole entry alive', () => {
    const value = { numbers: new Int32Array([1, -1, 7]), bytes: new Uint8Array([9]), buffer: Buffer.from('hi'), view: new DataView(new ArrayBuffer(4)), text: 'x'.repeat(10_000) };
    const decoded = Cache.decode<typeof value>('k', Cache.encode('k', value))!;
    expect(decoded).toEqual(value);
    for (const name of ['numbers', 'bytes', 'buffer', 'view'] as const) {
      expect(decoded[name].constructor).toBe(value[name].constructor);
      expect(decoded[name].buffer.byteLength).toBe(decoded[name].byteLength);
    }
  });
  it('takes an entry nothing reads again: decoded, its bytes let go of, a foreign one too', () => {
    const entry = Cache.encode('k', { text: 'x'.repeat(10_000) });
    const foreign = Cache.encode('other', 1);
    expect(Cache.take<{ text: string }>('k', entry)).toEqual({ text: 'x'.repeat(10_000) });
    expect(Cache.take('k', foreign)).toBeUndefined();
    expect([entry.byteLength, foreign.byteLength]).toEqual([0, 0]);
  });
  it('checks a corrupt cache’s files again instead of trusting it', async () => {
    const dir = await project();
    await build(cachedBuild(dir));
    const cache = path.join(dir, '.ecap-cache');
    const kinds = await readdir(cache);
    expect(kinds).toEqual(expect.arrayContaining(['files', 'prepared', 'bodies', 'pages', 'layouts', 'shapes', 'last', 'builds']));
    for (const kind of kinds) {
      for (const sub of await readdir(path.join(cache, kind))) for (const f of await readdir(path.join(cache, kind, sub))) await writeFile(path.join(cache, kind, sub, f), 'garbage');
    }
    await rm(path.join(dir, 'dist'), { recursive: true });
    const result = await build(cachedBuild(dir));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await build({ ...cachedBuild(dir, 'fresh'), cacheDir: undefined });
    await expectSame(path.join(dir, 'dist'), path.join(dir, 'fresh'));
  });

  it('checks a file again whose entry the cache lost between storing it and reading it back after the check', async () => {
    const dir = await project();
    const cache = path.join(dir, '.ecap-cache');
    let emptied = 0;
    // Each file's entry is stored as its check ends, and read back once every file is checked.
    const emptying = {
      ...cachedBuild(dir),
      onProgress: (stage: string, done?: number, total?: number) => {
        if (stage === 'checking' && done === total) {
          for (const kind of ['prepared', 'files']) rmSync(path.join(cache, kind), { recursive: true, force: true });
          emptied++;
        }
      },
    };
    const result = await build(emptying);
    expect(emptied).toBe(1);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await build({ ...cachedBuild(dir, 'fresh'), cacheDir: undefined });
    await expectSame(path.join(dir, 'dist'), path.join(dir, 'fresh'));
    // Stored again: the next build of other output parses nothing.
    expect((await readdir(path.join(cache, 'prepared'))).length).toBeGreaterThan(0);
    let parsed = 0;
    await build({ ...cachedBuild(dir, 'again'), onProgress: (stage) => void (stage === 'checking' && parsed++) });
    expect(parsed).toBe(0);
    await expectSame(path.join(dir, 'dist'), path.join(dir, 'again'));
  });

  it('prepares each edition from the same checked files, and writes each as a build without a cache does', async () => {
    const dir = await project();
    await build(cachedBuild(dir));
    const publicBuild = await build({ ...cachedBuild(dir, 'public'), edition: 'public' });
    expect(publicBuild.unchanged).toBeUndefined();
    await build({ ...cachedBuild(dir, 'fresh'), edition: 'public', cacheDir: undefined });
    await expectSame(path.join(dir, 'public'), path.join(dir, 'fresh'));
  });

  it('renders a body again from its note when the cache has lost its text', async () => {
    const dir = await project();
    await build(cachedBuild(dir));
    await rm(path.join(dir, '.ecap-cache', 'bodies'), { recursive: true });
    const again = await build(cachedBuild(dir, 'again'));
    expect(again.unchanged).toBeUndefined();
    await expectSame(path.join(dir, 'dist'), path.join(dir, 'again'));
  });

  it('stops, writing nothing, when a note it must read again to render a lost body changed during the build', async () => {
    const dir = await project();
    await build(cachedBuild(dir));
    await rm(path.join(dir, '.ecap-cache', 'bodies'), { recursive: true });
    // A build keeps no note's text once it is checked: it reads a note again to render a body
    // the cache has lost, and that note must still be the one it checked.
    const note = path.join(dir, 'content', 'missions', 'th.md');
    const edited = (await readFile(note, 'utf8')).replace('A joint committee.', 'A joint committee with a secretariat.');
    const changing = { ...cachedBuild(dir, 'again'), onProgress: (stage: string) => void (stage === 'writing' && writeFileSync(note, edited)) };
    await expect(build(changing)).rejects.toThrow('`content/missions/th.md` changed while ecap was building from it: build again.');
    await expect(stat(path.join(dir, 'again'))).rejects.toThrow();
    expect((await readdir(dir)).filter((name) => name.startsWith('again'))).toEqual([]);
    // Built again, it builds from the note as it is now.
    await build({ ...cachedBuild(dir, 'again') });
    expect(await readFile(path.join(dir, 'again', 'countries', 'th.md'), 'utf8')).toContain('A joint committee with a secretariat.');
  });

  it('stops, leaving the output as it was, when a note changes after it was read and before it was parsed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-corpus-'));
    await writeCorpus(path.join(dir, 'content'), 40);
    // On one thread, a build reads every file to hash it, keeps no text, and reads each file
    // again to parse it, 32 at a time: the last file is read again only once the first is checked.
    const files = (await load('content', dir)).value;
    expect(files.length).toBeGreaterThan(32);
    const last = files.at(-1)!;
    const cold = { ...cachedBuild(dir), cacheDir: undefined, jobs: 1 };
    await build(cold);
    const before = await snapshot(path.join(dir, 'dist'));
    let edited = false;
    const changing = { ...cold, onProgress: (stage: string) => void (stage === 'checking' && !edited && (edited = true) && writeFileSync(path.join(dir, last.path), `${last.text}\n`)) };
    await expect(build(changing)).rejects.toThrow(`\`${last.path}\` changed while ecap was building from it: build again.`);
    expect(await snapshot(path.join(dir, 'dist'))).toEqual(before);
    expect((await build(cold)).written.length).toBeGreaterThan(0);
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the files a change leaves as they were, and writes again one edited by hand', async () => {
    const dir = await project();
    await build(cachedBuild(dir));
    const inode = async (file: string) => (await stat(path.join(dir, 'dist', file))).ino;
    const before = await inode('countries/la.html');
    const note = path.join(dir, 'content', 'missions', 'th.md');
    await writeFile(note, (await readFile(note, 'utf8')).replace('A joint committee.', 'A joint committee with a secretariat.'));
    await writeFile(path.join(dir, 'dist', 'countries', 'la.md'), 'edited by hand\n');
    const changed = await build(cachedBuild(dir));
    expect(changed.kept).toBeGreaterThan(0);
    expect(changed.kept).toBeLessThan(changed.written.length);
    // Kept: the very file, linked into the new output.
    expect(await inode('countries/la.html')).toBe(before);
    await build({ ...cachedBuild(dir, 'fresh'), cacheDir: undefined });
    await expectSame(path.join(dir, 'dist'), path.join(dir, 'fresh'));
  });

  it('writes a changed body into the last build’s files, without laying the pages out again when it can, as a build without a cache does', async () => {
    const dir = await project();
    const edit = (file: string, from: string | RegExp, to: string) => editFile(path.join(dir, 'content', file), from, to);
    let round = 0;
    /** Builds, checks the output against a build without a cache, and tells whether the pages were laid out. */
    const rebuild = async (): Promise<boolean> => {
      const stages = new Set<string>();
      const result = await build({ ...cachedBuild(dir), onProgress: (stage) => void stages.add(stage) });
      expect(result.unchanged).toBeUndefined();
      // Without a new layout, most files stay as they were and are kept.
      if (!stages.has('laying out')) expect(result.kept).toBeGreaterThan(result.written.length / 2);
      await build({ ...cachedBuild(dir, `fresh-${++round}`), cacheDir: undefined });
      await expectSame(path.join(dir, 'dist'), path.join(dir, `fresh-${round}`));
      return stages.has('laying out');
    };
    expect(await rebuild()).toBe(true);
    // A body's wording: the same layout, its files patched.
    await edit('practices/th-destruction-ceremonies.md', 'The DIP invites the press.', 'The DIP invites the press and the public.');
    expect(await rebuild()).toBe(false);
    // A list item reworded; then a part of a note left empty, which the pages no longer show.
    await edit('missions/th.md', '- Data', '- Statistics');
    expect(await rebuild()).toBe(false);
    await edit('missions/th.md', 'A customs manual.', '');
    expect(await rebuild()).toBe(true);
    // A body that now ends with a list, before the list of facts its page puts after it: the
    // same layout, and in Markdown the two lists kept apart; then, the list gone, apart no more.
    const comprehensive = () => readFile(path.join(dir, 'dist', 'comprehensive.md'), 'utf8');
    await edit('recommendations/r01-ceremonies.md', 'Destroy seized goods in public.', 'Destroy seized goods in public:\n\n- before the press\n- before the courts');
    expect(await rebuild()).toBe(false);
    expect(await comprehensive()).toMatch(/- before the courts\n\n<!-- -->\n\n- \*\*Scope:\*\* Regional/);
    await edit('recommendations/r01-ceremonies.md', ':\n\n- before the press\n- before the courts', '.');
    expect(await rebuild()).toBe(false);
    expect(await comprehensive()).toMatch(/Destroy seized goods in public\.\n\n- \*\*Scope:\*\* Regional/);
    // A report edited by hand is not copied from.
    await writeFile(path.join(dir, 'dist', 'comprehensive.html'), 'edited by hand\n');
    await writeFile(path.join(dir, 'dist', 'comprehensive.md'), (await readFile(path.join(dir, 'dist', 'comprehensive.md'), 'utf8')).replace('press', 'PRESS'));
    await edit('practices/th-destruction-ceremonies.md', 'and the public', 'and the courts');
    expect(await rebuild()).toBe(false);
    // A record's data changes the layout.
    await edit('practices/th-destruction-ceremonies.md', 'title: Public destruction ceremonies', 'title: Public destruction of seized goods');
    expect(await rebuild()).toBe(true);
    // The pages' own texts lost from the cache: a file still in the output gives its pieces;
    // one that is not needs them, and the pages are laid out again.
    await rm(path.join(dir, '.ecap-cache', 'pages'), { recursive: true });
    await edit('practices/th-destruction-ceremonies.md', 'and the courts', 'and the police');
    expect(await rebuild()).toBe(false);
    await rm(path.join(dir, '.ecap-cache', 'pages'), { recursive: true, force: true });
    await rm(path.join(dir, 'dist', 'comprehensive.md'));
    await edit('practices/th-destruction-ceremonies.md', 'and the police', 'and the prosecutors');
    expect(await rebuild()).toBe(true);
    // The bodies' shapes lost: the changed body cannot be filled in from the kept layout, and the
    // pages are laid out again.
    await rm(path.join(dir, '.ecap-cache', 'shapes'), { recursive: true });
    await edit('practices/th-destruction-ceremonies.md', 'and the prosecutors', 'and the judges');
    expect(await rebuild()).toBe(true);
  });
});

