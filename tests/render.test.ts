import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check, renderContext } from '../src/pipeline/index.js';
import { render } from '../src/pipeline/render.js';
import { dataPaths } from '../src/report/data.js';
import { languagesUsed } from '../src/render/fonts.js';

const golden = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'golden');

describe('render', () => {
  it('gives two data files of the same text each their text', async () => {
    const { model } = await check({ contentDir: 'content', cwd: golden });
    // No practice and no recommendation: both lists are `[]`, one text for two files.
    const bare = { ...model!, practices: [], recommendations: [] };
    const context = await renderContext(languagesUsed(bare), { contentDir: 'content', cwd: golden, provenance: {} });
    const files = new Map((await render(bare, context)).map((f) => [f.path, f.content]));
    expect(files.get(dataPaths.practices)).toBe('[]\n');
    expect(files.get(dataPaths.recommendations)).toBe('[]\n');
  });
});
