import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { excerpts } from '../src/diagnostics/excerpts.js';
import { Cache, hash } from '../src/pipeline/cache.js';
import { excerptsOf } from '../src/pipeline/kept-excerpts.js';
import { withoutText } from '../src/pipeline/load.js';
import { pretty } from '../src/reporters/pretty.js';
import { source, tree } from './helpers.js';

const at = (file: string, line: number, column: number, endColumn: number): Diagnostic => ({ file, line, column, endLine: line, endColumn, severity: 'warning', rule: 'status/draft', message: 'A draft.' });

describe('excerpts', () => {
  it('keeps only the lines diagnostics point at and the line above each, without line endings', () => {
    const files = [
      { path: 'content/missions/la.md', text: '\r\n---\r\ncountry: LA\r\nstatus: draft\r\n---\r\n' },
      { path: 'content/missions/th.md', text: 'no diagnostic here\n' },
    ];
    const kept = excerpts([at('content/missions/la.md', 4, 9, 14), at('content/missions/la.md', 1, 1, 1), at('content/missions/la.md', 40, 1, 1)], files);
    expect([...kept.keys()]).toEqual(['content/missions/la.md']);
    expect([...kept.get('content/missions/la.md')!].sort(([a], [b]) => a - b)).toEqual([
      [1, ''],
      [3, 'country: LA'],
      [4, 'status: draft'],
    ]);
  });

  it('gives the pretty reporter its code frames, and none for a line past the end of the file', () => {
    const files = [{ path: 'content/missions/la.md', text: '---\ncountry: LA\nstatus: draft\n---\n' }];
    const diagnostics = [at('content/missions/la.md', 3, 9, 14), at('content/missions/la.md', 9, 1, 2)];
    expect(pretty(diagnostics, { color: false, excerpts: excerpts(diagnostics, files) })).toBe(
      [
        'content/missions/la.md:3:9  warning  A draft.  status/draft',
        '  2 | country: LA',
        '> 3 | status: draft',
        '    |         ^^^^^',
        '',
        'content/missions/la.md:9:1  warning  A draft.  status/draft',
        '',
      ].join('\n'),
    );
  });
});

describe('excerptsOf', () => {
  const la = source('missions', 'la', '---\ncountry: LA\nstatus: draft\n---\n');
  const th = source('missions', 'th', '---\ncountry: TH\nstatus: draft\n---\n');
  const onStatus = (file: string) => at(file, 3, 9, 14);
  const lastExcerpts = (cache: Cache) => cache.get<Map<string, unknown>>('last', hash('last', 'excerpts'));

  it('reads a file again only when the last build did not keep the same excerpt', async () => {
    const cwd = await tree({ [la.path]: la.text });
    const cache = new Cache(await mkdtemp(path.join(os.tmpdir(), 'ecap-excerpts-')));
    const files = [withoutText(la)];
    const wanted = new Map([[la.path, new Map([[2, 'country: LA'], [3, 'status: draft']])]]);
    expect(await excerptsOf([onStatus(la.path)], files, ['key'], cwd, cache)).toEqual(wanted);
    // Gone from the disk: the excerpt comes from the cache, under the same key only.
    await rm(path.join(cwd, la.path));
    expect(await excerptsOf([onStatus(la.path)], files, ['key'], cwd, cache)).toEqual(wanted);
    expect(await excerptsOf([onStatus(la.path)], files, ['other key'], cwd, cache)).toEqual(new Map());
    expect(await excerptsOf([at(la.path, 2, 1, 8)], files, ['key'], cwd, cache)).toEqual(new Map());
    expect(await excerptsOf([onStatus(la.path)], files, ['key'], cwd, undefined)).toEqual(new Map());
    await rm(cwd, { recursive: true, force: true });
    await rm(cache.dir, { recursive: true, force: true });
  });

  it("keeps only the excerpts of the last build that read a file, and none of a check's", async () => {
    const cwd = await tree({ [la.path]: la.text, [th.path]: th.text });
    const cache = new Cache(await mkdtemp(path.join(os.tmpdir(), 'ecap-excerpts-')));
    const files = [withoutText(la), withoutText(th)];
    await excerptsOf([onStatus(la.path), onStatus(th.path)], files, ['la', 'th'], cwd, cache);
    expect((await lastExcerpts(cache))?.size).toBe(2);
    // Nothing read: the entry is left as it was.
    await excerptsOf([onStatus(la.path)], files, ['la', 'th'], cwd, cache);
    expect((await lastExcerpts(cache))?.size).toBe(2);
    await excerptsOf([onStatus(la.path)], files, ['la changed', 'th'], cwd, cache);
    expect((await lastExcerpts(cache))?.size).toBe(1);
    // One kept, one read: both are kept for the next build.
    await excerptsOf([onStatus(la.path), onStatus(th.path)], files, ['la changed', 'th'], cwd, cache);
    expect((await lastExcerpts(cache))?.size).toBe(2);
    await rm(path.join(cwd, th.path));
    expect([...(await excerptsOf([onStatus(la.path), onStatus(th.path)], files, ['la changed', 'th'], cwd, cache)).keys()]).toEqual([la.path, th.path]);
    // A check holds the texts: it neither reads nor writes the entry.
    await rm(path.join(cache.dir, 'last'), { recursive: true });
    expect(await excerptsOf([onStatus(la.path)], [{ ...la, digest: '' }], ['la again'], cwd, cache)).toEqual(new Map([[la.path, new Map([[2, 'country: LA'], [3, 'status: draft']])]]));
    expect(await lastExcerpts(cache)).toBeUndefined();
    await rm(cwd, { recursive: true, force: true });
    await rm(cache.dir, { recursive: true, force: true });
  });
});
