import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus, corpora, listFiles, removeCorpora } from './build-corpora.js';
import { repo } from '../helpers.js';

// Every Markdown report must pass markdownlint-cli2 with the repository's configuration
// (.markdownlint-cli2.jsonc at the root, whose only relaxation is MD013's line length).
// The reports are built outside the repository, so the configuration is passed with
// --config: markdownlint-cli2 looks for configuration only in the folder it lints and below.

interface LintResult {
  fileName: string;
  lineNumber: number;
  ruleNames: string[];
  ruleDescription: string;
  ruleInformation?: string | null;
  errorDetail?: string | null;
  errorContext?: string | null;
  errorRange?: [number, number] | null;
  severity?: string;
}

type Formatter = (options: { directory: string; results: LintResult[] }) => void | Promise<void>;
interface Cli2 {
  main(params: {
    directory: string;
    argv: string[];
    optionsOverride?: { outputFormatters?: Array<[Formatter, ...unknown[]]> };
    logMessage?: (message: string) => void;
    logError?: (message: string) => void;
  }): Promise<number>;
}

// markdownlint-cli2 ships no type declarations: import it by a specifier TypeScript does not resolve.
const cli2Module: string = 'markdownlint-cli2';
const config = path.join(repo, '.markdownlint-cli2.jsonc');

describe('markdownlint-cli2', () => {
  afterAll(removeCorpora);

  for (const corpus of corpora) {
    it(`finds no problem in any Markdown report built from ${corpus.contentDir}`, { timeout: 180_000 }, async () => {
      const outDir = await buildCorpus(corpus);
      const files = await listFiles(outDir, '.md');
      expect(files.length, 'Markdown reports built').toBeGreaterThan(0);
      const { main } = (await import(cli2Module)) as Cli2;
      const results: LintResult[] = [];
      const errors: string[] = [];
      const exit = await main({
        directory: outDir,
        // The exact files, not a glob: what the build wrote is what is linted.
        argv: ['--config', config, ...files],
        optionsOverride: { outputFormatters: [[(options) => void results.push(...options.results)]] },
        logError: (message) => errors.push(message),
      });
      expect(errors, 'markdownlint-cli2 errors (configuration, files)').toEqual([]);
      const problems = results.map((r) => {
        const rule = r.ruleNames.join('/');
        const detail = r.errorDetail ? ` [${r.errorDetail}]` : '';
        const context = r.errorContext ? ` [Context: ${JSON.stringify(r.errorContext)}]` : '';
        const column = r.errorRange ? `:${r.errorRange[0]}` : '';
        return `${corpus.name}/${r.fileName}:${r.lineNumber}${column}  ${rule}  ${r.ruleDescription}${detail}${context}`;
      });
      if (problems.length > 0) console.error(`markdownlint-cli2: ${problems.length} problem(s) in ${corpus.contentDir}:\n${problems.join('\n')}`);
      expect(problems).toEqual([]);
      expect(exit, 'markdownlint-cli2 exit code').toBe(0);
    });
  }
});
