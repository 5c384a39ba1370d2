import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, vi } from 'vitest';
import type { CollectionName } from '../src/content/collections.js';
import { readSchemas } from '../src/content/schemas.js';
import { compileSchemas, type Validators } from '../src/content/validators.js';
import { Cache } from '../src/pipeline/cache.js';
import type { BuildOptions } from '../src/pipeline/index.js';
import type { SourceFile } from '../src/pipeline/load.js';

/** The project's folder: where the tests find its content, schemas, docs and compiled code. */
export const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The golden fixture's content: two member states, with a record of every kind. */
export const golden = path.join(repo, 'tests', 'fixtures', 'golden', 'content');

/** A new temporary folder, its name starting with `prefix`, with a copy of the golden content in `content/`. */
export async function goldenProject(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await cp(golden, path.join(dir, 'content'), { recursive: true });
  return dir;
}

/** A build of `dir`'s content into `out`, with its cache in `.ecap-cache`, no provenance asked of git. */
export function cachedBuild(dir: string, out = 'dist'): BuildOptions {
  return { contentDir: 'content', outDir: out, cwd: dir, cacheDir: '.ecap-cache', provenance: {} };
}

/** Replaces `from` with `to` in a file, which must hold `from`: an edit that missed would leave its test proving nothing. */
export async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  expect(text).toMatch(from);
  await writeFile(file, text.replace(from, to));
}

/** A content file as load() would return it. */
export function source(collection: CollectionName, id: string, text: string, ext = collection === 'statistics' || collection === 'activity' || collection === 'sources' ? 'yaml' : 'md'): SourceFile {
  const folder = collection === 'activity' || collection === 'sources' ? '' : `${collection}/`;
  return { path: `content/${folder}${id}.${ext}`, collection, id, text };
}

/** A cache that writes nothing: every write answers `stored` (true once stored, false once lost), or waits for it. Undo with `vi.restoreAllMocks()`. */
export function cacheAnswering(stored: Promise<boolean>): Cache {
  const cache = new Cache(path.join(os.tmpdir(), 'ecap-never-written'));
  vi.spyOn(cache, 'setEncoded').mockReturnValue(stored);
  return cache;
}

let validators: Validators | undefined;
export async function schemas(): Promise<Validators> {
  return (validators ??= compileSchemas(await readSchemas()));
}

/** Writes a folder tree from an object literal of paths and texts (or bytes). */
export async function tree(files: Record<string, string | Uint8Array>, root?: string): Promise<string> {
  const dir = root ?? (await mkdtemp(path.join(os.tmpdir(), 'ecap-test-')));
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return dir;
}

/** What a build wrote, read back from its output folder: text as strings, fonts and PDFs as bytes. */
export async function readOutput(outDir: string, written: ReadonlyArray<{ path: string }>): Promise<Array<{ path: string; content: string | Uint8Array }>> {
  return Promise.all(
    written.map(async (f) => {
      const bytes = await readFile(path.join(outDir, ...f.path.split('/')));
      return { path: f.path, content: /\.(woff2|pdf)$/.test(f.path) ? bytes : bytes.toString('utf8') };
    }),
  );
}

/** Runs git in `cwd` and gives its output; throws when it fails. */
export function git(cwd: string, ...args: string[]): string {
  // No user configuration is assumed: name, address and signing are set per command.
  const run = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** Every file under `dir`, by its path relative to it, as latin1 text (byte for byte). */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (sub: string) => {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else out.set(rel, await readFile(path.join(dir, rel), 'latin1'));
    }
  };
  await walk('');
  return out;
}

/** Both folders hold the same files, byte for byte, but for the build stamp in `.ecap-output`. */
export async function expectSame(a: string, b: string): Promise<void> {
  const [left, right] = await Promise.all([snapshot(a), snapshot(b)]);
  left.delete('.ecap-output');
  right.delete('.ecap-output');
  expect([...left.keys()].sort()).toEqual([...right.keys()].sort());
  for (const [file, text] of left) expect(right.get(file) === text, file).toBe(true);
}
