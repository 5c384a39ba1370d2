import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo } from './helpers.js';

// The benchmark's scripts, run as a user runs them: a wrong option is a usage message, not a
// stack trace, and the generator writes the same bytes for the same seed.
const usages: Record<string, string> = {
  'generate.mjs': 'node bench/generate.mjs [--records N] --out DIR [--seed S]',
  'other-corpus.mjs': 'node bench/other-corpus.mjs [--records N] --out DIR [--seed S] [--force]',
  'run.mjs': 'npm run bench -- [--large] [--sizes N,N] [--corpus DIR] [--runs N]',
};
const script = (name: string, args: string[]) => spawnSync(process.execPath, [path.join(repo, 'bench', name), ...args], { encoding: 'utf8' });

describe('bench scripts', () => {
  it.each([
    ['generate.mjs', ['--bogus'], "Unknown option '--bogus'"],
    ['generate.mjs', ['--records', '1e3', '--out', 'x'], '--records must be a whole number of at least 1, not "1e3"'],
    ['other-corpus.mjs', ['--records', '10', '--out', 'x'], '--records must be a whole number of at least 50, not "10"'],
    ['run.mjs', ['--corpus', 'package.json'], '--corpus: no folder package.json'],
    ['generate.mjs', ['--records', 'many', '--out', 'x'], '--records must be a whole number of at least 1, not "many"'],
    ['generate.mjs', ['--records', '5'], '--out is required'],
    ['run.mjs', ['--corpus', '/no/such/folder'], '--corpus: no folder /no/such/folder'],
    ['run.mjs', ['--runs', '0'], '--runs must be a whole number of at least 1, not "0"'],
    ['run.mjs', ['--sizes', '100,lots'], '--sizes must be a whole number of at least 1, not "lots"'],
  ])('%s %j is a usage error', (name, args, problem) => {
    const run = script(name, args);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${problem}\nusage: ${usages[name]}\n`);
  });

  it.each(Object.keys(usages))('%s --help prints the usage and exits 0', (name) => {
    const run = script(name, ['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`usage: ${usages[name]}\n`);
  });

  it('will not write a corpus over a folder that holds anything', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-generate-'));
    try {
      await writeFile(path.join(dir, 'notes.md'), 'mine\n');
      const run = script('generate.mjs', ['--records', '5', '--out', dir]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`--out ${dir} is not an empty folder`);
      expect(await readdir(dir)).toEqual(['notes.md']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes the same corpus for the same seed, and another for another seed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-generate-'));
    try {
      const files = async (out: string) => {
        const names = (await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(out, path.join(e.parentPath, e.name))).sort();
        return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(path.join(out, name), 'utf8')])));
      };
      for (const [out, seed] of [['a', '3'], ['b', '3'], ['c', '4']] as const) expect(script('generate.mjs', ['--records', '12', '--seed', seed, '--out', path.join(dir, out)]).status).toBe(0);
      const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((out) => files(path.join(dir, out))));
      expect(Object.keys(a).length).toBeGreaterThan(10);
      expect(b).toEqual(a);
      expect(c).not.toEqual(a);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes, with the second generator, a corpus ecap checks without an error or a warning', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-other-corpus-'));
    try {
      const content = path.join(dir, 'content');
      expect(script('other-corpus.mjs', ['--records', '60', '--out', content]).status).toBe(0);
      const check = spawnSync(process.execPath, [path.join(repo, 'bin', 'ecap.js'), 'check', '--content', content, '--no-cache', '--reporter', 'json'], { cwd: dir, encoding: 'utf8' });
      expect(check.status).toBe(0);
      const problems = (JSON.parse(check.stdout) as Array<{ severity: string; rule: string }>).filter((d) => d.severity !== 'info');
      expect(problems).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
