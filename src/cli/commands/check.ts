import { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import { check, fix } from '../../pipeline/index.js';
import { summarise } from '../../reporters/pretty.js';
import { contentOption, elapsed, exitCode, maxWarningsOption, report, reporterOption, strictOption, type CommonOptions } from '../shared.js';

/** `ecap check`: validate, and with --fix correct what has one sure answer. */
export function checkCommand(): Command {
  return new Command('check')
    .description('check the content without writing any report')
    .addOption(contentOption())
    .option('--fix', 'correct the problems that have one sure answer (a near-miss value or id), changing nothing else')
    .addOption(reporterOption())
    .addOption(maxWarningsOption())
    .addOption(strictOption())
    .action(async (options: CommonOptions & { fix?: boolean }) => {
      const started = performance.now();
      const contentOptions = { contentDir: options.content, cwd: process.cwd() };
      const result = options.fix ? await fix(contentOptions) : { ...(await check(contentOptions)), fixed: [] };
      for (const d of result.fixed) process.stderr.write(`${d.file}:${d.line}:${d.column}  fixed  \`${d.fix!.text}\` (${d.rule})\n`);
      report(result, options);
      const fixed = options.fix ? `; fixed ${result.fixed.length} problem${result.fixed.length === 1 ? '' : 's'}` : '';
      process.stderr.write(`ecap: checked ${result.files.length} files${fixed}; ${summarise(result.diagnostics)}; ${elapsed(started)} s\n`);
      process.exitCode = exitCode(result, options);
    });
}
