import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nearest } from '../content/suggest.js';
import { countDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { ruleDocument } from '../diagnostics/rule-document.js';
import { rules, type RuleId } from '../diagnostics/rules.js';
import { UsageError } from '../errors.js';
import { editions, type Edition } from '../model/edition.js';
import { build, check, fix, type CheckResult } from '../pipeline/index.js';
import { github } from '../reporters/github.js';
import { json } from '../reporters/json.js';
import { pretty, summarise } from '../reporters/pretty.js';
import { sarif } from '../reporters/sarif.js';

const packageRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };

type ReporterName = 'pretty' | 'json' | 'github' | 'sarif';

interface CommonOptions {
  content: string;
  reporter?: ReporterName;
  maxWarnings?: number;
  strict?: boolean;
}

const reporterOption = () =>
  new Option('--reporter <name>', 'how to print problems: pretty (stderr), json, github or sarif (stdout); github by default under GitHub Actions').choices(['pretty', 'json', 'github', 'sarif']);
const contentOption = () => new Option('--content <dir>', 'the content folder').default('content');
const maxWarningsOption = () =>
  new Option('--max-warnings <n>', 'fail (exit 1) when there are more than n warnings').argParser((value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number of 0 or more.');
    return n;
  });
const strictOption = () => new Option('--strict', 'fail (exit 1) on any warning, as --max-warnings 0 does');

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
    .option('--pdf', 'also print each report to PDF, with a locally installed Chromium (ECAP_CHROMIUM names one)')
    .addOption(new Option('--edition <name>', 'internal: everything, internal passages marked; public: leaves out whatever is marked internal').choices(editions).default('internal'))
    .addOption(reporterOption())
    .addOption(maxWarningsOption())
    .addOption(strictOption())
    .action(async (options: CommonOptions & { out: string; templates?: string; edition: Edition; pdf?: boolean }) => {
      const started = performance.now();
      const result = await build({ contentDir: options.content, outDir: options.out, templatesDir: options.templates, cwd: process.cwd(), maxWarnings: warningLimit(options), edition: options.edition, pdf: options.pdf });
      report(result, options);
      const seconds = elapsed(started);
      if (result.written.length > 0) {
        const pages = result.written.filter((f) => f.path.endsWith('.html')).length;
        const formats = options.pdf ? 'HTML, Markdown and PDF' : 'HTML and Markdown';
        process.stderr.write(`ecap: wrote ${result.written.length} files to ${options.out}/ (${pages} reports as ${formats}); ${summarise(result.diagnostics)}; ${seconds} s\n`);
      } else {
        process.stderr.write(`ecap: wrote nothing, ${tooMany(result.diagnostics, options) ? 'too many warnings' : 'the content has errors'}; ${summarise(result.diagnostics)}; ${seconds} s\n`);
      }
      process.exitCode = exitCode(result, options);
    });

  cli
    .command('check')
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

  cli
    .command('explain')
    .description('show what a rule checks, a wrong and a right example, and how to fix it')
    .argument('<rule>', 'a rule id, as printed after each problem (e.g. schema/enum)')
    .action((rule: string) => {
      if (!(rule in rules)) {
        const near = nearest(rule, Object.keys(rules));
        throw new UsageError(`Unknown rule \`${rule}\`${near.length ? `; did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : ''} Rules are listed in docs/rules/README.md.`);
      }
      process.stdout.write(ruleDocument(rule as RuleId));
    });
  return cli;
}

function elapsed(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(2);
}

function report(result: CheckResult, options: CommonOptions): void {
  const reporter = options.reporter ?? (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty');
  switch (reporter) {
    case 'json':
      process.stdout.write(json(result.diagnostics));
      return;
    case 'github':
      process.stdout.write(github(result.diagnostics));
      return;
    case 'sarif':
      process.stdout.write(sarif(result.diagnostics, { version, docsBase: pathToFileURL(path.join(packageRoot, 'docs', 'rules')).href + '/' }));
      return;
    case 'pretty': {
      const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
      const text = pretty(result.diagnostics, { color, sources: new Map(result.files.map((f) => [f.path, f.text])) });
      if (text) process.stderr.write(text + '\n');
    }
  }
}

function warningLimit(options: CommonOptions): number | undefined {
  return options.strict ? 0 : options.maxWarnings;
}

function tooMany(diagnostics: readonly Diagnostic[], options: CommonOptions): boolean {
  const limit = warningLimit(options);
  return limit !== undefined && countDiagnostics(diagnostics).warning > limit;
}

/** 1 when the content has errors, no usable activity, or more warnings than allowed. */
function exitCode(result: CheckResult, options: CommonOptions): number {
  return countDiagnostics(result.diagnostics).error > 0 || !result.model || tooMany(result.diagnostics, options) ? 1 : 0;
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
