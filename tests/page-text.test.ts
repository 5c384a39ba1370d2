import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check, renderContext } from '../src/pipeline/index.js';
import { plan } from '../src/pipeline/render.js';
import { assignAnchors } from '../src/render/anchors.js';
import { languagesUsed } from '../src/render/fonts.js';
import { renderFragment } from '../src/render/fragment.js';
import { joinTexts, runText, textJobs } from '../src/render/page-text.js';
import { finishPage } from '../src/report/page.js';
import type { BodyNode } from '../src/report/nodes.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript, without types.
import { writeCorpus } from '../bench/generate.mjs';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every page of the content, numbered and anchored as a build lays them out, with its bodies rendered in place. */
async function laidOut(contentDir: string, cwd: string) {
  const { model } = await check({ contentDir, cwd });
  const context = await renderContext(languagesUsed(model!), { contentDir, cwd, provenance: {} });
  const { pages } = plan(model!, context);
  const outline = (node: BodyNode) => renderFragment(node.nodes, node.name);
  pages.forEach((page) => finishPage(page, outline));
  return { pages, anchors: assignAnchors(pages, outline) };
}

describe('page text in runs', () => {
  const corpora: Array<[string, () => Promise<{ contentDir: string; cwd: string }>]> = [
    ['the bundled content', async () => ({ contentDir: 'content', cwd: repo })],
    ['the golden fixture', async () => ({ contentDir: 'content', cwd: path.join(repo, 'tests', 'fixtures', 'golden') })],
    [
      'a generated corpus',
      async () => {
        const cwd = await mkdtemp(path.join(os.tmpdir(), 'ecap-runs-'));
        await writeCorpus(path.join(cwd, 'content'), 60);
        return { contentDir: 'content', cwd };
      },
    ],
  ];
  for (const [name, corpus] of corpora) {
    it(`joins runs serialised apart, as a worker would, into the whole page's text: ${name}`, { timeout: 60_000 }, async () => {
      const { contentDir, cwd } = await corpus();
      const { pages, anchors } = await laidOut(contentDir, cwd);
      let cut = 0;
      for (const page of pages) {
        // A run at every heading: the most cuts a page can have.
        const runs = textJobs(page, anchors, 1);
        if (runs.length > 1) cut++;
        const joined = joinTexts(runs.map((job) => runText(structuredClone(job))));
        const [whole] = textJobs(page, anchors, Infinity);
        expect(joined, page.path).toEqual(runText(whole!));
      }
      expect(cut).toBeGreaterThan(pages.length / 2);
    });
  }

  it('keeps a page with raw HTML or references in one run, with all its anchors', async () => {
    const { pages, anchors } = await laidOut('content', repo);
    const page = pages.find((p) => p.path === 'comprehensive')!;
    expect(textJobs(page, anchors, 1).length).toBeGreaterThan(1);
    page.root.children.push({ type: 'html', value: '<div>' }, { type: 'heading', depth: 2, children: [{ type: 'text', value: 'After' }] }, { type: 'html', value: '</div>' });
    const runs = textJobs(page, anchors, 1);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.anchors).toBe(anchors);
  });

  it('sends a run only the anchors its links point at', async () => {
    const { pages, anchors } = await laidOut('content', repo);
    const runs = pages.flatMap((page) => textJobs(page, anchors, 1));
    const sent = (run: (typeof runs)[number]) => [...run.anchors.values()].reduce((n, own) => n + own.size, 0);
    const all = [...anchors.values()].reduce((n, own) => n + own.size, 0);
    expect(Math.max(...runs.map(sent))).toBeLessThan(all);
    expect(runs.some((run) => sent(run) > 0)).toBe(true);
  });
});
