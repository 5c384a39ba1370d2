import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, renderContext } from '../src/pipeline/index.js';
import { finishedPage, plan, type Plan } from '../src/pipeline/render.js';
import { resolveLinks, type Anchors } from '../src/render/anchors.js';
import { languagesUsed } from '../src/render/fonts.js';
import { renderFragment, type Outline } from '../src/render/fragment.js';
import { toHtmlBody } from '../src/render/html.js';
import { toMarkdownPage } from '../src/render/markdown.js';
import { runText, textJobs, ties, type TextJob } from '../src/render/page-text.js';
import type { BodyNode } from '../src/report/nodes.js';
import type { Root, RootContent } from 'mdast';
// @ts-expect-error: the benchmark's generator is plain JavaScript, without types.
import { writeCorpus } from '../bench/generate.mjs';
import { repo } from './helpers.js';

/** The content's plan, and its bodies' outlines rendered in place. */
async function planOf(contentDir: string, cwd: string) {
  const { model } = await check({ contentDir, cwd });
  const context = await renderContext(languagesUsed(model!), { contentDir, cwd, provenance: {} });
  return { planned: plan(model!, context), outline: (node: BodyNode) => renderFragment(node.nodes, node.name) };
}

/** A page finished, made whole. */
interface WholePage {
  path: string;
  root: Root;
}

/** Page `index` of the plan, finished and made whole, and its anchors. */
function made(planned: Plan, index: number, outline: (node: BodyNode) => Outline, options?: { placing: boolean }): { page: WholePage; anchors: Map<string, string> } {
  const finished = finishedPage(planned, index, outline, options);
  return { page: { path: finished.path, root: { type: 'root', children: [...finished.nodes] } }, anchors: finished.anchors };
}

/** Every page of the content, numbered and anchored as a build lays them out, with its bodies rendered in place. */
async function laidOut(contentDir: string, cwd: string) {
  const { planned, outline } = await planOf(contentDir, cwd);
  const finished = planned.pages.map((_, i) => made(planned, i, outline));
  return { pages: finished.map((f) => f.page), anchors: new Map(finished.map((f) => [f.page.path, f.anchors])) as Anchors };
}

/** A page's runs as a build cuts them, `runSize` nodes at least. */
function runsOf(page: WholePage, anchors: Anchors, runSize?: number): TextJob[] {
  return [...textJobs(page.path, page.root.children, anchors, page.root.children.some(ties), runSize)];
}

/** The page serialised whole, with every page's anchors, as builds did before pages were cut into runs. */
function whole(page: WholePage, anchors: Anchors) {
  const root = structuredClone(page.root);
  resolveLinks(root, page.path, anchors, 'md');
  const markdown = toMarkdownPage(root, page.path);
  resolveLinks(root, page.path, anchors, 'html');
  return { markdown, html: toHtmlBody(root) };
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
        const runs = runsOf(page, anchors, 1);
        if (runs.length > 1) cut++;
        const texts = runs.map((job) => runText(structuredClone(job)));
        const joined = { markdown: texts.map((t) => t.markdown).join(''), html: texts.map((t) => t.html).join('') };
        expect(joined, page.path).toEqual(whole(page, anchors));
      }
      expect(cut).toBeGreaterThan(pages.length / 2);
    });
  }

  it('makes each page the same every time, as a build laying it out from one make and serialising another needs', async () => {
    for (const cwd of [repo, path.join(repo, 'tests', 'fixtures', 'golden')]) {
      const { planned, outline } = await planOf('content', cwd);
      for (const [i] of planned.pages.entries()) {
        const first = made(planned, i, outline);
        // Taken before the page is made again: a maker that shared nodes with its last make
        // would change them under the first.
        const firstTree = JSON.stringify(first.page);
        // Made again as a build does to serialise it: without gathering where its bodies go.
        const again = made(planned, i, outline, { placing: false });
        expect(JSON.stringify(again.page), first.page.path).toBe(firstTree);
        expect(again.anchors).toEqual(first.anchors);
      }
    }
  });

  const heading = (value: string): RootContent => ({ type: 'heading', depth: 2, children: [{ type: 'text', value }] });
  const tying: Array<[string, RootContent[]]> = [
    ['raw HTML', [{ type: 'html', value: '<div>' }, heading('Inside'), { type: 'html', value: '</div>' }]],
    ['a definition', [{ type: 'paragraph', children: [{ type: 'linkReference', identifier: 'x', label: 'x', referenceType: 'shortcut', children: [{ type: 'text', value: 'x' }] }] }, heading('Later'), { type: 'definition', identifier: 'x', label: 'x', url: 'https://example.org/', title: null }]],
    ['a footnote', [{ type: 'paragraph', children: [{ type: 'footnoteReference', identifier: 'n', label: 'n' }] }, heading('Later'), { type: 'footnoteDefinition', identifier: 'n', label: 'n', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Note.' }] }] }]],
    ['text at the top level', [heading('Before'), { type: 'text', value: 'loose' } as unknown as RootContent, heading('After')]],
  ];
  for (const [what, nodes] of tying) {
    it(`keeps a page with ${what} in one run, serialised as the whole page`, async () => {
      const { pages, anchors } = await laidOut('content', repo);
      const page = pages.find((p) => p.path === 'comprehensive')!;
      expect(runsOf(page, anchors, 1).length).toBeGreaterThan(1);
      page.root.children.push(...nodes);
      const runs = runsOf(page, anchors, 1);
      expect(runs).toHaveLength(1);
      expect(runText(structuredClone(runs[0]!))).toEqual(whole(page, anchors));
    });
  }

  it('sends a run only the anchors its links point at', async () => {
    const { pages, anchors } = await laidOut('content', repo);
    const runs = pages.flatMap((page) => runsOf(page, anchors, 1));
    const sent = (run: (typeof runs)[number]) => [...run.anchors.values()].reduce((n, own) => n + own.size, 0);
    const all = [...anchors.values()].reduce((n, own) => n + own.size, 0);
    expect(Math.max(...runs.map(sent))).toBeLessThan(all);
    expect(runs.some((run) => sent(run) > 0)).toBe(true);
  });
});
