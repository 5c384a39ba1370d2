import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../src/content/fix.js';
import { UnusableInput } from '../src/errors.js';
import { fix } from '../src/pipeline/index.js';
import { goldenProject } from './helpers.js';

async function project(files: Record<string, string>) {
  const dir = await goldenProject('ecap-fix-');
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, 'content', file), text);
  return dir;
}

describe('applyFixes', () => {
  it('replaces only the given ranges and skips overlaps', () => {
    expect(applyFixes('kind: custom\nthemes: [court]\n', [{ offset: 6, endOffset: 12, text: 'customs' }, { offset: 22, endOffset: 27, text: 'courts' }, { offset: 8, endOffset: 9, text: 'x' }])).toEqual({
      text: 'kind: customs\nthemes: [courts]\n',
      applied: [{ offset: 6, endOffset: 12, text: 'customs' }, { offset: 22, endOffset: 27, text: 'courts' }],
    });
  });
});

describe('check --fix', () => {
  it('fixes near misses with one candidate, keeps every other byte, and leaves the rest', async () => {
    const practice = '\uFEFF---\r\ntitle: Public destruction ceremonies\r\ncountry: TH\r\nthemes: [custom, court]\r\nagencies: [dip, customs]\r\nsummary: "Seized goods are destroyed in public."   # keep this comment\r\nresults: Items destroyed.\r\ntransferability: { level: hihg, note: Needs a budget. }\r\nstatus: observd\r\nsources: [th-ipitc-act, nowhere-at-all]\r\n---\r\n### How it works\r\n\r\nThe DIP invites the press.\r\n';
    const dir = await project({ 'practices/th-destruction-ceremonies.md': practice });
    const result = await fix({ contentDir: 'content', cwd: dir });
    expect(result.fixed.map((d) => `${d.line}:${d.column} ${d.rule} → ${d.fix!.text}`)).toEqual([
      '4:10 ref/unknown-theme → customs',
      '4:18 ref/unknown-theme → courts',
      '8:27 schema/enum → high',
      '9:9 schema/enum → observed',
    ]);
    const after = await readFile(path.join(dir, 'content', 'practices', 'th-destruction-ceremonies.md'), 'utf8');
    expect(after).toBe(practice.replace('[custom, court]', '[customs, courts]').replace('level: hihg', 'level: high').replace('status: observd', 'status: observed'));
    // What had no single sure answer is still reported.
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule)).toEqual(['ref/unknown-source']);
  });

  const nearMiss = '---\ntitle: Public destruction ceremonies\ncountry: TH\nthemes: [customs]\nagencies: [dip]\nsummary: Seized goods are destroyed in public.\nresults: Items destroyed.\ntransferability: { level: high }\nstatus: observd\nsources: [th-ipitc-act]\n---\nThe DIP invites the press.\n';

  it('keeps the permissions of the note it fixes', async () => {
    const dir = await project({ 'practices/th-destruction-ceremonies.md': nearMiss });
    const note = path.join(dir, 'content', 'practices', 'th-destruction-ceremonies.md');
    await chmod(note, 0o640);
    expect((await fix({ contentDir: 'content', cwd: dir })).fixed.map((d) => d.fix!.text)).toEqual(['observed']);
    expect(await readFile(note, 'utf8')).toBe(nearMiss.replace('observd', 'observed'));
    expect((await stat(note)).mode & 0o777).toBe(0o640);
  });

  it('says which note it could not write, and leaves it as it was', async () => {
    const dir = await project({ 'practices/th-destruction-ceremonies.md': nearMiss });
    const note = path.join(dir, 'content', 'practices', 'th-destruction-ceremonies.md');
    // A folder where the fixed text would be written first: the write fails, as on a full disk.
    await mkdir(`${note}.ecap-fix-${process.pid}`);
    const failing = fix({ contentDir: 'content', cwd: dir });
    await expect(failing).rejects.toThrow(UnusableInput);
    await expect(failing).rejects.toThrow(/^Could not write the fixes to `content\/practices\/th-destruction-ceremonies\.md` \(EISDIR\); it is left as it was\./);
    expect(await readFile(note, 'utf8')).toBe(nearMiss);
  });
});
