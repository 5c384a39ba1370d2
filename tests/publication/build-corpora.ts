import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from '../../src/pipeline/index.js';
import { repo } from '../helpers.js';

// Builds the corpora the publication checkers look at, each once per process (each test
// file runs in its own worker, so once per file), into a temporary folder.

export interface Corpus {
  /** Short name, used in test titles and screenshot names. */
  name: string;
  /** Content folder, relative to the repository root. */
  contentDir: string;
}

export const corpora: readonly Corpus[] = [
  { name: 'content', contentDir: 'content' },
  { name: 'golden', contentDir: 'tests/fixtures/golden/content' },
];

const builds = new Map<string, Promise<string>>();
const temps = new Set<string>();

/** Builds `corpus` (once per process) and returns the absolute output folder. */
export function buildCorpus(corpus: Corpus): Promise<string> {
  const key = path.resolve(repo, corpus.contentDir);
  let pending = builds.get(key);
  if (!pending) {
    pending = runBuild(corpus);
    builds.set(key, pending);
    // A failed build is not cached, so a later caller reports its own failure afresh.
    pending.catch(() => builds.delete(key));
  }
  return pending;
}

async function runBuild(corpus: Corpus): Promise<string> {
  const temp = await mkdtemp(path.join(os.tmpdir(), `ecap-publication-${corpus.name}-`));
  temps.add(temp);
  // The output folder must not exist yet (or be ecap's own): use a fresh child of the temp folder.
  const outDir = path.join(temp, 'out');
  const result = await build({ contentDir: corpus.contentDir, outDir, cwd: repo });
  if (result.written.length === 0) {
    const problems = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `  ${d.file}:${d.line}:${d.column}  ${d.rule}  ${d.message}`);
    throw new Error(`ecap build of ${corpus.contentDir} wrote nothing; ${problems.length} error(s):\n${problems.join('\n')}`);
  }
  return outDir;
}

/** Every file under `dir` whose name ends with `ext`, as paths relative to `dir` with forward slashes, sorted. */
export async function listFiles(dir: string, ext: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, ext, rel)));
    else if (entry.name.endsWith(ext)) out.push(rel);
  }
  return out.sort();
}

/** Removes every temporary folder this process built into. */
export async function removeCorpora(): Promise<void> {
  builds.clear();
  await Promise.all([...temps].map((t) => rm(t, { recursive: true, force: true })));
  temps.clear();
}
