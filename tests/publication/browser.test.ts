import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, corpora, listFiles, removeCorpora } from './build-corpora.js';
import { repo } from '../helpers.js';
import { findChromium, skipWithout } from './tools.js';

// The HTML reports in a real browser (Chromium, through playwright-core):
// - they run no script of their own and say nothing on the console;
// - axe-core finds no WCAG 2.1 A or AA violation on any page;
// - no page scrolls sideways at 320 px (WCAG 1.4.10 Reflow, which axe-core does not test);
// - screenshots of the main pages, at desktop and phone widths, on screen and in print,
//   go to test-results/screenshots/ for a person to look at.
// One browser per file; pages are checked one after the other.

const browserTool = findChromium();
const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const screenshotDir = path.join(repo, 'test-results', 'screenshots');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const widths = [
  { name: '1280', width: 1280, height: 900 },
  { name: '390', width: 390, height: 844 },
] as const;
const mainPages = ['index.html', 'comprehensive.html', 'countries/th.html'];
/** Pages in national scripts, shot at desktop width on screen only. */
const scriptPages = ['countries/kh.html', 'countries/la.html'];

interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string; summary: string }>;
}

function url(outDir: string, page: string): string {
  return pathToFileURL(path.join(outDir, ...page.split('/'))).href;
}

/** The page's own web fonts are loaded before anything is measured or shot. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

if (!skipWithout(browserTool, 'Browser checks (axe-core accessibility, no scripts, screenshots)')) {
  describe(`in ${browserTool.path}`, () => {
    let browser: Browser;
    let axeSource: string;

    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: browserTool.path!, args: launchArgs });
      axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await removeCorpora();
    });

    for (const corpus of corpora) {
      it(`pages built from ${corpus.contentDir} run no script, log nothing and load only their own files`, { timeout: 180_000 }, async () => {
        const outDir = await buildCorpus(corpus);
        const pages = await listFiles(outDir, '.html');
        expect(pages.length, 'HTML pages built').toBeGreaterThan(0);
        const outUrl = pathToFileURL(outDir).href + '/';
        // JavaScript enabled and the page's own Content-Security-Policy honoured, as in a reader's browser.
        const context = await browser.newContext({ javaScriptEnabled: true, viewport: { width: 1280, height: 900 } });
        const problems: string[] = [];
        try {
          for (const name of pages) {
            const at = `${corpus.name}/${name}`;
            const served = await readFile(path.join(outDir, ...name.split('/')), 'utf8');
            for (const m of served.matchAll(/<script\b[^>]*>/gi)) problems.push(`${at}  <script> in the HTML: ${m[0]}`);
            const page = await context.newPage();
            page.on('console', (msg) => problems.push(`${at}  console.${msg.type()}: ${msg.text()} (${msg.location().url}:${msg.location().lineNumber})`));
            page.on('pageerror', (error) => problems.push(`${at}  page error: ${error.message}`));
            page.on('request', (request) => {
              if (!request.url().startsWith(outUrl)) problems.push(`${at}  request outside the output folder: ${request.url()}`);
            });
            page.on('requestfailed', (request) => problems.push(`${at}  failed to load ${request.url()}: ${request.failure()?.errorText}`));
            await page.goto(url(outDir, name), { waitUntil: 'load' });
            await settle(page);
            const scripts = await page.evaluate(() => [...document.querySelectorAll('script')].map((s) => s.outerHTML.slice(0, 120)));
            for (const s of scripts) problems.push(`${at}  <script> in the DOM: ${s}`);
            await page.close();
          }
        } finally {
          await context.close();
        }
        if (problems.length > 0) console.error(`Own scripts, console messages and requests, ${corpus.contentDir}:\n${problems.join('\n')}`);
        expect(problems).toEqual([]);
      });

      it(`pages built from ${corpus.contentDir} have no axe-core violation of WCAG 2.0/2.1 A or AA`, { timeout: 180_000 }, async () => {
        const outDir = await buildCorpus(corpus);
        const pages = await listFiles(outDir, '.html');
        expect(pages.length, 'HTML pages built').toBeGreaterThan(0);
        // bypassCSP: the pages may forbid scripts, and axe-core has to be injected.
        const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
        const problems: string[] = [];
        let checked = 0;
        try {
          for (const name of pages) {
            const page = await context.newPage();
            await page.goto(url(outDir, name), { waitUntil: 'load' });
            await settle(page);
            await page.addScriptTag({ content: axeSource });
            const violations = await page.evaluate(async (tags: string[]): Promise<Violation[]> => {
              const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
              const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), summary: n.failureSummary ?? '' })),
              }));
            }, wcagTags);
            checked++;
            for (const v of violations) {
              problems.push(
                `${corpus.name}/${name}  ${v.id} (${v.impact}): ${v.help} <${v.helpUrl}>\n` +
                  v.nodes.map((n) => `    ${n.target}\n      ${n.summary.replace(/\n/g, '\n      ')}`).join('\n'),
              );
            }
            await page.close();
          }
        } finally {
          await context.close();
        }
        expect(checked).toBe(pages.length);
        if (problems.length > 0) console.error(`axe-core violations, ${corpus.contentDir}:\n${problems.join('\n')}`);
        expect(problems).toEqual([]);
      });

      // WCAG 2.1 success criterion 1.4.10 (Reflow, level AA), which axe-core cannot test: at
      // 320 CSS px, text reads without scrolling sideways. A wide table may scroll inside its own
      // scrolling box; the page itself may not.
      it(`pages built from ${corpus.contentDir} reflow at 320 px without horizontal scrolling (WCAG 1.4.10)`, { timeout: 180_000 }, async () => {
        const outDir = await buildCorpus(corpus);
        const pages = await listFiles(outDir, '.html');
        expect(pages.length, 'HTML pages built').toBeGreaterThan(0);
        const context = await browser.newContext({ viewport: { width: 320, height: 844 } });
        const problems: string[] = [];
        try {
          for (const name of pages) {
            const page = await context.newPage();
            await page.goto(url(outDir, name), { waitUntil: 'load' });
            await settle(page);
            const overflow = await page.evaluate(() => {
              const width = document.documentElement.clientWidth;
              const scrollWidth = document.documentElement.scrollWidth;
              const culprits: string[] = [];
              if (scrollWidth > width) {
                const inScroller = (el: Element) => {
                  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                    if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true;
                  }
                  return false;
                };
                // The outermost elements that stick out past the right edge, outside any scrolling box.
                for (const el of document.querySelectorAll('body *')) {
                  const right = el.getBoundingClientRect().right;
                  if (right <= width + 0.5 || inScroller(el)) continue;
                  if (el.parentElement && el.parentElement.getBoundingClientRect().right > width + 0.5) continue;
                  const tag = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + [...el.classList].map((c) => `.${c}`).join('');
                  culprits.push(`${tag} ends at ${Math.round(right)} px: ${JSON.stringify((el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 70))}`);
                }
              }
              return { width, scrollWidth, culprits };
            });
            if (overflow.scrollWidth > overflow.width) {
              problems.push(`${corpus.name}/${name}  ${overflow.scrollWidth} px wide at ${overflow.width} px:\n` + overflow.culprits.map((c) => `    ${c}`).join('\n'));
            }
            await page.close();
          }
        } finally {
          await context.close();
        }
        if (problems.length > 0) console.error(`Horizontal scrolling at 320 px, ${corpus.contentDir}:\n${problems.join('\n')}`);
        expect(problems).toEqual([]);
      });

      it(`screenshots of the pages built from ${corpus.contentDir}`, { timeout: 180_000 }, async () => {
        const outDir = await buildCorpus(corpus);
        for (const name of mainPages) expect(existsSync(path.join(outDir, ...name.split('/'))), `${corpus.name}/${name} built`).toBe(true);
        const shots: Array<{ page: string; width: (typeof widths)[number]; media: 'screen' | 'print' }> = [];
        for (const page of mainPages) for (const width of widths) for (const media of ['screen', 'print'] as const) shots.push({ page, width, media });
        for (const page of scriptPages) if (existsSync(path.join(outDir, ...page.split('/')))) shots.push({ page, width: widths[0], media: 'screen' });
        await mkdir(screenshotDir, { recursive: true });
        const context = await browser.newContext();
        const written: string[] = [];
        try {
          for (const shot of shots) {
            const page = await context.newPage();
            await page.setViewportSize({ width: shot.width.width, height: shot.width.height });
            await page.emulateMedia({ media: shot.media });
            await page.goto(url(outDir, shot.page), { waitUntil: 'load' });
            await settle(page);
            const file = path.join(screenshotDir, `${corpus.name}-${shot.page.replace(/\.html$/, '').replace(/\//g, '-')}-${shot.width.name}-${shot.media}.png`);
            await page.screenshot({ path: file, fullPage: true });
            written.push(path.relative(repo, file));
            await page.close();
          }
        } finally {
          await context.close();
        }
        console.log(`Screenshots of ${corpus.contentDir}:\n  ${written.join('\n  ')}`);
        expect(written).toHaveLength(shots.length);
      });
    }
  });
}
