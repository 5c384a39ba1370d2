import { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import { UsageError } from '../../errors.js';
import { check, fix } from '../../pipeline/index.js';
import { summarise } from '../../reporters/pretty.js';
import { watchAndRerun } from '../rerun.js';
import { addCacheOptions, workOptions, contentOption, elapsed, exitCode, maxWarningsOption, report, reporterOption, strictOption, type CommonOptions } from '../shared.js';

/** `ecap check`: validate, and with --fix correct what has one sure answer. */
export function checkCommand(): Command {
  return addCacheOptions(new Command('check'))
    .description('check the content without writing any report')
    .addOption(contentOption())
    .option('--fix', 'correct the problems that have one sure answer (a near-miss value or id), changing nothing else')
    .addOption(reporterOption())
    .addOption(maxWarningsOption())
    .addOption(strictOption())
    .option('--watch', 'check again on every change in the content folder, until Ctrl-C')
    .action(async (options: CheckCommandOptions) => {
      if (!options.watch) return checkOnce(options);
      if (options.fix) throw new UsageError('--watch and --fix cannot be combined: run `ecap check --fix` once, then watch.');
      await watchAndRerun([options.content], `${options.content.replace(/\/+$/, '')}/`, () => checkOnce(options));
    });
}

type CheckCommandOptions = CommonOptions & { fix?: boolean; cache?: boolean; cacheDir?: string; jobs?: number; watch?: boolean };

/** One check: problems, then one summary line, and the exit code. */
async function checkOnce(options: CheckCommandOptions): Promise<void> {
  const started = performance.now();
  const contentOptions = { contentDir: options.content, cwd: process.cwd(), ...workOptions(options) };
  const result = options.fix ? await fix(contentOptions) : { ...(await check(contentOptions, { diagnosticsOnly: true })), fixed: [] };
  for (const d of result.fixed) process.stderr.write(`${d.file}:${d.line}:${d.column}  fixed  \`${d.fix!.text}\` (${d.rule})\n`);
  report(result, options);
  const fixed = options.fix ? `; fixed ${result.fixed.length} problem${result.fixed.length === 1 ? '' : 's'}` : '';
  process.stderr.write(`ecap: checked ${result.files.length} files${fixed}; ${summarise(result.diagnostics)}; ${elapsed(started)} s\n`);
  process.exitCode = exitCode(result, options);
}
