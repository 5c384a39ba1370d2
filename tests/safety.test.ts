import type { Element, Root } from 'hast';
import { readFile, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { readOutput, goldenProject } from './helpers.js';
import { build } from '../src/pipeline/index.js';

const hostileBody = `
<script>alert('body')</script>
<img src="x" onerror="alert('img')">
<iframe src="https://example.org"></iframe>
<a href="javascript:alert('raw')">raw link</a>
[md link](javascript:alert('md'))
<div style="background:url(javascript:alert(1))" onclick="alert(1)">div</div>
<svg><script>alert('svg')</script></svg>
`;

describe('hostile content', () => {
  it('never reaches a page as script, handler, frame or javascript: address', async () => {
    const dir = await goldenProject('ecap-hostile-');
    const practice = path.join(dir, 'content', 'practices', 'th-destruction-ceremonies.md');
    const text = await readFile(practice, 'utf8');
    await writeFile(
      practice,
      text
        .replace('title: Public destruction ceremonies', `title: "<script>alert('title')</script> ceremonies"`)
        .replace('summary: Seized goods are destroyed in public.', `summary: "<img src=x onerror=alert('summary')>"`) + hostileBody,
    );
    const result = await build({ contentDir: 'content', outDir: 'dist', cwd: dir });
    expect(result.written.length).toBeGreaterThan(0);
    const written = await readOutput(path.join(dir, 'dist'), result.written);
    const pages = written.filter((f) => f.path.endsWith('.html'));
    for (const page of pages) {
      const tree = unified().use(rehypeParse).parse(page.content as string) as Root;
      visit(tree, 'element', (node: Element) => {
        expect(['script', 'iframe', 'object', 'embed'], page.path).not.toContain(node.tagName);
        for (const [name, value] of Object.entries(node.properties)) {
          expect(name.toLowerCase().startsWith('on'), `${page.path} ${node.tagName}.${name}`).toBe(false);
          expect(String(value).trim().toLowerCase().startsWith('javascript:'), `${page.path} ${node.tagName}.${name}`).toBe(false);
          expect(name).not.toBe('style');
        }
      });
    }
    // Front-matter text is escaped, so it reads as text rather than vanishing.
    const comprehensive = pages.find((p) => p.path === 'comprehensive.html')!.content;
    expect(comprehensive).toContain('&#x3C;script>alert(\'title\')&#x3C;/script> ceremonies');
    for (const page of written.filter((f) => f.path.endsWith('.md'))) {
      expect(page.content, page.path).not.toMatch(/(?<!\\)<(script|iframe|img)|javascript:/i);
    }
    await rm(dir, { recursive: true, force: true });
  });
});
