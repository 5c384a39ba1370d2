import type { Root, RootContent } from 'mdast';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { check } from '../src/pipeline/index.js';
import { render } from '../src/pipeline/render.js';
import { languagesUsed } from '../src/render/fonts.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fill, renderFragment } from '../src/render/fragment.js';
import { build, defaultTemplatesDir, readTemplates, renderContext } from '../src/pipeline/index.js';
import { repo } from './helpers.js';

const golden = 'tests/fixtures/golden/content';
const nodes = (markdown: string) => (unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root).children as RootContent[];

describe('fragments', () => {
  const fragment = renderFragment(nodes('Intro.\n\n## How it works\n\nText.\n\n### Steps\n\n- one\n- two\n'), 'content/practices/x.md#body');

  it('renders a body once, its headings placed by each page', () => {
    expect(fragment.headings).toEqual([
      { depth: 2, text: 'How it works' },
      { depth: 3, text: 'Steps' },
    ]);
    expect(fragment.first).toBe('');
    expect(fragment.last).toBe('bullet');
    // Under a level-3 heading the body's first heading is level 4, its second level 5. The
    // anchor is the slug of the heading's text with its suffix, numbered when the page had it.
    const fills = [{ suffix: ' — Practice', repeat: 1 }, { suffix: '' }];
    expect(fill(fragment, 'html', 3, fills)).toBe('<p>Intro.</p>\n<h4 id="how-it-works--practice-1">How it works — Practice</h4>\n<p>Text.</p>\n<h5 id="steps">Steps</h5>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(fill(fragment, 'markdown', 3, fills)).toBe('Intro.\n\n#### How it works — Practice\n\nText.\n\n##### Steps\n\n- one\n- two');
    // As written, for the data files: no anchors, no suffixes.
    expect(fill(fragment, 'markdown', undefined)).toBe('Intro.\n\n## How it works\n\nText.\n\n### Steps\n\n- one\n- two');
  });

  it('escapes a suffix for each format', () => {
    const fills = [{ suffix: ' — <b> & *not bold*' }, { suffix: '' }];
    expect(fill(fragment, 'html', 1, fills)).toContain('<h2 id="how-it-works--b--not-bold">How it works — &lt;b> &amp; *not bold*</h2>');
    const markdown = fill(fragment, 'markdown', 1, fills);
    expect(markdown).toContain('## How it works — \\<b> & \\*not bold\\*');
    const heading = (unified().use(remarkParse).parse(markdown) as Root).children[1]!;
    expect(heading.type).toBe('heading');
  });

  it('keeps a heading’s own text: raw HTML in it, a final #', () => {
    // The second heading's text ends in `#` (escaped in the source, or it would close the heading).
    const raw = renderFragment(nodes('## Raw <em>open\n\n## Item \\#\n'), 'b');
    const fills = [{ suffix: ' — S' }, { suffix: '' }];
    const html = fill(raw, 'html', 2, fills);
    expect(html).not.toMatch(/[\uE000\uE001]|<\/h6>/);
    // The suffix goes inside the element left open, as the browser would read it.
    expect(html).toMatch(/^<h3 id="raw-emopen--s">Raw <em>open — S<\/em><\/h3>/);
    expect(html).toContain('<h3 id="item-">Item #</h3>');
    const markdown = fill(raw, 'markdown', 2, fills);
    expect(markdown).not.toMatch(/[\uE000\uE001]/);
    // Read back, the second heading still ends in `#`.
    const [, item] = (unified().use(remarkParse).parse(markdown) as Root).children;
    expect(item).toMatchObject({ type: 'heading', depth: 3, children: [{ type: 'text', value: 'Item #' }] });
  });

  it('keeps a body’s list apart from a list the page puts next to it', async () => {
    const result = await check({ contentDir: golden, cwd: repo });
    const model = result.model!;
    // A recommendation whose text ends with a list: the page's list of facts follows it.
    // Raw HTML after the list is left out of the Markdown: the list is still what ends the body there.
    model.recommendations[0]!.body = { type: 'root', children: nodes('Text.\n\n- first\n- second\n\n<!-- editor’s note -->\n') };
    const context = { templates: await readTemplates(defaultTemplatesDir), version: '0.0.0', fonts: [], edition: 'internal' as const, provenance: {} };
    const files = await render(model, context);
    const page = files.find((f) => f.path === 'comprehensive.md')!.content as string;
    expect(page).toMatch(/- first\n- second\n\n<!-- -->\n\n- \*\*Scope:\*\*/);
    // Read back, the two lists stay two.
    const tree = unified().use(remarkParse).parse(page) as Root;
    const lists = tree.children.filter((n, i) => n.type === 'list' && tree.children[i + 2]?.type === 'list');
    expect(lists.length).toBeGreaterThan(0);
  });

  it('gives each body’s footnotes ids of their own: every id on a page is unique', async () => {
    const result = await check({ contentDir: golden, cwd: repo });
    const model = result.model!;
    for (const p of model.practices) p.body = { type: 'root', children: nodes(`A claim.[^1]\n\n[^1]: The source of ${p.id}.\n`) };
    const context = { templates: await readTemplates(defaultTemplatesDir), version: '0.0.0', fonts: [], edition: 'internal' as const, provenance: {} };
    for (const file of (await render(model, context)).filter((f) => f.path.endsWith('.html'))) {
      const html = file.content as string;
      const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.length, file.path).toBe(new Set(ids).size);
      // Every footnote link points at an id on its page.
      for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids, `${file.path} #${target}`).toContain(target);
    }
  });

  it('are all rendered where the files are parsed: a build lays out and writes what a whole render does', async () => {
    for (const edition of ['internal', 'public'] as const) {
      const out = await mkdtemp(path.join(tmpdir(), 'ecap-prepared-'));
      try {
        const built = await build({ contentDir: golden, cwd: repo, outDir: out, edition, provenance: {}, jobs: 1 });
        const context = await renderContext(languagesUsed(built.model!), { edition, provenance: {}, contentDir: golden, cwd: repo });
        const whole = await render((await check({ contentDir: golden, cwd: repo })).model!, context);
        expect(built.written.map((f) => f.path)).toEqual(whole.map((f) => f.path));
        for (const file of whole) expect(await readFile(path.join(out, file.path)), file.path).toEqual(Buffer.from(file.content));
        // The build's model holds no body tree, only marks of where each goes.
        expect(JSON.stringify(built.model)).not.toContain('"paragraph"');
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    }
  });
});
