import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { contentSize, threadFrom } from '../src/pipeline/build-thread.js';
import { tree, repo, goldenProject, snapshot } from './helpers.js';

// These run the real binary, as a user or CI does; `npm test` compiles build/ first.
const bin = path.join(repo, 'bin', 'ecap.js');

function ecap(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  const clean = (s: string) => stripVTControlCharacters(s).replaceAll(cwd, '<root>').replace(/\d+\.\d+ s$/gm, '<time> s');
  return { code: result.status, stdout: clean(result.stdout), stderr: clean(result.stderr) };
}

const project = () => goldenProject('ecap-cli-');

describe('ecap (process)', () => {
  it('prints its version and help', () => {
    const version = ecap(['--version'], repo);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = ecap(['--help'], repo);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('build');
    expect(help.stdout).toContain('check');
  });

  it("parses front matter through the bundle without loading gray-matter's own YAML parser", async () => {
    const dir = await project();
    // The bundle's libraries call require() for what it leaves out, which this records.
    const hook = path.join(repo, 'tests', 'fixtures', 'record-requires.cjs');
    const requires = path.join(dir, 'requires.txt');
    const note = path.join(dir, 'content', 'missions', 'bad.md');
    await writeFile(note, '---\ntitle: [unclosed\n---\n\nText.\n');
    const run = spawnSync(process.execPath, ['--require', hook, bin, 'check', '--no-cache'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ECAP_TEST_REQUIRES: requires } });
    // The front matter was parsed (by yaml, which reports the unclosed flow sequence)...
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/missions\/bad\.md:2:\d+\s+error/);
    const loaded = (await readFile(requires, 'utf8')).split('\n');
    // ...by the bundle's parsing code, whose libraries require Node's modules...
    expect(loaded).toContain('fs');
    // ...and js-yaml, which requires esprima as it loads (see scripts/bundle.js), never came into it.
    expect(loaded.filter((request) => /esprima|js-yaml/.test(request))).toEqual([]);
  });

  it("validates through the validators built into the bundle, without loading ajv's compiler", async () => {
    const dir = await project();
    const hook = path.join(repo, 'tests', 'fixtures', 'record-imports.mjs');
    const imports = path.join(dir, 'imports.txt');
    await writeFile(path.join(dir, 'content', 'themes', 'courts.md'), '---\ntitle: Courts\nsummary: S\norder: first\n---\nText\n');
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, bin, 'check', '--no-cache'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ECAP_TEST_IMPORTS: imports } });
    // The note was validated...
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/themes\/courts\.md:4:8\s+error.*expected a whole number/);
    const loaded = (await readFile(imports, 'utf8')).split('\n').map((url) => path.basename(url));
    // ...by the validators `npm run build` made (src/content/prebuilt-validators.ts)...
    expect(loaded).toContain('schema-validators.js');
    // ...not by ajv compiling the schema, whose chunk esbuild names after src/content/validators.ts.
    expect(loaded.filter((name) => /^validators-\w+\.js$/.test(name))).toEqual([]);
  });

  it('builds into dist/ and ends with one summary line', async () => {
    const dir = await project();
    const run = ecap(['build'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^ecap: wrote \d+ files to dist\/ \(4 reports as HTML and Markdown\); 0 errors, 4 warnings, 1 info; <time> s$/);
    expect((await readdir(path.join(dir, 'dist'))).sort()).toEqual(['.ecap-output', 'assets', 'charts', 'comprehensive.html', 'comprehensive.md', 'countries', 'data', 'index.html', 'index.md']);
  });

  it('prints JSON diagnostics to stdout and the summary to stderr', async () => {
    const dir = await project();
    await writeFile(path.join(dir, 'content', 'themes', 'courts.md'), '---\ntitle: Courts\nsummary: S\norder: first\n---\nText\n');
    const run = ecap(['check', '--reporter', 'json'], dir);
    expect(run.code).toBe(1);
    const diagnostics = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(diagnostics).toContainEqual(expect.objectContaining({ file: 'content/themes/courts.md', line: 4, column: 8, severity: 'error', rule: 'schema/type' }));
    expect(run.stderr).toMatch(/^ecap: checked \d+ files; 1 error, /m);
  });

  it('leaves the previous output untouched when the content has errors', async () => {
    const dir = await project();
    expect(ecap(['build'], dir).code).toBe(0);
    const before = await readFile(path.join(dir, 'dist', 'comprehensive.html'), 'utf8');
    await writeFile(path.join(dir, 'content', 'missions', 'th.md'), '---\ncountry: [\n---\n');
    const run = ecap(['build'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('content/missions/th.md:2:');
    expect(run.stderr).toContain('ecap: wrote nothing, the content has errors');
    expect(await readFile(path.join(dir, 'dist', 'comprehensive.html'), 'utf8')).toBe(before);
  });

  it('treats a missing content folder, a bad option and a file for a cache folder as usage errors (exit 2)', async () => {
    const dir = await tree({ 'readme.txt': 'empty project' });
    const missing = ecap(['check'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('ecap: Content folder `content` not found: pass --content DIR, or run ecap where content/ is.\n');
    expect(ecap(['build', '--frobnicate'], dir).code).toBe(2);
    expect(ecap(['check', '--reporter', 'xml'], dir).code).toBe(2);
    // Nothing was made for the cache of a command that could not run.
    expect(await readdir(dir)).toEqual(['readme.txt']);
    for (const cacheDir of ['readme.txt', 'readme.txt/cache']) {
      const file = ecap(['build', '--cache-dir', cacheDir], dir);
      expect(file.code).toBe(2);
      expect(file.stderr).toBe(`ecap: --cache-dir ${cacheDir} is a file, or inside one, not a folder: name a folder for the cache (it is made if need be), or --no-cache.\n`);
    }
  });

  it('refuses to replace a folder it did not create', async () => {
    const dir = await project();
    await tree({ 'mine/keep.txt': 'precious' }, dir);
    const run = ecap(['build', '--out', 'mine'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Refusing to replace `mine`');
    expect(await readFile(path.join(dir, 'mine', 'keep.txt'), 'utf8')).toBe('precious');
    expect(ecap(['build', '--out', '.'], dir).code).toBe(2);
    expect(ecap(['build', '--out', 'content/out'], dir).code).toBe(2);
  });

  it('succeeds (exit 0) when nothing changed, and still writes a full summary', async () => {
    const dir = await project();
    expect(ecap(['build'], dir).code).toBe(0);
    const again = ecap(['build', '--summary', 'summary.md'], dir);
    expect(again.code).toBe(0);
    expect(again.stderr.trim().split('\n').at(-1)).toMatch(/^ecap: nothing changed, dist\/ is up to date \(\d+ files\); 0 errors, 4 warnings, 1 info; <time> s$/);
    const summary = await readFile(path.join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('Comprehensive report');
  });

  it('writes the whole summary of a build large enough to run on a thread of its own', async () => {
    const dir = await project();
    // Files a build does not read, enough for the content to be built on its own thread,
    // which hands its model back only for the summary.
    await mkdir(path.join(dir, 'content', 'attachments'));
    await Promise.all(Array.from({ length: threadFrom }, (_, i) => writeFile(path.join(dir, 'content', 'attachments', `${i}.txt`), '')));
    expect(await contentSize(path.join(dir, 'content'))).toBeGreaterThanOrEqual(threadFrom);
    const built = ecap(['build', '--no-cache', '--summary', 'summary.md'], dir);
    expect(built.code).toBe(0);
    const summary = await readFile(path.join(dir, 'summary.md'), 'utf8');
    // Made from the model: the reports' titles and the practices by theme.
    expect(summary).toContain('Country report: Thailand');
    expect(summary).toMatch(/### Themes\n\n2 practices and 2 recommendations/);
  });

  it("builds through the bundle the golden fixture's expected pages", async () => {
    // The bundle parses notes with two libraries changed (fromMarkdownWithOneContext and
    // grayMatterCachesOnlyWithoutOptions in scripts/bundle.js); tests/golden.test.ts builds the
    // same content from the sources.
    const dir = await project();
    expect(ecap(['build', '--out', 'out'], dir).code).toBe(0);
    const [built, expected] = await Promise.all([snapshot(path.join(dir, 'out')), snapshot(path.join(repo, 'tests', 'fixtures', 'golden', 'expected'))]);
    // Fonts are expected by their hash, and the diagnostics as the golden test prints them.
    const pages = [...expected.keys()].filter((file) => !file.endsWith('.sha256') && file !== 'diagnostics.txt');
    expect(pages).toEqual(expect.arrayContaining(['comprehensive.md', 'countries/th.html']));
    for (const file of pages) expect(built.get(file) === expected.get(file), file).toBe(true);
  });

  it('builds byte-identical output whatever the run', async () => {
    const dir = await project();
    ecap(['build', '--out', 'a'], dir);
    ecap(['build', '--out', 'b'], dir);
    for (const file of ['index.html', 'comprehensive.md', 'countries/th.html']) {
      expect(await readFile(path.join(dir, 'a', file), 'utf8')).toBe(await readFile(path.join(dir, 'b', file), 'utf8'));
    }
  });

  it('reports as GitHub annotations on stdout, by itself under GitHub Actions', async () => {
    const dir = await project();
    const run = ecap(['check'], dir, { GITHUB_ACTIONS: 'true' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::warning file=content/missions/la.md,line=3,col=9,endLine=3,endColumn=14,title=ecap status/draft::This mission note is still a draft');
    expect(run.stdout).toContain('::notice file=content/practices/la-complaint-raids.md,line=2,col=8');
    expect(run.stderr).toMatch(/^ecap: checked \d+ files; 0 errors, 4 warnings, 1 info; <time> s$/m);
  });

  it('writes SARIF 2.1.0 with rule metadata and links to the rule documents', async () => {
    const dir = await project();
    const run = ecap(['check', '--reporter', 'sarif'], dir);
    const log = JSON.parse(run.stdout) as { version: string; runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } }; results: Array<{ ruleId: string; level: string }> }> };
    expect(log.version).toBe('2.1.0');
    const rule = log.runs[0]!.tool.driver.rules.find((r) => r.id === 'status/draft')!;
    expect(rule.helpUri).toMatch(/^file:\/\/.*\/docs\/rules\/status-draft\.md$/);
    expect(log.runs[0]!.results).toContainEqual(expect.objectContaining({ ruleId: 'status/draft', level: 'warning' }));
  });

  it('fails on warnings only when asked, and then writes nothing', async () => {
    const dir = await project();
    expect(ecap(['check', '--max-warnings', '4'], dir).code).toBe(0);
    expect(ecap(['check', '--max-warnings', '3'], dir).code).toBe(1);
    const strict = ecap(['build', '--strict'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('ecap: wrote nothing, too many warnings;');
    expect(ecap(['check', '--max-warnings', 'some'], dir).code).toBe(2);
  });

  it('explains a rule, and suggests one for a typo', () => {
    const run = ecap(['explain', 'schema/enum'], repo);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# schema\/enum\n/);
    expect(run.stdout).toContain('## How to fix it');
    const typo = ecap(['explain', 'schema/enun'], repo);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean `schema/enum`?');
  });

  it('reports a broken template, and a missing templates folder, as usage errors without a stack trace', async () => {
    const dir = await project();
    await tree({ 'tpl/page.html.hbs': '<title>{{titel}}</title>', 'tpl/page.md.hbs': '{{{body}}}', 'tpl/ecap.css': '' }, dir);
    const run = ecap(['build', '--templates', 'tpl'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ecap: Template page.html.hbs cannot be used: "titel" not defined/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const missing = ecap(['build', '--templates', 'nowhere'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('ecap: Templates folder `nowhere` not found: pass --templates DIR, a copy of the bundled templates/ folder.\n');
  });
});
