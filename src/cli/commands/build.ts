import { Command, Option } from 'commander';
import { performance } from 'node:perf_hooks';
import { editions, type Edition } from '../../model/edition.js';
import { build } from '../../pipeline/index.js';
import { summarise } from '../../reporters/pretty.js';
import { contentOption, elapsed, exitCode, maxWarningsOption, report, reporterOption, strictOption, tooMany, warningLimit, type CommonOptions } from '../shared.js';

type BuildCommandOptions = CommonOptions & { out: string; templates?: string; edition: Edition; pdf?: boolean };

/** `ecap build`: check, then write every report. */
export function buildCommand(): Command {
  return new Command('build')
    .description('check the content, then write every report as HTML and Markdown')
    .addOption(contentOption())
    .option('--out <dir>', 'the output folder, replaced whole by each build', 'dist')
    .option('--templates <dir>', 'page templates to use instead of the bundled ones')
    .option('--pdf', 'also print each report to PDF, with a locally installed Chromium (ECAP_CHROMIUM names one)')
    .addOption(new Option('--edition <name>', 'internal: everything, internal passages marked; public: leaves out whatever is marked internal').choices(editions).default('internal'))
    .addOption(reporterOption())
    .addOption(maxWarningsOption())
    .addOption(strictOption())
    .action(async (options: BuildCommandOptions) => {
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
}
