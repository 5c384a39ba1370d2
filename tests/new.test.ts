import { spawnSync } from 'node:child_process';
import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freeId, recommendationId, slugify } from '../src/content/scaffold.js';
import { repo, golden, goldenProject } from './helpers.js';

// `ecap new` as an editor runs it: the real binary on a copy of the golden content.
const bin = path.join(repo, 'bin', 'ecap.js');

function ecap(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: stripVTControlCharacters(result.stdout), stderr: stripVTControlCharacters(result.stderr) };
}

const project = () => goldenProject('ecap-new-');

interface JsonDiagnostic {
  file: string;
  severity: string;
  rule: string;
}

/** The diagnostics `ecap check` reports for one file. */
function diagnosticsFor(dir: string, file: string): JsonDiagnostic[] {
  const run = ecap(['check', '--reporter', 'json'], dir);
  return (JSON.parse(run.stdout) as JsonDiagnostic[]).filter((d) => d.file === file);
}

describe('ids from titles', () => {
  it('are lower-case ASCII kebab-case, cut at a word', () => {
    expect(slugify('Public destruction ceremonies')).toBe('public-destruction-ceremonies');
    expect(slugify('  DIP–Customs joint inspections (ports & land)  ')).toBe('dip-customs-joint-inspections-ports-and-land');
    expect(slugify('Thủ tục đặc biệt, l’œuvre, Straße')).toBe('thu-tuc-dac-biet-loeuvre-strasse');
    expect(slugify('ประเทศไทย')).toBe('');
    const long = slugify('a very long title that goes on and on about the enforcement of intellectual property rights');
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(recommendationId(7, 'Train judges')).toBe('r07-train-judges');
    expect(recommendationId(12, '???')).toBe('r12-recommendation');
  });

  it('never take an id that is taken', () => {
    const taken = new Set(['a', 'a-2']);
    expect(freeId('b', (id) => taken.has(id))).toBe('b');
    expect(freeId('a', (id) => taken.has(id))).toBe('a-3');
  });
});

describe('ecap new (process)', () => {
  it('starts a mission note that checks clean but for its draft status', async () => {
    const dir = await project();
    const run = ecap(['new', 'mission', 'vn'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('content/missions/vn.md\n');
    expect(run.stderr).toBe('ecap: next, replace the TODOs and the placeholder dates in content/missions/vn.md, then run `npx ecap check`\n');
    const text = await readFile(path.join(dir, 'content', 'missions', 'vn.md'), 'utf8');
    expect(text).toMatch(/^---\n# /);
    expect(text).toContain('# The country visited; the file name is this code in lower case.\ncountry: VN\n');
    expect(text).toContain('status: draft');
    expect(text).toContain('kind: ip-office');
    for (const heading of ['## (a) Current situation, needs and expectations', '## (b) Best practices observed', '## (c) Suggestions for guidelines and materials', '## (d) Suggestions for interagency coordination']) {
      expect(text).toContain(`\n${heading}\n\nTODO: `);
    }
    expect(diagnosticsFor(dir, 'content/missions/vn.md').map((d) => d.rule)).toEqual(['status/draft']);
    expect(ecap(['build'], dir).code).toBe(0);
  });

  it('starts a practice and a recommendation that check clean', async () => {
    const dir = await project();
    const practice = ecap(['new', 'practice', '--country', 'th', '--theme', 'customs', 'Public destruction ceremonies'], dir);
    expect(practice.code).toBe(0);
    expect(practice.stdout).toBe('content/practices/th-public-destruction-ceremonies.md\n');
    const recommendation = ecap(['new', 'recommendation', '--meeting', 'consultation', '--theme', 'courts', '--scope', 'national', 'Train prosecutors'], dir);
    expect(recommendation.code).toBe(0);
    expect(recommendation.stdout).toBe('content/recommendations/r03-train-prosecutors.md\n');
    const text = await readFile(path.join(dir, 'content', 'recommendations', 'r03-train-prosecutors.md'), 'utf8');
    expect(text).toContain('number: 3\n');
    expect(text).toContain('scope: national\n');
    const run = ecap(['check', '--reporter', 'json'], dir);
    expect(run.code).toBe(0);
    const mine = (JSON.parse(run.stdout) as JsonDiagnostic[]).filter((d) => d.file.includes('th-public-destruction-ceremonies') || d.file.includes('r03-'));
    // No recommendation builds on the new practice yet: an info, which is what it should say.
    expect(mine.map((d) => `${d.severity} ${d.rule}`)).toEqual(['info practice/not-recommended']);
  });

  it('never overwrites a record: a second one with the same title gets -2, -3', { timeout: 60_000 }, async () => {
    const dir = await project();
    const args = ['new', 'practice', '--country', 'TH', '--theme', 'customs', 'Destruction ceremonies'];
    expect(ecap(args, dir).stdout).toBe('content/practices/th-destruction-ceremonies-2.md\n');
    expect(ecap(args, dir).stdout).toBe('content/practices/th-destruction-ceremonies-3.md\n');
    expect(await readFile(path.join(dir, 'content', 'practices', 'th-destruction-ceremonies.md'), 'utf8')).toBe(await readFile(path.join(golden, 'practices', 'th-destruction-ceremonies.md'), 'utf8'));
    // A file that is not a record still holds its name.
    await writeFile(path.join(dir, 'content', 'recommendations', 'r03-train-judges.md'), 'not a record');
    const run = ecap(['new', 'recommendation', '--meeting', 'consultation', '--theme', 'courts', 'Train judges'], dir);
    expect(run.stdout).toBe('content/recommendations/r04-train-judges.md\n');
    expect(await readFile(path.join(dir, 'content', 'recommendations', 'r04-train-judges.md'), 'utf8')).toContain('number: 4\n');
    expect(ecap(['check'], dir).stderr).not.toContain('id/duplicate');
  });

  it('writes into --content DIR', async () => {
    const dir = await project();
    await cp(path.join(dir, 'content'), path.join(dir, 'notes'), { recursive: true });
    await rm(path.join(dir, 'content'), { recursive: true });
    const run = ecap(['new', 'mission', 'VN', '--content', 'notes'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('notes/missions/vn.md\n');
    expect(await readdir(path.join(dir, 'notes', 'missions'))).toContain('vn.md');
  });

  it('treats bad arguments as usage errors (exit 2) that say what to do, and writes nothing', { timeout: 90_000 }, async () => {
    const dir = await project();
    const cases: Array<[string[], string]> = [
      [['new', 'mission', 'th'], 'ecap: content/missions/th.md already exists: Thailand has a mission note; edit that file instead.\n'],
      [['new', 'mission', 'tj'], 'ecap: `tj` is not a member state in content/activity.yaml; did you mean `TH`? The member states are `LA`, `TH` and `VN`; add a new one under member_states in content/activity.yaml first.\n'],
      [['new', 'practice', '--country', 'vn', '--theme', 'customs', 'X'], 'ecap: There is no mission note for Viet Nam, and practices come from missions: start one with `npx ecap new mission vn` first.\n'],
      [['new', 'practice', '--country', 'xx', '--theme', 'customs', 'X'], 'ecap: `xx` is not a member state in content/activity.yaml. The member states are `LA`, `TH` and `VN`; add a new one under member_states in content/activity.yaml first.\n'],
      [['new', 'practice', '--country', 'th', '--theme', 'custom', 'X'], 'ecap: Unknown theme `custom`; did you mean `customs`? The themes are the files in content/themes/: `courts` and `customs`.\n'],
      [['new', 'practice', '--country', 'th', '--theme', 'customs', ' '], 'ecap: The title is empty: give the practice a short title, in quotes.\n'],
      [['new', 'recommendation', '--meeting', 'consultaton', '--theme', 'courts', 'X'], 'ecap: Unknown meeting `consultaton`; did you mean `consultation`? The meetings are the files in content/meetings/: `consultation`.\n'],
    ];
    for (const [args, stderr] of cases) {
      const run = ecap(args, dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toBe(stderr);
      expect(run.stdout).toBe('');
    }
    for (const args of [['new'], ['new', 'mission'], ['new', 'mission', 'vn', '--frobnicate'], ['new', 'practice', 'X', '--theme', 'customs'], ['new', 'recommendation', 'X', '--meeting', 'consultation', '--theme', 'courts', '--scope', 'global']]) {
      expect(ecap(args, dir).code, args.join(' ')).toBe(2);
    }
    expect(ecap(['new', 'mission', 'vn', '--content', 'nowhere'], dir).code).toBe(2);
    const listing = async (sub: string) => (await readdir(path.join(dir, 'content', sub))).sort();
    expect(await listing('missions')).toEqual(['la.md', 'th.md']);
    expect(await listing('practices')).toEqual(['la-complaint-raids.md', 'th-destruction-ceremonies.md']);
    expect(await listing('recommendations')).toEqual(['r01-ceremonies.md', 'r02-courts.md']);
  });
});
