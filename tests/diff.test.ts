import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffPages, diffRecords, formatDiff, sections, type ContentDiff, type RecordFile } from '../src/content/diff.js';
import { git, repo, edit, golden, goldenProject } from './helpers.js';

const bin = path.join(repo, 'bin', 'ecap.js');

function ecap(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.replace(/\d+\.\d+ s$/gm, '<time> s') };
}

/** A git repository holding the golden content under `content/`, committed once. */
async function repository(): Promise<string> {
  const dir = await goldenProject('ecap-diff-');
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'Golden content');
  return dir;
}

const file = (collection: RecordFile['collection'], id: string, text: string, ext = 'md'): RecordFile => ({ collection, id, path: `${collection}/${id}.${ext}`, bytes: new TextEncoder().encode(text) });

describe('diff (pure)', () => {
  it('finds records added, changed and removed by their bytes, by collection', () => {
    const before = [file('themes', 'courts', 'A'), file('practices', 'th-x', 'B'), file('practices', 'th-y', 'C'), file('statistics', 'th', 'D', 'yaml')];
    const after = [file('themes', 'courts', 'A'), file('practices', 'th-x', 'B\r'), file('practices', 'th-z', 'E'), file('statistics', 'th', 'D', 'yml')];
    expect(diffRecords(before, after)).toEqual([
      { collection: 'practices', added: ['th-z'], changed: ['th-x'], removed: ['th-y'] },
      // Renamed from th.yaml to th.yml: another file, though the same record.
      { collection: 'statistics', added: ['th'], changed: [], removed: ['th'] },
    ]);
  });

  it('cuts a page into sections named by their headings, without the page title', () => {
    const page = 'Nav\n\n# Thailand\n\nIntro\n\n## Best practices\n\n### Ceremonies\n\nText *one*\n\n### Hotline\n\nText\n\n## Statistics\n\nTable\n';
    expect(sections(page).map((s) => s.heading)).toEqual([[], ['Thailand'], ['Best practices'], ['Best practices', 'Ceremonies'], ['Best practices', 'Hotline'], ['Statistics']]);
    expect(sections(page)[3]!.text).toBe('### Ceremonies\n\nText *one*\n\n');
    // Headings are read by the Markdown parser: a `#` in a code block or a paragraph is no heading.
    expect(sections('# T\n\n```sh\n# not a heading\n```\n\nA #hash\n').map((s) => s.heading)).toEqual([['T']]);
  });

  it('lists the pages and the sections that differ, are added or removed', () => {
    const before = new Map([
      ['index.md', '# Index\n\nSame\n'],
      ['countries/la.md', '# Lao PDR\n'],
      ['countries/th.md', '# Thailand\n\n## (a) Current situation\n\nOld\n\n## (b) Best practices\n\nSame\n\n## Gone\n\nX\n'],
    ]);
    const after = new Map([
      ['index.md', '# Index\n\nSame\n'],
      ['countries/th.md', '# Thailand\n\n## (a) Current situation\n\nNew\n\n## (b) Best practices\n\nSame\n\n## New part\n\nY\n'],
      ['countries/vn.md', '# Viet Nam\n'],
    ]);
    expect(diffPages(before, after)).toEqual([
      { page: 'countries/la.md', change: 'removed', sections: [] },
      {
        page: 'countries/th.md',
        change: 'changed',
        sections: [
          { heading: ['(a) Current situation'], change: 'changed' },
          { heading: ['New part'], change: 'added' },
          { heading: ['Gone'], change: 'removed' },
        ],
      },
      { page: 'countries/vn.md', change: 'added', sections: [] },
    ]);
  });

  it('tells apart sections with the same headings by their order', () => {
    const before = new Map([['p.md', '# P\n\n## A\n\n### How it works\n\n1\n\n### How it works\n\n2\n']]);
    const after = new Map([['p.md', '# P\n\n## A\n\n### How it works\n\n1\n\n### How it works\n\n3\n']]);
    expect(diffPages(before, after)[0]!.sections).toEqual([{ heading: ['A', 'How it works'], change: 'changed' }]);
  });

  it('writes Markdown that escapes what headings and ids contain', () => {
    const diff: ContentDiff = {
      version: 1,
      ref: 'origin/main',
      commit: '0123456789abcdef0123456789abcdef01234567',
      records: [{ collection: 'practices', added: ['th-a', 'th-b'], changed: [], removed: [] }],
      pages: [{ page: 'comprehensive.md', change: 'changed', sections: [{ heading: ['Customs', 'Raids *and* <seizures> | more'], change: 'added' }] }],
    };
    expect(formatDiff(diff)).toBe(
      [
        '## Content changes since `origin/main`',
        '',
        'Compared with `origin/main` (0123456789ab): 2 records and 1 report page differ.',
        '',
        '### Records',
        '',
        '| Collection | Added | Changed | Removed |',
        '| - | - | - | - |',
        '| practices | `th-a`, `th-b` | | |',
        '',
        '### Report pages',
        '',
        '- `comprehensive.md` › Customs › Raids \\*and\\* \\<seizures> | more: added',
        '',
      ].join('\n'),
    );
    expect(formatDiff({ ...diff, records: [], pages: [] })).toBe('## Content changes since `origin/main`\n\nNo record and no report page differs from `origin/main` (0123456789ab).\n');
    expect(formatDiff({ ...diff, pages: null })).toContain('The content at `origin/main` has errors, so its reports were not rendered');
  });
});

describe('ecap diff (process)', () => {
  it('finds nothing when the working tree is the commit', async () => {
    const dir = await repository();
    const run = ecap(['diff', 'HEAD'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^## Content changes since `HEAD`\n\nNo record and no report page differs from `HEAD` \([0-9a-f]{12}\)\.\n$/);
    expect(run.stderr).toMatch(/^ecap: compared with HEAD \([0-9a-f]{12}\): 0 records and 0 report pages differ; <time> s\n$/);
  });

  it('lists the changed practice and the report sections that show it', async () => {
    const dir = await repository();
    await edit(path.join(dir, 'content', 'practices', 'th-destruction-ceremonies.md'), 'The DIP invites the press.', 'The DIP invites the press and the right holders.');
    await edit(path.join(dir, 'content', 'missions', 'la.md'), 'A young system.', 'A young enforcement system.');
    const run = ecap(['diff', 'HEAD'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('| missions | | `la` | |\n| practices | | `th-destruction-ceremonies` | |\n');
    expect(run.stdout).toContain('- `countries/th.md` › Best practices documented › Public destruction ceremonies › How it works: changed\n');
    expect(run.stdout).toContain('- `countries/la.md` › (a) Current situation, needs and expectations: changed\n');
    expect(run.stdout).toContain('- `comprehensive.md` › 2. Customs › Public destruction ceremonies (Thailand) › How it works: changed\n');
    // Sections the edits do not touch are not listed.
    expect(run.stdout).not.toContain('(b) Best practices observed');
  });

  it('prints JSON with --json, with records added and removed and whole pages', async () => {
    const dir = await repository();
    await rm(path.join(dir, 'content', 'missions', 'la.md'));
    await rm(path.join(dir, 'content', 'practices', 'la-complaint-raids.md'));
    await rm(path.join(dir, 'content', 'statistics', 'la.yaml'));
    await edit(path.join(dir, 'content', 'recommendations', 'r02-courts.md'), 'countries: [LA]', 'countries: [TH]');
    await writeFile(path.join(dir, 'content', 'themes', 'awareness.md'), '---\ntitle: Awareness\nsummary: Campaigns.\norder: 3\n---\nCampaigns work.\n');
    const run = ecap(['diff', 'HEAD', '--json'], dir);
    expect(run.stderr).not.toContain('error');
    expect(run.code, run.stderr).toBe(0);
    const diff = JSON.parse(run.stdout) as ContentDiff;
    expect(diff.version).toBe(1);
    expect(diff.ref).toBe('HEAD');
    expect(diff.commit).toBe(git(dir, 'rev-parse', 'HEAD').trim());
    expect(diff.records).toEqual([
      { collection: 'themes', added: ['awareness'], changed: [], removed: [] },
      { collection: 'missions', added: [], changed: [], removed: ['la'] },
      { collection: 'practices', added: [], changed: [], removed: ['la-complaint-raids'] },
      { collection: 'recommendations', added: [], changed: ['r02-courts'], removed: [] },
      { collection: 'statistics', added: [], changed: [], removed: ['la'] },
    ]);
    expect(diff.pages).toContainEqual({ page: 'countries/la.md', change: 'removed', sections: [] });
    const comprehensive = diff.pages!.find((p) => p.page === 'comprehensive.md')!;
    expect(comprehensive.sections).toContainEqual({ heading: ['3. Awareness'], change: 'added' });
  });

  it('reads the files at the ref as a checkout writes them, so converted line endings are no change', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-diff-'));
    await writeFile(path.join(dir, '.gitattributes'), '*.md text eol=crlf\n');
    await cp(golden, path.join(dir, 'content'), { recursive: true });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'Golden content');
    await rm(path.join(dir, 'content'), { recursive: true });
    git(dir, 'checkout', '--', 'content');
    expect(await readFile(path.join(dir, 'content', 'themes', 'courts.md'), 'utf8')).toContain('\r\n');
    const run = ecap(['diff', 'HEAD', '--json'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ records: [], pages: [] });
  });

  it('treats content missing at the ref as all added, and compares from a subfolder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-diff-'));
    git(dir, 'init', '-q');
    await writeFile(path.join(dir, 'README.md'), 'Reports\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'Start');
    await cp(golden, path.join(dir, 'notes', 'content'), { recursive: true });
    const run = ecap(['diff', 'HEAD', '--json', '--content', 'content'], path.join(dir, 'notes'));
    expect(run.code, run.stderr).toBe(0);
    const diff = JSON.parse(run.stdout) as ContentDiff;
    expect(diff.records.find((r) => r.collection === 'missions')).toEqual({ collection: 'missions', added: ['la', 'th'], changed: [], removed: [] });
    expect(diff.pages!.map((p) => `${p.page} ${p.change}`)).toEqual(['comprehensive.md added', 'countries/la.md added', 'countries/th.md added', 'index.md added']);
  });

  it('does not compare reports with content that has errors at the ref', async () => {
    const dir = await repository();
    await writeFile(path.join(dir, 'content', 'themes', 'courts.md'), '---\ntitle: Courts\nsummary: S\norder: first\n---\nText\n');
    git(dir, 'commit', '-q', '-a', '-m', 'Broken');
    await cp(path.join(golden, 'themes', 'courts.md'), path.join(dir, 'content', 'themes', 'courts.md'));
    const run = ecap(['diff', 'HEAD'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('| themes | | `courts` | |');
    expect(run.stdout).toContain('The content at `HEAD` has errors, so its reports were not rendered and no report section is compared.');
  });

  it('exits 1 with the problems when the working tree has errors', async () => {
    const dir = await repository();
    await writeFile(path.join(dir, 'content', 'missions', 'th.md'), '---\ncountry: [\n---\n');
    const run = ecap(['diff', 'HEAD'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('content/missions/th.md:2:');
    expect(run.stderr).toMatch(/ecap: nothing compared, the content has errors; 1 error, /);
  });

  it('exits 2 for a bad ref, or content outside a git repository', async () => {
    const dir = await repository();
    const bad = ecap(['diff', 'no-such-branch'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('ecap: Unknown git ref `no-such-branch`: name a commit, branch or tag. In a shallow clone, fetch it first (actions/checkout with fetch-depth: 0).\n');
    // A ref that looks like an option is a ref to git too, not an option.
    expect(ecap(['diff', '--', '--output=x'], dir).code).toBe(2);
    expect(ecap(['diff'], dir).code).toBe(2);
    const outside = await mkdtemp(path.join(os.tmpdir(), 'ecap-diff-'));
    await cp(golden, path.join(outside, 'content'), { recursive: true });
    const run = ecap(['diff', 'HEAD'], outside);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('ecap: Content folder `content` is not in a git repository: ecap diff compares it with a git commit.\n');
  });
});
