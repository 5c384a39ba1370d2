import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forEdition } from '../src/model/edition.js';
import { build, check } from '../src/pipeline/index.js';
import { editionStatement } from '../src/pipeline/render.js';
import { golden, readOutput } from './helpers.js';

/** The golden content with something internal of every kind, each carrying a unique token. */
async function withInternals(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-edition-'));
  const content = path.join(dir, 'content');
  await cp(golden, content, { recursive: true });
  const edit = async (file: string, change: (text: string) => string) => writeFile(path.join(content, file), change(await readFile(path.join(content, file), 'utf8')));
  await edit('missions/th.md', (t) =>
    t
      .replace('coordinator: { name: ECAP National Coordinator, agency: dip }', 'coordinator: { name: SECRET-COORDINATOR-NAME, agency: dip, internal: true }')
      .replace('Public destruction ceremonies.', 'Public destruction ceremonies, said :internal[SECRET-INLINE-NAME] of the DIP.\n\n:::internal\nSECRET-SECTION: the DSI named two importers.\n:::\n'),
  );
  await edit('practices/la-complaint-raids.md', (t) => t.replace('status: proposed', 'status: proposed\ninternal: true').replace('Raids follow', 'SECRET-PRACTICE raids follow'));
  await edit('recommendations/r01-ceremonies.md', (t) => t.replace('builds_on:', 'internal: true\nbuilds_on:').replace('Destroy seized goods', 'SECRET-RECOMMENDATION destroy seized goods'));
  await edit('recommendations/r02-courts.md', (t) => t.replace('countries: [LA]', 'countries: [LA]\nbuilds_on: [la-complaint-raids]'));
  await edit('statistics/th.yaml', (t) => t + '  - { year: 2011, measure: arrests, value: 424242, unit: persons, note: SECRET-FIGURE, source: th-ipitc-act, internal: true }\n');
  return dir;
}

const text = (content: string | Uint8Array) => (typeof content === 'string' ? content : '');

describe('editions', () => {
  it('keeps every internal record, section, name and figure out of the public edition', async () => {
    const dir = await withInternals();
    const result = await build({ contentDir: 'content', outDir: 'public', cwd: dir, edition: 'public', provenance: {} });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.written.length).toBeGreaterThan(10);
    const written = await readOutput(path.join(dir, 'public'), result.written);
    for (const file of written) {
      expect(text(file.content), file.path).not.toMatch(/SECRET|424242|424,242/);
      expect(text(file.content), file.path).not.toContain('Internal edition');
    }
    const th = text(written.find((f) => f.path === 'countries/th.md')!.content);
    expect(th).toContain('The national coordinator');
    expect(th).toContain('Public edition, compiled by ecap');
  });

  it('shows them, marked, in the internal edition', async () => {
    const dir = await withInternals();
    await build({ contentDir: 'content', outDir: 'internal', cwd: dir, edition: 'internal', provenance: {} });
    const th = await readFile(path.join(dir, 'internal', 'countries', 'th.html'), 'utf8');
    expect(th).toContain('SECRET-COORDINATOR-NAME');
    expect(th).toContain('SECRET-INLINE-NAME');
    expect(th).toMatch(/<blockquote>\s*<p><strong>Internal\.<\/strong><\/p>\s*<p>SECRET-SECTION/);
    expect(th).toContain('<strong>Internal edition.</strong>');
  });

  it('leaves the model it is given as it was, and shares with it the data it does not rewrite', async () => {
    const { model } = await check({ contentDir: 'content', cwd: await withInternals() });
    const before = structuredClone(model!);
    const internal = forEdition(model!, 'internal');
    const publicModel = forEdition(model!, 'public');
    expect(model).toEqual(before);
    // What the public edition rewrites is its own copy: r02 no longer builds on the internal practice.
    expect(publicModel.recommendations.find((r) => r.id === 'r02-courts')!.data.builds_on).toEqual([]);
    expect(model!.recommendations.find((r) => r.id === 'r02-courts')!.data.builds_on).toEqual(['la-complaint-raids']);
    // The rest is not copied: a large build holds both models while it writes.
    for (const kind of ['themes', 'practices', 'meetings', 'recommendations', 'statistics', 'missions'] as const) {
      internal[kind].forEach((r, i) => expect(r.data, `${kind} ${r.id}`).toBe(model![kind][i]!.data));
    }
    for (const practice of publicModel.practices) expect(practice.data).toBe(model!.practices.find((p) => p.id === practice.id)!.data);
  });

  it('states its origin: version, content commit and SOURCE_DATE_EPOCH’s date', () => {
    expect(editionStatement({ edition: 'public', version: '1.2.3', provenance: { commit: '0123456789ab', dirty: true, date: '2026-11-25' } })).toBe(
      'Public edition, compiled by ecap 1.2.3 from content commit 0123456789ab with uncommitted changes on 25 November 2026.',
    );
    expect(editionStatement({ edition: 'internal', version: '1.2.3', provenance: {} })).toBe('Internal edition, compiled by ecap 1.2.3.');
  });
});
