import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { countDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../errors.js';
import { build, check, type CheckResult } from '../pipeline/index.js';
import { json } from '../reporters/json.js';
import { pretty, summarise } from '../reporters/pretty.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

interface CommonOptions {
  content: string;
  reporter: 'pretty' | 'json';
}

const reporterOption = () => new Option('--reporter <name>', 'how to print diagnostics: pretty (stderr) or json (stdout)').choices(['pretty', 'json']).default('pretty');
const contentOption = () => new Option('--content <dir>', 'the content folder').default('content');

function program(): Command {
  const cli = new Command('ecap')
    .description('Compiles IPR-enforcement mission notes into country reports and a comprehensive report on best practices.')
    .version(version, '-v, --version')
    .showHelpAfterError()
    .exitOverride();

  cli
    .command('build')
    .description('check the content, then write every report as HTML and Markdown')
    .addOption(contentOption())
    .option('--out <dir>', 'the output folder, replaced whole by each build', 'dist')
    .option('--templates <dir>', 'page templates to use instead of the bundled ones')
    .addOption(reporterOption())
    .action(async (options: CommonOptions & { out: string; templates?: string }) => {
      const started = performance.now();
      const result = await build({ contentDir: options.content, outDir: options.out, templatesDir: options.templates, cwd: process.cwd() });
      report(result, options.reporter);
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (result.written.length > 0) {
        const pages = result.written.filter((f) => f.path.endsWith('.html')).length;
        process.stderr.write(`ecap: wrote ${result.written.length} files to ${options.out}/ (${pages} reports as HTML and Markdown); ${summarise(result.diagnostics)}; ${seconds} s\n`);
      } else {
        process.stderr.write(`ecap: wrote nothing, the content has errors; ${summarise(result.diagnostics)}; ${seconds} s\n`);
      }
      process.exitCode = exitCode(result.diagnostics, result);
    });

  cli
    .command('check')
    .description('check the content without writing anything')
    .addOption(contentOption())
    .addOption(reporterOption())
    .action(async (options: CommonOptions) => {
      const started = performance.now();
      const result = await check({ contentDir: options.content, cwd: process.cwd() });
      report(result, options.reporter);
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      process.stderr.write(`ecap: checked ${result.files.length} files; ${summarise(result.diagnostics)}; ${seconds} s\n`);
      process.exitCode = exitCode(result.diagnostics, result);
    });
  return cli;
}

function report(result: CheckResult, reporter: CommonOptions['reporter']): void {
  if (reporter === 'json') {
    process.stdout.write(json(result.diagnostics));
    return;
  }
  const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
  const sources = new Map(result.files.map((f) => [f.path, f.text]));
  const text = pretty(result.diagnostics, { color, sources });
  if (text) process.stderr.write(text + '\n');
}

/** 1 when the content has errors (or no usable activity), 0 otherwise. */
function exitCode(diagnostics: readonly Diagnostic[], result: CheckResult): number {
  return countDiagnostics(diagnostics).error > 0 || !result.model ? 1 : 0;
}

/** The one place that decides the exit code for what went wrong outside the content. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await program().parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version "fail" with exit code 0; everything else is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof UsageError) {
      process.stderr.write(`ecap: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      const err = error as Error;
      process.stderr.write(
        process.env.ECAP_DEBUG === '1'
          ? `${err.stack ?? String(err)}\n`
          : `ecap: internal error: ${err.message}\nThis is a bug in ecap, not in your content. Run again with ECAP_DEBUG=1 and report the output.\n`,
      );
      process.exitCode = 2;
    }
  }
}

await main(process.argv);
