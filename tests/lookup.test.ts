import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../src/pipeline/index.js';
import { lookup } from '../src/report/lookup.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('lookup', () => {
  it('gives each country its practices and each practice the recommendations building on it, in the model order', async () => {
    const { model } = await check({ contentDir: 'content', cwd: root });
    const find = lookup(model!);
    expect(model!.practices.length).toBeGreaterThan(0);
    expect(model!.recommendations.some((r) => r.data.builds_on?.length)).toBe(true);
    for (const { code } of model!.countries) expect(find.practicesIn(code)).toEqual(model!.practices.filter((p) => p.data.country === code));
    for (const p of model!.practices) expect(find.citing(p.id)).toEqual(model!.recommendations.filter((r) => r.data.builds_on?.includes(p.id)));
    expect(find.practicesIn('XX')).toEqual([]);
  });
});
