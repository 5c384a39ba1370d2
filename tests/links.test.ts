import GithubSlugger from 'github-slugger';
import type { Element, Root as HastRoot } from 'hast';
import type { Heading, Link, Root as MdastRoot } from 'mdast';
import { toString } from 'mdast-util-to-string';
import path from 'node:path';
import rehypeParse from 'rehype-parse';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { check, defaultTemplatesDir, readTemplates } from '../src/pipeline/index.js';
import { render, type WholeFile } from '../src/pipeline/render.js';
import { repo } from './helpers.js';

/** Every internal link of every page whose file or anchor does not exist. */
function brokenLinks(files: readonly WholeFile[]): string[] {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const text = (f: WholeFile) => (typeof f.content === 'string' ? f.content : '');
  const anchors = new Map<string, Set<string>>();
  for (const f of files) {
    const ids = new Set<string>();
    if (f.path.endsWith('.html')) {
      visit(unified().use(rehypeParse).parse(text(f)) as HastRoot, 'element', (node: Element) => {
        if (typeof node.properties.id === 'string') ids.add(node.properties.id);
      });
    } else if (f.path.endsWith('.md')) {
      // What GitHub does: a slug per heading, in order, with -1, -2 for repeats.
      const slugger = new GithubSlugger();
      visit(unified().use(remarkParse).use(remarkGfm).parse(text(f)) as MdastRoot, 'heading', (h: Heading) => void ids.add(slugger.slug(toString(h))));
    }
    anchors.set(f.path, ids);
  }
  const broken: string[] = [];
  for (const f of files) {
    const hrefs: string[] = [];
    if (f.path.endsWith('.html')) {
      visit(unified().use(rehypeParse).parse(text(f)) as HastRoot, 'element', (node: Element) => {
        for (const attr of ['href', 'src']) if (typeof node.properties[attr] === 'string') hrefs.push(node.properties[attr] as string);
      });
    } else if (f.path.endsWith('.md')) {
      visit(unified().use(remarkParse).use(remarkGfm).parse(text(f)) as MdastRoot, 'link', (l: Link) => void hrefs.push(l.url));
    } else continue;
    for (const href of hrefs) {
      if (/^[a-z]+:/i.test(href)) continue; // external
      const [file, fragment] = href.split('#') as [string, string | undefined];
      const target = file ? path.posix.normalize(path.posix.join(path.posix.dirname(f.path), file)) : f.path;
      if (!byPath.has(target)) broken.push(`${f.path}: ${href} (no file ${target})`);
      else if (fragment !== undefined && !anchors.get(target)!.has(decodeURIComponent(fragment))) broken.push(`${f.path}: ${href} (no anchor)`);
    }
  }
  return broken;
}

async function renderContent(contentDir: string): Promise<WholeFile[]> {
  const result = await check({ contentDir, cwd: repo });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return await render(result.model!, { templates: await readTemplates(defaultTemplatesDir), version: '0.0.0', fonts: [], edition: 'internal', provenance: {} });
}

describe('internal links', () => {
  for (const content of ['tests/fixtures/golden/content', 'content']) {
    it(`all resolve, in HTML and in Markdown: ${content}`, async () => {
      const files = await renderContent(content);
      expect(files.some((f) => f.path === 'countries/th.md')).toBe(true);
      expect(brokenLinks(files)).toEqual([]);
    });
  }
});
