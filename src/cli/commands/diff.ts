import { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ContentDiff, RecordFile } from '../../content/diff.js';
import { countDiagnostics } from '../../diagnostics/diagnostic.js';
import { UsageError } from '../../errors.js';
import { gitOutput } from '../../git.js';
import { check, defaultTemplatesDir, readTemplates, type CheckResult } from '../../pipeline/index.js';
import { summarise } from '../../reporters/pretty.js';
import { count } from '../../report/format.js';
import { version } from '../../package.js';
import { contentOption, elapsed, report } from '../shared.js';

/** `ecap diff <ref>`: which records and which report sections differ from a git commit. */
export function diffCommand(): Command {
  return new Command('diff')
    .description('compare the content with its version at a git ref: records added, changed and removed, and the report sections whose text differs')
    .argument('<ref>', 'a git commit, branch or tag, such as origin/main or HEAD')
    .addOption(contentOption())
    .option('--json', 'print the comparison as JSON (documented in the README) instead of Markdown')
    .action(async (ref: string, options: { content: string; json?: boolean }) => {
      const started = performance.now();
      const cwd = process.cwd();
      const now = await check({ contentDir: options.content, cwd });
      const contentDir = await realpath(path.resolve(cwd, options.content));
      const top = git(contentDir, ['rev-parse', '--show-toplevel']);
      if (top.status !== 0) throw new UsageError(`Content folder \`${options.content}\` is not in a git repository: ecap diff compares it with a git commit.`);
      // A ref never starts with `-`: git would read it as an option.
      const verified = ref.startsWith('-') ? undefined : git(contentDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
      if (verified?.status !== 0) {
        throw new UsageError(`Unknown git ref \`${ref}\`: name a commit, branch or tag. In a shallow clone, fetch it first (actions/checkout with fetch-depth: 0).`);
      }
      const commit = verified.stdout.trim();
      if (!now.model || countDiagnostics(now.diagnostics).error > 0) {
        report(now, { reporter: 'pretty' });
        process.stderr.write(`ecap: nothing compared, the content has errors; ${summarise(now.diagnostics)}\n`);
        process.exitCode = 1;
        return;
      }

      // Loaded here rather than at start-up: every command's module is imported by the CLI.
      const { countRecords, diffPages, diffRecords, formatDiff } = await import('../../content/diff.js');
      const root = await realpath(top.stdout.trim());
      const relative = path.relative(root, contentDir).split(path.sep).join('/');
      const temp = await mkdtemp(path.join(os.tmpdir(), 'ecap-diff-'));
      try {
        const found = await materialise(root, commit, relative, temp);
        // No content at the ref: everything is new.
        const then = found ? await check({ contentDir: relative || '.', cwd: temp }) : { files: [], model: undefined, diagnostics: [] };
        const diff: ContentDiff = {
          version: 1,
          ref,
          commit,
          records: diffRecords(await recordFiles(then, relative || '.', temp), await recordFiles(now, options.content, cwd)),
          pages: found && (!then.model || countDiagnostics(then.diagnostics).error > 0) ? null : diffPages(await markdownPages(then), await markdownPages(now)),
        };
        process.stdout.write(options.json ? JSON.stringify(diff, null, 2) + '\n' : formatDiff(diff));
        const pages = diff.pages === null ? 'reports not compared (the content at the ref has errors)' : `${count(diff.pages.length, 'report page')} differ`;
        process.stderr.write(`ecap: compared with ${ref} (${commit.slice(0, 12)}): ${count(countRecords(diff), 'record')} and ${pages}; ${elapsed(started)} s\n`);
      } finally {
        await rm(temp, { recursive: true, force: true });
      }
    });
}

function git(dir: string, args: string[]) {
  const run = spawnSync('git', ['-C', dir, '--literal-pathspecs', ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error) throw new UsageError(`Cannot run git (${run.error.message}): ecap diff needs git on PATH.`);
  return { status: run.status, stdout: run.stdout };
}

/**
 * Writes the files under `relative` at `commit` into `dir`, at the same relative paths, and
 * says whether there were any. Each file is read as a checkout would write it (`--filters`:
 * line-ending conversion, smudge filters), so that only real edits count as changes; and no
 * `export-ignore` attribute can leave one out, as it would from `git archive`.
 */
async function materialise(root: string, commit: string, relative: string, dir: string): Promise<boolean> {
  const listing = git(root, ['ls-tree', '-r', '-z', commit, '--', relative || '.']);
  if (listing.status !== 0) throw new Error(`git ls-tree failed for ${commit}`);
  // `<mode> <type> <object>\t<path>`: only plain files; links and submodules are no content files.
  const files = listing.stdout
    .split('\0')
    .filter((line) => /^100(644|755) blob /.test(line))
    .map((line) => line.slice(line.indexOf('\t') + 1));
  // A few git processes at a time: one per file, in parallel, but not hundreds at once.
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const bytes = await gitOutput(root, ['cat-file', '--filters', `${commit}:${file}`]);
      const target = path.join(dir, ...file.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, bytes);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return files.length > 0;
}

/** The files check() read, with their bytes and their path inside the content folder. */
async function recordFiles(result: Pick<CheckResult, 'files'>, contentDir: string, cwd: string): Promise<RecordFile[]> {
  const root = path.resolve(cwd, contentDir);
  return Promise.all(
    result.files.map(async (f) => {
      const abs = path.resolve(cwd, f.path);
      return { collection: f.collection, id: f.id, path: path.relative(root, abs).split(path.sep).join('/'), bytes: await readFile(abs) };
    }),
  );
}

/** The Markdown pages of the internal edition, by path; none without a model. */
async function markdownPages(result: Pick<CheckResult, 'model'>): Promise<Map<string, string>> {
  if (!result.model) return new Map();
  // No fonts and no provenance: neither shows in the Markdown, and a commit would differ on every page.
  const { render } = await import('../../pipeline/render.js');
  const files = await render(result.model, { templates: await readTemplates(defaultTemplatesDir), version, fonts: [], edition: 'internal', provenance: {} });
  return new Map(files.filter((f) => f.path.endsWith('.md')).map((f) => [f.path, String(f.content)]));
}
