import { performance } from 'node:perf_hooks';
import { UsageError } from '../errors.js';
import type { Edition } from '../model/edition.js';
import { build, type BuildOptions, type BuildResult } from '../pipeline/index.js';
import type { Problem } from './inject.js';

/** What a build of the site is given: `outDir` is the server's own folder, not the project's. */
export type SiteOptions = Pick<BuildOptions, 'contentDir' | 'templatesDir' | 'cwd' | 'outDir' | 'cacheDir' | 'jobs' | 'onProgress'> & { edition: Edition };

/** One build of the site: what it wrote when it succeeded, what stopped it otherwise. */
export interface Attempt {
  /**
   * What the build found and did, for the terminal; absent when it stopped on a usage error.
   * Its files are the site's when it wrote any (or found them up to date); when it wrote none,
   * the last good site is still in `outDir`.
   */
  result?: BuildResult;
  /** Why there are no new files: the content's errors, or a template that cannot be used. */
  problems: Problem[];
  /** The usage error behind the problem, when there was one (a template that cannot be used). */
  usage?: UsageError;
  seconds: number;
}

/**
 * `ecap build` into the server's folder, through the same cache, so that a change parses and
 * lays out only what it touches. A usage error (a broken template, a note changed during the
 * build) becomes a problem, which the author can fix while serving; anything else is thrown.
 */
export async function buildSite(options: SiteOptions): Promise<Attempt> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const result = await build(options);
    if (result.written.length > 0) return { result, problems: [], seconds: seconds() };
    const problems = result.diagnostics.filter((d) => d.severity === 'error').map((d): Problem => ({ where: `${d.file}:${d.line}:${d.column}`, rule: d.rule, message: d.message }));
    if (problems.length === 0) problems.push({ message: 'The content has no usable activity.yaml.' });
    return { result, problems, seconds: seconds() };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { problems: [{ message: error.message }], usage: error, seconds: seconds() };
  }
}

/** True when the attempt has files to serve. */
export function succeeded(attempt: Attempt): attempt is Attempt & { result: BuildResult } {
  return (attempt.result?.written.length ?? 0) > 0;
}
