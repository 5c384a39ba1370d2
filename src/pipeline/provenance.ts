import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Where an edition comes from, as every report states it. */
export interface Provenance {
  /** The content's commit, where the content folder is in a git repository. */
  commit?: string;
  /** The content folder has changes that are not committed. */
  dirty?: boolean;
  /** YYYY-MM-DD from SOURCE_DATE_EPOCH; no date otherwise, so that builds are reproducible. */
  date?: string;
}

/** Reads the content's commit with git (when there is one) and the date from SOURCE_DATE_EPOCH. */
export function readProvenance(contentDir: string, cwd: string, env: NodeJS.ProcessEnv = process.env): Provenance {
  const dir = path.resolve(cwd, contentDir);
  const git = (...args: string[]) => spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
  const provenance: Provenance = {};
  const head = git('rev-parse', '--short=12', 'HEAD');
  if (head.status === 0) {
    provenance.commit = head.stdout.trim();
    provenance.dirty = git('status', '--porcelain', '--', '.').stdout.trim() !== '';
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) provenance.date = new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  return provenance;
}
