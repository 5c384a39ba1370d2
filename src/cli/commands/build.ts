import { Command, Option } from 'commander';
import { appendFile, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { reasonOf, UsageError } from '../../errors.js';
import { editions, forEdition, type Edition } from '../../model/edition.js';
import { build, check, defaultTemplatesDir, type BuildResult } from '../../pipeline/index.js';
import { buildSized } from '../../pipeline/build-thread.js';
import { watchAndRerun } from '../rerun.js';
import { summarise } from '../../reporters/pretty.js';
import { addCacheOptions, workOptions, contentOption, elapsed, progress, exitCode, maxWarningsOption, report, reporterOf, reporterOption, strictOption, tooMany, warningLimit, type CommonOptions } from '../shared.js';

type BuildCommandOptions = CommonOptions & { watch?: boolean; cache?: boolean; cacheDir?: string; jobs?: number; out: string; templates?: string; edition: Edition; pdf?: boolean; summary?: string | true };

/** `ecap build`: check, then write every report. */
export function buildCommand(): Command {
  return addCacheOptions(new Command('build'))
    .description('check the content, then write every report as HTML and Markdown')
    .addOption(contentOption())
    .option('--out <dir>', 'the output folder, replaced whole by each build', 'dist')
    .option('--templates <dir>', 'page templates to use instead of the bundled ones')
    .option('--pdf', 'also print each report to PDF, with a locally installed Chromium (ECAP_CHROMIUM names one)')
    .addOption(new Option('--edition <name>', 'internal: everything, internal passages marked; public: leaves out whatever is marked internal').choices(editions).default('internal'))
    .addOption(reporterOption())
    .addOption(maxWarningsOption())
    .addOption(strictOption())
    .option('--summary [file]', 'also write a Markdown summary of the build to file, else to the file $GITHUB_STEP_SUMMARY names (appended), else to stdout')
    .option('--watch', 'build again on every change in the content or the templates, until Ctrl-C; unchanged files are not parsed again')
    .action(async (options: BuildCommandOptions) => {
      // The model comes back from the build's thread only for the summary, which reads it.
      if (!options.watch) return buildOnce(options, (build) => buildSized(build, { model: Boolean(options.summary) }));
      const templates = options.templates ?? defaultTemplatesDir;
      // On this thread: each build reuses the code the last one loaded.
      await watchAndRerun([options.content, templates], `${options.content.replace(/\/+$/, '')}/ and the templates`, () => buildOnce(options, build));
    });
}

/** One build: problems, then one summary line, the optional Markdown summary, and the exit code. */
async function buildOnce(options: BuildCommandOptions, run: typeof build): Promise<void> {
  const started = performance.now();
  const reporter = reporterOf(options);
  if (options.summary === true && !process.env.GITHUB_STEP_SUMMARY && (reporter === 'json' || reporter === 'sarif')) {
    throw new UsageError(`--summary without a file writes to stdout, where the ${reporter} reporter writes too: name a file (--summary FILE).`);
  }
  const shown = progress();
  const result = await run({ contentDir: options.content, outDir: options.out, templatesDir: options.templates, cwd: process.cwd(), maxWarnings: warningLimit(options), edition: options.edition, pdf: options.pdf, ...workOptions(options), onProgress: shown.update }).finally(shown.done);
  report(result, options);
  const seconds = elapsed(started);
  if (result.unchanged) {
    process.stderr.write(`ecap: nothing changed, ${options.out}/ is up to date (${result.written.length} files); ${summarise(result.diagnostics)}; ${seconds} s\n`);
  } else if (result.written.length > 0) {
    const pages = result.written.filter((f) => f.path.endsWith('.html')).length;
    const formats = options.pdf ? 'HTML, Markdown and PDF' : 'HTML and Markdown';
    const kept = result.kept ? `; ${result.kept} unchanged since the last build, kept` : '';
    process.stderr.write(`ecap: wrote ${result.written.length} files to ${options.out}/ (${pages} reports as ${formats}${kept}); ${summarise(result.diagnostics)}; ${seconds} s\n`);
  } else {
    process.stderr.write(`ecap: wrote nothing, ${tooMany(result.diagnostics, options) ? 'too many warnings' : 'the content has errors'}; ${summarise(result.diagnostics)}; ${seconds} s\n`);
  }
  if (options.summary) await writeSummary(options.summary, await summaryOf(result, options));
  process.exitCode = exitCode(result, options);
}

async function summaryOf(result: BuildResult, options: BuildCommandOptions): Promise<string> {
  const built = result.written.length > 0;
  // Loaded only when a summary is asked for: it brings the Markdown writer with it.
  const { buildSummary } = await import('../../content/summary.js');
  // An unchanged build knows it is unchanged without reading the content into a model.
  const model = result.model ?? (result.unchanged ? (await check({ contentDir: options.content, cwd: process.cwd(), ...workOptions(options) })).model : undefined);
  return buildSummary({
    model: model && built ? forEdition(model, options.edition) : model,
    diagnostics: result.diagnostics,
    written: result.written.map((f) => f.path),
    outDir: options.out.replace(/[\\/]+$/, ''),
    edition: options.edition,
    unchanged: result.unchanged,
    failure: built ? undefined : !result.model || result.diagnostics.some((d) => d.severity === 'error') ? 'errors' : 'warnings',
  });
}

/** To the file named; else appended to GitHub's job summary, as its other steps expect; else to stdout. */
async function writeSummary(target: string | true, text: string): Promise<void> {
  const file = target === true ? process.env.GITHUB_STEP_SUMMARY : target;
  if (!file) return void process.stdout.write(text);
  try {
    await (target === true ? appendFile(file, text) : writeFile(file, text));
  } catch (error) {
    // After the reports: they stay written, and the summary alone is missing.
    throw new UsageError(`Could not write the build summary to \`${file}\` (${reasonOf(error)}); the reports were written. Name a file in a folder that exists and that you may write to.`);
  }
}
