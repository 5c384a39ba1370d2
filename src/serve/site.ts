import { performance } from 'node:perf_hooks';
import { UsageError } from '../errors.js';
import type { Edition } from '../model/edition.js';
import { check, renderContext, type CheckResult } from '../pipeline/index.js';
import type { WholeFile } from '../pipeline/render.js';
import { languagesUsed } from '../render/fonts.js';
import type { Problem } from './inject.js';

export interface SiteOptions {
  contentDir: string;
  templatesDir?: string;
  edition: Edition;
  cwd: string;
}

/** One build in memory: the files when it succeeded, what stopped it otherwise. */
export interface Attempt {
  /** What the check found, for the terminal; absent when the build stopped before it. */
  result?: CheckResult;
  /** Every output file, as `ecap build` would write them; absent when the build failed. */
  files?: WholeFile[];
  /** Why there are no files: the content's errors, or a template that cannot be used. */
  problems: Problem[];
  /** The usage error behind the problem, when there was one (a template that cannot be used). */
  usage?: UsageError;
  seconds: number;
}

/**
 * The steps of build() short of writing: check, then render with the same templates, fonts
 * and provenance. A usage error that the author can fix while serving (a broken template)
 * becomes a problem; anything else is thrown.
 */
export async function buildSite(options: SiteOptions): Promise<Attempt> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let result: CheckResult | undefined;
  try {
    result = await check(options);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || !result.model) {
      const problems = errors.map((d): Problem => ({ where: `${d.file}:${d.line}:${d.column}`, rule: d.rule, message: d.message }));
      if (problems.length === 0) problems.push({ message: 'The content has no usable activity.yaml.' });
      return { result, problems, seconds: seconds() };
    }
    const { render } = await import('../pipeline/render.js');
    const files = await render(result.model, await renderContext(languagesUsed(result.model), options));
    return { result, files, problems: [], seconds: seconds() };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { ...(result ? { result } : {}), problems: [{ message: error.message }], usage: error, seconds: seconds() };
  }
}

/** True when the attempt has files to serve. */
export function succeeded(attempt: Attempt): attempt is Attempt & { files: WholeFile[] } {
  return attempt.files !== undefined;
}
