import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { debounce, recursiveWatchSupported, watchFolders, watchHeld } from '../src/watch.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript, without types.
import { writeCorpus } from '../bench/generate.mjs';
import { repo, goldenProject } from './helpers.js';

const bin = path.join(repo, 'bin', 'ecap.js');

/** Resolves once `test` holds, or rejects after `ms`: no test waits without a bound. */
async function until(test: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const rethrow = (error: Error) => {
  throw error;
};

describe('watchFolders', () => {
  it('watches recursively on Linux from Node 20.13, always on macOS and Windows, elsewhere folder by folder', () => {
    expect(recursiveWatchSupported('linux', '20.12.2')).toBe(false);
    expect(recursiveWatchSupported('linux', '20.13.0')).toBe(true);
    expect(recursiveWatchSupported('linux', '22.1.0')).toBe(true);
    expect(recursiveWatchSupported('darwin', '20.11.0')).toBe(true);
    expect(recursiveWatchSupported('win32', '20.0.0')).toBe(true);
    expect(recursiveWatchSupported('aix', '22.0.0')).toBe(false);
  });

  for (const recursive of [true, false]) {
    const way = recursive ? 'one recursive watcher' : 'a watcher per folder';

    it(`sees changes in folders old and new, and none in dot files or dot folders (${way})`, async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'ecap-watch-'));
      await mkdir(path.join(root, 'missions'));
      await mkdir(path.join(root, '.git'));
      const seen = new Set<string>();
      const watcher = watchFolders([root], (file) => seen.add(path.relative(root, file)), rethrow, recursive);
      try {
        await writeFile(path.join(root, '.swap'), 'x');
        await writeFile(path.join(root, 'missions', '.th.md.swp'), 'x');
        await writeFile(path.join(root, '.git', 'index'), 'x');
        await writeFile(path.join(root, 'missions', 'th.md'), 'x');
        await until(() => seen.has(path.join('missions', 'th.md')), 5000, 'a change in a folder that was there');
        await mkdir(path.join(root, 'themes'));
        await until(() => seen.has('themes'), 5000, 'the new folder');
        // A new folder may be watched only after its creation is reported: write until a change inside it is seen.
        await until(async () => {
          await writeFile(path.join(root, 'themes', 'courts.md'), 'y');
          return seen.has(path.join('themes', 'courts.md'));
        }, 5000, 'a change in a new folder');
        expect([...seen].filter((file) => file.split(path.sep).some((segment) => segment.startsWith('.')))).toEqual([]);
      } finally {
        watcher.close();
      }
    });

    it(`reports nothing once closed, even from its own callback, and a folder it cannot watch (${way})`, async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'ecap-watch-'));
      const seen: string[] = [];
      const watcher = watchFolders([root], (file) => {
        seen.push(file);
        watcher.close();
      }, rethrow, recursive);
      await mkdir(path.join(root, 'themes'));
      await until(() => seen.length > 0, 5000, 'the first change');
      await writeFile(path.join(root, 'themes', 'courts.md'), 'x');
      await writeFile(path.join(root, 'index.md'), 'x');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen).toHaveLength(1);

      const errors: NodeJS.ErrnoException[] = [];
      watchFolders([path.join(root, 'nowhere')], () => {}, (error) => errors.push(error), recursive).close();
      expect(errors.map((error) => error.code)).toEqual(['ENOENT']);
    });
  }
});

describe('watchHeld', () => {
  it('holds changes and errors until released, then tells the changes as one and each error, and after that every change', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'ecap-watch-'));
    const held = watchHeld([root]);
    const missing = watchHeld([path.join(root, 'nowhere')]);
    try {
      await writeFile(path.join(root, 'a.md'), 'x');
      await writeFile(path.join(root, 'b.md'), 'x');
      await new Promise((resolve) => setTimeout(resolve, 300));
      let changes = 0;
      held.release(() => changes++, rethrow);
      expect(changes).toBe(1);
      await writeFile(path.join(root, 'c.md'), 'x');
      await until(() => changes > 1, 5000, 'a change after release');

      const errors: NodeJS.ErrnoException[] = [];
      missing.release(() => {}, (error) => errors.push(error));
      expect(errors.map((error) => error.code)).toEqual(['ENOENT']);
    } finally {
      held.close();
      missing.close();
    }
  });
});

describe('debounce', () => {
  it('runs once things are quiet, one run at a time, and not after cancel', async () => {
    let runs = 0;
    let active = 0;
    let most = 0;
    const task = debounce(async () => {
      runs++;
      most = Math.max(most, ++active);
      await new Promise((resolve) => setTimeout(resolve, 60));
      active--;
    }, 20);
    for (let i = 0; i < 5; i++) task.trigger();
    await until(() => runs === 1, 5000, 'the first run');
    // Changes during a run: one more run after it, never two at once.
    task.trigger();
    task.trigger();
    await until(() => runs === 2, 2000, 'the second run');
    await new Promise((resolve) => setTimeout(resolve, 150));
    task.trigger();
    task.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([runs, most]).toEqual([2, 1]);
  });
});

describe('ecap check --watch (process)', () => {
  it('checks again on every change, one summary line per run, and stops on Ctrl-C', { timeout: 60_000 }, async () => {
    const dir = await goldenProject('ecap-watch-cli-');
    const child = spawn(process.execPath, [bin, 'check', '--watch'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const summaries = () => stripVTControlCharacters(stderr).match(/^ecap: checked \d+ files; .*$/gm) ?? [];
    try {
      await until(() => stderr.includes('ecap: watching content/ for changes; press Ctrl-C to stop\n'), 20_000, 'the first run');
      expect(summaries()).toHaveLength(1);
      expect(summaries()[0]).toMatch(/; 0 errors, /);

      await writeFile(path.join(dir, 'content', 'themes', 'courts.md'), '---\ntitle: Courts\nsummary: S\norder: first\n---\nText\n');
      await until(() => summaries().length >= 2, 20_000, 'a run after the change');
      await until(() => summaries().some((s) => s.includes('; 1 error, ')), 20_000, 'the new error');
      expect(stderr).toContain('content/themes/courts.md:4:8  error  Unexpected text `first` for `order`, expected a whole number.');

      const runs = summaries().length;
      await writeFile(path.join(dir, 'content', 'themes', 'courts.md'), '---\ntitle: Courts\nsummary: S\norder: 1\n---\nText\n');
      await until(() => summaries().length > runs && summaries().at(-1)!.includes('; 0 errors, '), 20_000, 'the fixed file');
      // Nothing is cleared: the earlier runs' output is still there.
      expect(stderr).toContain('content/themes/courts.md:4:8');

      child.kill('SIGINT');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
  });

  it('refuses --fix with --watch (exit 2)', async () => {
    const dir = await goldenProject('ecap-watch-cli-');
    const child = spawn(process.execPath, [bin, 'check', '--watch', '--fix'], { cwd: dir });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearTimeout(timer);
    expect(code).toBe(2);
    expect(stderr).toContain('--watch and --fix cannot be combined');
  });
});

describe('ecap build --watch (process)', () => {
  it('builds again on a change, keeps the last good output on an error, and stops on Ctrl-C', { timeout: 60_000 }, async () => {
    const dir = await goldenProject('ecap-watch-build-');
    const child = spawn(process.execPath, [bin, 'build', '--watch'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const lines = () => stripVTControlCharacters(stderr).match(/^ecap: (wrote|nothing changed).*$/gm) ?? [];
    const note = path.join(dir, 'content', 'missions', 'th.md');
    try {
      await until(() => stderr.includes('press Ctrl-C to stop\n'), 20_000, 'the first build');
      expect(lines()[0]).toMatch(/^ecap: wrote \d+ files to dist\//);

      await writeFile(note, (await readFile(note, 'utf8')).replace('A joint committee.', 'A joint committee with a secretariat.'));
      await until(() => lines().length >= 2, 20_000, 'a build after the change');
      expect(await readFile(path.join(dir, 'dist', 'countries', 'th.md'), 'utf8')).toContain('A joint committee with a secretariat.');

      const good = await readFile(path.join(dir, 'dist', 'countries', 'th.html'), 'utf8');
      await writeFile(note, '---\ncountry: [\n---\n');
      await until(() => lines().some((l) => l.startsWith('ecap: wrote nothing')), 20_000, 'the failed build');
      expect(await readFile(path.join(dir, 'dist', 'countries', 'th.html'), 'utf8')).toBe(good);

      child.kill('SIGINT');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
      expect(code).not.toBe('timeout');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
  });
  it('says what is wrong with a template broken from the start and builds once it is fixed; a folder that is not there stops it (exit 2)', { timeout: 60_000 }, async () => {
    const dir = await goldenProject('ecap-watch-build-');
    await cp(path.join(repo, 'templates'), path.join(dir, 'templates'), { recursive: true });
    const shell = path.join(dir, 'templates', 'page.html.hbs');
    const original = await readFile(shell, 'utf8');
    await writeFile(shell, original.replace('{{title}}', '{{#if title}}'));
    const child = spawn(process.execPath, [bin, 'build', '--watch', '--templates', 'templates'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(() => stderr.includes('press Ctrl-C to stop\n'), 20_000, 'the watch');
      expect(stderr).toMatch(/^ecap: Template page\.html\.hbs cannot be used: .*\necap: watching content\/ and the templates for changes/m);
      await writeFile(shell, original);
      await until(() => /^ecap: wrote \d+ files to dist\//m.test(stripVTControlCharacters(stderr)), 20_000, 'the build once fixed');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }

    const missing = spawn(process.execPath, [bin, 'build', '--watch', '--content', 'nowhere'], { cwd: dir });
    let said = '';
    missing.stderr.setEncoding('utf8').on('data', (d: string) => (said += d));
    const timer = setTimeout(() => missing.kill('SIGKILL'), 20_000);
    expect(await new Promise<number | null>((resolve) => missing.on('exit', (c) => resolve(c)))).toBe(2);
    clearTimeout(timer);
    expect(said).toBe('ecap: Content folder `nowhere` not found: pass --content DIR, or run ecap where content/ is.\n');
  });

  it('builds again after a first build during which a note changed, with no change after it', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-watch-build-'));
    // 260 records: a first build of some seconds, long enough to change a note during it.
    await writeCorpus(path.join(dir, 'content'), 260);
    const child = spawn(process.execPath, [bin, 'build', '--watch', '--no-cache'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const note = path.join(dir, 'content', 'practices', (await readdir(path.join(dir, 'content', 'practices'))).sort()[0]!);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(stderr).not.toContain('ecap: wrote');
      await writeFile(note, `${await readFile(note, 'utf8')}\nA sentence saved during the first build.\n`);
      // Whether the first build stopped for the change or wrote the note as it was before it, a
      // second run follows and writes it as it is now.
      const report = path.join(dir, 'dist', 'comprehensive.md');
      await until(async () => (await readFile(report, 'utf8').catch(() => '')).includes('A sentence saved during the first build.'), 90_000, 'a build of the note as changed');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
  });
});
