import { spawnSync } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Status } from '../src/content/status.js';
import { repo, goldenProject } from './helpers.js';

// ecap as .github/workflows/ecap.yml runs it: the `npx ecap` steps of the workflow itself,
// run by bash as GitHub's runner does, with the variables GitHub Actions sets.
const bin = path.join(repo, 'bin', 'ecap.js');
const workflowFile = path.join(repo, '.github', 'workflows', 'ecap.yml');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { if?: string; steps: Step[] }>;
}

const workflow = parse(await readFile(workflowFile, 'utf8')) as Workflow;

/** A fresh job summary file and the variables a GitHub-hosted runner sets. */
async function actions(dir: string): Promise<Record<string, string>> {
  const summary = path.join(dir, 'step-summary.md');
  await writeFile(summary, '');
  return { GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_BASE_REF: 'main' };
}

function git(cwd: string, ...args: string[]): string {
  const run = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/**
 * A checkout as actions/checkout leaves it for a pull request: the base branch fetched as
 * origin/main, and the pull request's commit (a changed practice) checked out.
 */
async function pullRequest(): Promise<string> {
  const dir = await goldenProject('ecap-ci-');
  await writeFile(path.join(dir, '.gitignore'), 'dist/\nstep-summary.md\n');
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'Golden content');
  git(dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'pull-request');
  const practice = path.join(dir, 'content', 'practices', 'th-destruction-ceremonies.md');
  await writeFile(practice, (await readFile(practice, 'utf8')).replace('The DIP invites the press.', 'The DIP invites the press and the right holders.'));
  git(dir, 'commit', '-q', '-a', '-m', 'Say who is invited');
  return dir;
}

/** Runs a workflow step's script with bash, with `npx ecap` as this checkout's ecap and `${{ github.base_ref }}` as main. */
function runStep(step: Step, cwd: string, env: Record<string, string>) {
  const script = step.run!.replaceAll('npx ecap', `"${process.execPath}" "${bin}"`);
  const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, v.replaceAll('${{ github.base_ref }}', env.GITHUB_BASE_REF!)]));
  const run = spawnSync('bash', ['-e', '-c', script], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env, ...stepEnv } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function ecap(args: string[], cwd: string, env: Record<string, string>) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

// markdownlint-cli2 ships no type declarations: import it by a specifier TypeScript does not resolve.
const cli2Module: string = 'markdownlint-cli2';
interface Cli2 {
  main(params: { directory: string; argv: string[]; optionsOverride?: Record<string, unknown>; logError?: (message: string) => void }): Promise<number>;
}

/**
 * markdownlint-cli2's problems in a Markdown file, with the repository's configuration. A job
 * summary is a fragment that other steps add to, so it need not open with a level-1 heading (MD041).
 */
async function lint(file: string): Promise<string[]> {
  const { main } = (await import(cli2Module)) as Cli2;
  const problems: string[] = [];
  const formatter = (options: { results: Array<{ lineNumber: number; ruleNames: string[]; ruleDescription: string }> }) =>
    void problems.push(...options.results.map((r) => `${r.lineNumber}: ${r.ruleNames.join('/')} ${r.ruleDescription}`));
  await main({
    directory: path.dirname(file),
    argv: ['--config', path.join(repo, '.markdownlint-cli2.jsonc'), path.basename(file)],
    optionsOverride: { config: { MD041: false }, outputFormatters: [[formatter]] },
    logError: (message) => problems.push(message),
  });
  return problems;
}

const stepsOf = (job: string) => workflow.jobs[job]!.steps;
const ecapSteps = (job: string) => stepsOf(job).filter((s) => s.run?.includes('npx ecap'));

describe('the GitHub Actions workflow', () => {
  it('checks and compares pull requests, builds pushes and uploads the reports', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    const check = stepsOf('check');
    expect(check.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toMatchObject({ 'fetch-depth': 0 });
    expect(check.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toEqual({ 'node-version': 20, cache: 'npm' });
    expect(check.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npx ecap check', 'npx ecap diff "origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"']);
    const build = stepsOf('build');
    expect(build.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npx ecap build --summary', 'npx ecap cache prune --unused-for 1h']);
    // The cache is restored before the build and saved when the job ends, after the prune.
    const restore = build.findIndex((s) => s.uses?.startsWith('actions/cache@'));
    expect(build[restore]?.with).toMatchObject({ path: '.ecap-cache' });
    expect(restore).toBeLessThan(build.findIndex((s) => s.run === 'npx ecap build --summary'));
    expect(build.at(-1)).toMatchObject({ uses: 'actions/upload-artifact@v4', with: { path: 'dist/' } });
  });
});

describe('ecap under GitHub Actions (process)', () => {
  it('runs the pull-request job: annotations from check, a valid Markdown diff in the job summary', async () => {
    const dir = await pullRequest();
    const env = await actions(dir);
    const [check, diff] = ecapSteps('check');
    const checked = runStep(check!, dir, env);
    expect(checked.code).toBe(0);
    // The github reporter, chosen by itself: workflow commands on stdout, one per problem.
    expect(checked.stdout).toContain('::warning file=content/missions/la.md,line=3,col=9,endLine=3,endColumn=14,title=ecap status/draft::');
    expect(checked.stderr).toMatch(/^ecap: checked \d+ files; 0 errors, 4 warnings, 1 info; /m);

    const diffed = runStep(diff!, dir, env);
    expect(diffed.code).toBe(0);
    expect(diffed.stdout).toBe('');
    const summary = await readFile(env.GITHUB_STEP_SUMMARY!, 'utf8');
    expect(summary).toMatch(/^## Content changes since `origin\/main`\n/);
    expect(summary).toContain('| practices | | `th-destruction-ceremonies` | |');
    expect(summary).toContain('- `countries/th.md` › Best practices documented › Public destruction ceremonies › How it works: changed');
    expect(await lint(env.GITHUB_STEP_SUMMARY!)).toEqual([]);
  });

  it('fails the check step (exit 1) with error annotations when the content has errors', async () => {
    const dir = await pullRequest();
    const env = await actions(dir);
    await writeFile(path.join(dir, 'content', 'themes', 'courts.md'), '---\ntitle: Courts\nsummary: S\norder: first\n---\nText\n');
    const checked = runStep(ecapSteps('check')[0]!, dir, env);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('::error file=content/themes/courts.md,line=4,col=8,');
    // The diff step would not run after a failed step; run alone, it refuses too.
    expect(runStep(ecapSteps('check')[1]!, dir, env).code).toBe(1);
  });

  it('runs the push job: the build appends its summary to the job summary and writes dist/', async () => {
    const dir = await pullRequest();
    const env = await actions(dir);
    await writeFile(env.GITHUB_STEP_SUMMARY!, '## An earlier step\n\nIt said something.\n\n');
    const built = runStep(ecapSteps('build')[0]!, dir, env);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain('::warning file=content/missions/la.md');
    expect(built.stdout).not.toContain('## ecap build');
    const summary = await readFile(env.GITHUB_STEP_SUMMARY!, 'utf8');
    expect(summary).toMatch(/^## An earlier step\n\nIt said something\.\n\n## ecap build\n\nWrote \d+ files to `dist\/` \(4 reports, internal edition\); 0 errors, 4 warnings, 1 info\.\n/);
    expect(summary).toContain('| `status/draft` | warning | 1 |');
    expect(await lint(env.GITHUB_STEP_SUMMARY!)).toEqual([]);
    expect(await readdir(path.join(dir, 'dist'))).toContain('comprehensive.html');
    // Everything in the cache was just written or read by the build: the prune keeps it all.
    const pruned = runStep(ecapSteps('build')[1]!, dir, env);
    expect(pruned.code).toBe(0);
    expect(pruned.stderr).toMatch(/^ecap: removed 0 entries \(0\.0 MB\) unused for 1h from \.ecap-cache\/; kept [1-9][\d,]* entries /);
  });

  it('writes a valid summary of a failed build to the job summary (exit 1)', async () => {
    const dir = await pullRequest();
    const env = await actions(dir);
    await writeFile(path.join(dir, 'content', 'missions', 'th.md'), '---\ncountry: [\n---\n');
    const built = runStep(ecapSteps('build')[0]!, dir, env);
    expect(built.code).toBe(1);
    expect(built.stdout).toContain('::error file=content/missions/th.md,line=2,');
    const summary = await readFile(env.GITHUB_STEP_SUMMARY!, 'utf8');
    expect(summary).toMatch(/^## ecap build failed\n/);
    expect(summary).toMatch(/\| `content\/missions\/th\.md:2` \| Invalid YAML: /);
    expect(await lint(env.GITHUB_STEP_SUMMARY!)).toEqual([]);
  });

  it('prints the status as JSON that parses', async () => {
    const dir = await pullRequest();
    const env = await actions(dir);
    const run = ecap(['status', '--json'], dir, env);
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout) as Status;
    expect(status.totals).toMatchObject({ missions: 2, drafts: 1, finals: 1, practices: 2 });
    // Warnings are counted in the status, not printed as annotations.
    expect(run.stdout).not.toContain('::warning');
    expect(run.stderr).toBe('');
  });
});
