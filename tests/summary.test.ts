import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSummary, listedProblems } from '../src/content/summary.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { check } from '../src/pipeline/index.js';
import { repo, goldenProject } from './helpers.js';

const bin = path.join(repo, 'bin', 'ecap.js');
const golden = path.join(repo, 'tests', 'fixtures', 'golden');

function ecap(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const project = () => goldenProject('ecap-summary-');

const pages = ['index', 'comprehensive', 'countries/la', 'countries/th'].flatMap((p) => [`${p}.html`, `${p}.md`]);
const written = [...pages, 'assets/ecap.css', 'charts/th-raids.svg', 'data/practices.json'];

describe('buildSummary (pure)', () => {
  it('lists the reports with their paths, practices and recommendations per theme, and problems by rule', async () => {
    const result = await check({ contentDir: 'content', cwd: golden });
    const text = buildSummary({ model: result.model, diagnostics: result.diagnostics, written, outDir: 'dist', edition: 'internal' });
    expect(text).toBe(
      [
        '## ecap build',
        '',
        'Wrote 11 files to `dist/` (4 reports, internal edition); 0 errors, 4 warnings, 1 info.',
        '',
        '### Reports',
        '',
        '| Report | HTML | Markdown |',
        '| - | - | - |',
        '| Index | `dist/index.html` | `dist/index.md` |',
        '| Comprehensive report | `dist/comprehensive.html` | `dist/comprehensive.md` |',
        '| Country report: Lao PDR | `dist/countries/la.html` | `dist/countries/la.md` |',
        '| Country report: Thailand | `dist/countries/th.html` | `dist/countries/th.md` |',
        '',
        '### Themes',
        '',
        '2 practices and 2 recommendations; a practice or recommendation counts under every theme it lists.',
        '',
        '| Theme | Practices | Recommendations |',
        '| - | -: | -: |',
        '| Courts | 2 | 1 |',
        '| Customs | 1 | 1 |',
        '',
        '### Problems by rule',
        '',
        '| Rule | Severity | Count |',
        '| - | - | -: |',
        '| `body/raw-html` | warning | 2 |',
        '| `status/draft` | warning | 1 |',
        '| `structure/empty-section` | warning | 1 |',
        '| `practice/not-recommended` | info | 1 |',
        '',
      ].join('\n'),
    );
  });

  it('adds a PDF column when there are PDFs', async () => {
    const result = await check({ contentDir: 'content', cwd: golden });
    const text = buildSummary({ model: result.model, diagnostics: [], written: [...written, 'index.pdf'], outDir: 'out', edition: 'public' });
    expect(text).toContain('| Report | HTML | Markdown | PDF |');
    expect(text).toContain('| Index | `out/index.html` | `out/index.md` | `out/index.pdf` |');
    expect(text).toContain('| Country report: Thailand | `out/countries/th.html` | `out/countries/th.md` | |');
    expect(text).toContain('(4 reports, public edition); 0 errors, 0 warnings, 0 infos.');
    expect(text).toContain('### Problems by rule\n\nNone.\n');
  });

  it('says when the output folder was already up to date', async () => {
    const result = await check({ contentDir: 'content', cwd: golden });
    const text = buildSummary({ model: result.model, diagnostics: [], written, outDir: 'dist', edition: 'internal', unchanged: true });
    expect(text).toContain('`dist/` was up to date: 11 files (4 reports, internal edition); 0 errors, 0 warnings, 0 infos.');
  });

  it('lists the errors by file and line when the build failed, escaping what they quote', () => {
    const error = (file: string, line: number, message: string): Diagnostic => ({ file, line, column: 3, endLine: line, endColumn: 5, severity: 'error', rule: 'schema/enum', message });
    const text = buildSummary({
      model: undefined,
      diagnostics: [error('content/missions/th.md', 14, 'Unexpected `custom` | `*x*` for `kind`'), error('content/missions/kh.md', 2, 'Unexpected <b>')],
      written: [],
      outDir: 'dist',
      edition: 'internal',
      failure: 'errors',
    });
    expect(text).toMatch(/^## ecap build failed\n\nThe content has errors, so nothing was written: 2 errors, 0 warnings, 0 infos\.\n/);
    expect(text).toContain('| `content/missions/kh.md:2` | Unexpected \\<b> | `schema/enum` |');
    // A pipe inside a cell is escaped, so the row keeps its three columns.
    expect(text).toContain('| `content/missions/th.md:14` | Unexpected \\`custom\\` \\| \\`\\*x\\*\\` for \\`kind\\` | `schema/enum` |');
    expect(text).toContain('| `schema/enum` | error | 2 |');
    expect(text).not.toContain('### Reports');
  });

  it('lists the warnings when there were too many, and cuts a long list short', () => {
    const warnings: Diagnostic[] = Array.from({ length: listedProblems + 5 }, (_, i) => ({ file: 'content/missions/la.md', line: i + 1, column: 1, endLine: i + 1, endColumn: 2, severity: 'warning', rule: 'status/draft', message: 'Draft' }));
    const text = buildSummary({ model: undefined, diagnostics: warnings, written: [], outDir: 'dist', edition: 'internal', failure: 'warnings' });
    expect(text).toContain('There were more warnings than allowed, so nothing was written');
    expect(text).toContain('### Warnings');
    expect(text).toContain(`\`content/missions/la.md:${listedProblems}\``);
    expect(text).not.toContain(`\`content/missions/la.md:${listedProblems + 1}\``);
    expect(text).toContain('And 5 more: run `ecap check` to see them all.');
  });
});

describe('ecap build --summary (process)', () => {
  it('writes the summary to the file named, and keeps the build summary line', async () => {
    const dir = await project();
    const run = ecap(['build', '--summary', 'summary.md'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/ecap: wrote \d+ files to dist\/ \(4 reports as HTML and Markdown\); 0 errors, 4 warnings, 1 info; [\d.]+ s\n$/);
    const text = await readFile(path.join(dir, 'summary.md'), 'utf8');
    expect(text).toMatch(/^## ecap build\n\nWrote \d+ files to `dist\/` \(4 reports, internal edition\)/);
    expect(text).toContain('| Country report: Thailand | `dist/countries/th.html` | `dist/countries/th.md` |');
  });

  it('writes to stdout without a file and without GITHUB_STEP_SUMMARY', async () => {
    const dir = await project();
    const run = ecap(['build', '--summary', '--out', 'reports/'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^## ecap build\n/);
    expect(run.stdout).toContain('`reports/index.html`');
  });

  it('appends to the file GITHUB_STEP_SUMMARY names', async () => {
    const dir = await project();
    await writeFile(path.join(dir, 'step.md'), '# Earlier step\n\n');
    const run = ecap(['build', '--summary'], dir, { GITHUB_STEP_SUMMARY: path.join(dir, 'step.md') });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(await readFile(path.join(dir, 'step.md'), 'utf8')).toMatch(/^# Earlier step\n\n## ecap build\n/);
  });

  it('writes the summary of a failed build, with its errors by file and line (exit 1)', async () => {
    const dir = await project();
    await writeFile(path.join(dir, 'content', 'missions', 'th.md'), '---\ncountry: [\n---\n');
    const run = ecap(['build', '--summary', 'summary.md'], dir);
    expect(run.code).toBe(1);
    const text = await readFile(path.join(dir, 'summary.md'), 'utf8');
    expect(text).toMatch(/^## ecap build failed\n/);
    expect(text).toMatch(/\| `content\/missions\/th\.md:2` \| Invalid YAML: .* \| `yaml\/syntax` \|/);
  });

  it('says plainly that the summary could not be written where its folder is missing, after the reports (exit 2)', async () => {
    const dir = await project();
    const run = ecap(['build', '--summary', 'missing/summary.md'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Could not write the build summary to `missing/summary.md` (ENOENT); the reports were written. Name a file in a folder that exists');
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await readFile(path.join(dir, 'dist', 'index.html'), 'utf8')).toContain('<html');
  });

  it('refuses to mix the summary with a machine-readable reporter on stdout (exit 2)', async () => {
    const dir = await project();
    const run = ecap(['build', '--summary', '--reporter', 'json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--summary without a file writes to stdout, where the json reporter writes too');
    expect(ecap(['build', '--summary', 's.md', '--reporter', 'json'], dir).code).toBe(0);
  });
});
