import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatStatus, status, type Status } from '../src/content/status.js';
import { check } from '../src/pipeline/index.js';
import { repo, goldenProject } from './helpers.js';

const bin = path.join(repo, 'bin', 'ecap.js');
const golden = path.join(repo, 'tests', 'fixtures', 'golden');

function ecap(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
  return { code: result.status, stdout: stripVTControlCharacters(result.stdout), stderr: stripVTControlCharacters(result.stderr).replaceAll(cwd, '<root>') };
}

const project = () => goldenProject('ecap-status-');

describe('status (pure)', () => {
  it('says, per member state visited, which parts are written, the note status, practices and figures', async () => {
    const result = await check({ contentDir: 'content', cwd: golden });
    const s = status(result.model!, result.diagnostics);
    expect(s.version).toBe(1);
    expect(s.countries).toEqual([
      { code: 'LA', name: 'Lao PDR', note: 'draft', parts: { a: true, b: true, c: false, d: true }, practices: 1, statistics: true, figures: 2 },
      { code: 'TH', name: 'Thailand', note: 'final', parts: { a: true, b: true, c: true, d: true }, practices: 1, statistics: true, figures: 3 },
    ]);
  });

  it('counts a practice under every theme it lists, and totals what is left to do', async () => {
    const result = await check({ contentDir: 'content', cwd: golden });
    const s = status(result.model!, result.diagnostics);
    // th-destruction-ceremonies lists customs first and courts second: it counts under both.
    expect(s.themes).toEqual([
      { id: 'courts', title: 'Courts', practices: 2 },
      { id: 'customs', title: 'Customs', practices: 1 },
    ]);
    expect(s.totals).toEqual({
      missions: 2,
      drafts: 1,
      finals: 1,
      practices: 2,
      recommendations: 2,
      missingStatistics: [],
      notRecommended: ['la-complaint-raids'],
      notVisited: ['VN'],
      diagnostics: { error: 0, warning: 4, info: 1 },
    });
  });

  it('lists a mission without statistics, and every practice when there is no recommendation', async () => {
    const result = await check({ contentDir: 'content', cwd: golden });
    const model = { ...result.model!, statistics: result.model!.statistics.filter((s) => s.data.country !== 'TH'), recommendations: [] };
    const s = status(model, []);
    expect(s.countries.find((c) => c.code === 'TH')).toMatchObject({ statistics: false, figures: 0 });
    expect(s.totals.missingStatistics).toEqual(['TH']);
    expect(s.totals.notRecommended).toEqual(['la-complaint-raids', 'th-destruction-ceremonies']);
    expect(formatStatus(s, model)).toContain('Thailand      final  a b c d                1  none');
  });

  it('aligns the tables for a terminal', async () => {
    const result = await check({ contentDir: 'content', cwd: golden });
    expect(formatStatus(status(result.model!, result.diagnostics), result.model!)).toBe(
      [
        'Member state  Note   Parts (a)-(d)  Practices  Statistics',
        '------------  -----  -------------  ---------  ----------',
        'Lao PDR       draft  a b - d                1  2 figures',
        'Thailand      final  a b c d                1  3 figures',
        '',
        'Theme    Practices',
        '-------  ---------',
        'Courts           2',
        'Customs          1',
        '',
        'Missions: 2 (1 draft, 1 final); not visited: Viet Nam',
        'Statistics missing for: none',
        'Practices: 2; no recommendation builds on: la-complaint-raids',
        'Recommendations: 2',
        'Problems: 0 errors, 4 warnings, 1 info (ecap check lists them)',
        '',
      ].join('\n'),
    );
  });
});

describe('ecap status (process)', () => {
  it('prints the tables on stdout and nothing on stderr', () => {
    const run = ecap(['status', '--content', 'content'], golden);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Member state {2}Note {3}Parts \(a\)-\(d\)/);
    expect(run.stdout).toContain('Lao PDR       draft  a b - d                1  2 figures\n');
  });

  it('prints JSON with --json', () => {
    const run = ecap(['status', '--json'], golden);
    expect(run.code).toBe(0);
    const s = JSON.parse(run.stdout) as Status;
    expect(s.version).toBe(1);
    expect(s.countries.map((c) => c.code)).toEqual(['LA', 'TH']);
    expect(s.totals.notVisited).toEqual(['VN']);
  });

  it('shows the errors instead of a status when the content has any (exit 1)', async () => {
    const dir = await project();
    await writeFile(path.join(dir, 'content', 'themes', 'courts.md'), '---\ntitle: Courts\nsummary: S\norder: first\n---\nText\n');
    const run = ecap(['status', '--json'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('content/themes/courts.md:4:8  error  ');
    expect(run.stderr).toContain('> 4 | order: first');
    expect(run.stderr.trim().split('\n').at(-1)).toBe('ecap: no status, the content has errors; 1 error, 4 warnings, 1 info');
  });

  it('treats a missing content folder as a usage error (exit 2)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-status-'));
    const run = ecap(['status'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Content folder `content` not found');
  });
});
