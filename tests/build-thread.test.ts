import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCode } from '../src/cli/shared.js';
import { UnusableInput, UsageError } from '../src/errors.js';
import { buildOnThread, buildSized, contentSize, errorOf, failureOf } from '../src/pipeline/build-thread.js';
import { build, type BuildOptions } from '../src/pipeline/index.js';
import { ChangedWhileBuilding } from '../src/pipeline/load.js';
import { expectSame, goldenProject, snapshot } from './helpers.js';

const options = (root: string, out: string, extra: Partial<BuildOptions> = {}): BuildOptions => ({ contentDir: 'content', outDir: out, cwd: root, provenance: {}, cacheDir: `.cache-${out}`, ...extra });

describe('a build on a thread of its own', () => {
  it('writes what a build on this thread writes, and tells the same result and progress', async () => {
    const root = await goldenProject('ecap-thread-');
    try {
      const here: unknown[] = [];
      const there: unknown[] = [];
      const local = await build(options(root, 'here', { onProgress: (...p) => here.push(p) }));
      const threaded = await buildOnThread(options(root, 'there', { onProgress: (...p) => there.push(p) }));
      expect(withoutHashes(threaded)).toEqual(withoutHashes(local));
      expect(threaded.written.length).toBeGreaterThan(20);
      expect(there).toEqual(here);
      expect(there).toContainEqual(['writing']);
      await expectSame(path.join(root, 'there'), path.join(root, 'here'));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('leaves the model on its thread when its caller does not read it, and says that it made one', async () => {
    const root = await goldenProject('ecap-thread-');
    try {
      const full = await buildOnThread(options(root, 'full'));
      const lean = await buildOnThread(options(root, 'lean'), { model: false });
      expect(full.model?.practices.length).toBeGreaterThan(0);
      expect(lean.model).toBeUndefined();
      expect(lean.modelLeft).toBe(true);
      const { modelLeft: _, ...rest } = lean;
      expect(withoutHashes(rest)).toEqual(withoutHashes({ ...full, model: undefined }));
      expect([exitCode(full, { content: 'content' }), exitCode(lean, { content: 'content' })]).toEqual([0, 0]);
      await expectSame(path.join(root, 'lean'), path.join(root, 'full'));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('fails as the build fails: a usage error stays one, with its message', async () => {
    const root = await goldenProject('ecap-thread-');
    try {
      const failed = buildOnThread(options(root, 'dist', { templatesDir: 'no-such-templates' }));
      await expect(failed).rejects.toBeInstanceOf(UsageError);
      await expect(failed).rejects.toThrow(/no-such-templates/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('is chosen by the size of the content, with the same outcome either way', async () => {
    const root = await goldenProject('ecap-thread-');
    try {
      expect(await contentSize(path.join(root, 'content'))).toBe((await snapshot(path.join(root, 'content'))).size);
      const here = await buildSized(options(root, 'here'), { from: Infinity });
      const there = await buildSized(options(root, 'there'), { from: 0 });
      expect(withoutHashes(there)).toEqual(withoutHashes(here));
      await expectSame(path.join(root, 'there'), path.join(root, 'here'));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

/**
 * A result without the hashes that name ecap's code: under the tests this thread runs the
 * sources and the build's thread the compiled modules, two codes to the cache. In the bundle
 * both run the same.
 */
function withoutHashes<T>(value: T): T {
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, withoutHashes(v)])) as T;
  if (Array.isArray(value)) return value.map(withoutHashes) as T;
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'key' && k !== 'revision').map(([k, v]) => [k, withoutHashes(v)])) as T;
  }
  return value;
}

describe('an error crossing between threads', () => {
  it('keeps the class the command line tells apart, its message and its stack', () => {
    const unusable = errorOf(failureOf(new ChangedWhileBuilding('content/a.md changed')));
    expect(unusable).toBeInstanceOf(UnusableInput);
    expect(unusable.message).toBe('content/a.md changed');
    const usage = errorOf(failureOf(new UsageError('bad option')));
    expect(usage).toBeInstanceOf(UsageError);
    expect(usage).not.toBeInstanceOf(UnusableInput);
    const bug = new TypeError('x is undefined');
    const internal = errorOf(failureOf(bug));
    expect(internal).not.toBeInstanceOf(UsageError);
    expect(internal.name).toBe('TypeError');
    expect(internal.stack).toBe(bug.stack);
    expect(errorOf(failureOf('a string thrown')).message).toBe('a string thrown');
  });
});
