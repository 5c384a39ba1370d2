import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** A Chrome or Chromium to print with: ECAP_CHROMIUM, else the usual names on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.ECAP_CHROMIUM) return env.ECAP_CHROMIUM;
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** The Chromium to print with, or a usage error that says how to get one. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  const found = findChromium(env);
  if (!found) throw new UsageError('No Chromium found for --pdf. Install one (on Debian: apt-get install chromium) or set ECAP_CHROMIUM to a Chrome or Chromium executable.');
  return found;
}

/**
 * Prints each HTML report in `dir` to a PDF beside it (A4, the print stylesheet, page numbers),
 * with a headless Chromium kept off the network.
 */
export async function printPdfs(dir: string, pages: readonly string[], executablePath: string): Promise<string[]> {
  // Loaded only here: the rest of ecap never needs a browser.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const written: string[] = [];
  try {
    // The pages carry no script and a policy that forbids one; `offline` keeps them off the network.
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    for (const html of pages) {
      await page.goto(new URL(`file://${path.join(dir, html)}`).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready).catch(() => undefined);
      const pdf = html.replace(/\.html$/, '.pdf');
      await page.pdf({
        path: path.join(dir, pdf),
        format: 'A4',
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#555"><span class="title"></span> · <span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      });
      written.push(pdf);
    }
  } finally {
    await browser.close();
  }
  return written;
}
