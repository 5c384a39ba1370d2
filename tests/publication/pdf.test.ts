import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/index.js';
import { repo } from '../helpers.js';
import { findChromium, skipWithout, type Tool } from './tools.js';

// `ecap build --pdf` prints every report through a real Chromium; poppler reads the PDFs back
// to prove they are A4 and that national scripts came through as text, not empty boxes.
const chromium = findChromium();
const pdftotext: Tool = spawnSync('pdftotext', ['-v']).error
  ? { name: "poppler's pdftotext", path: undefined, missing: 'no pdftotext on PATH; install poppler-utils (apt-get install poppler-utils)' }
  : { name: "poppler's pdftotext", path: 'pdftotext', missing: '' };

describe('PDF', () => {
  if (skipWithout(chromium, 'the PDF checks') || skipWithout(pdftotext, 'the PDF checks')) return;

  it('prints every report to an A4 PDF whose text keeps the national scripts', { timeout: 180_000 }, async () => {
    process.env.ECAP_CHROMIUM = chromium.path!;
    const out = await mkdtemp(path.join(os.tmpdir(), 'ecap-pdf-'));
    const result = await build({ contentDir: 'tests/fixtures/golden/content', outDir: out, cwd: repo, pdf: true, provenance: {} });
    const html = result.written.filter((f) => f.path.endsWith('.html')).map((f) => f.path);
    const pdfs = result.written.filter((f) => f.path.endsWith('.pdf')).map((f) => f.path);
    expect(pdfs.sort()).toEqual(html.map((h) => h.replace(/\.html$/, '.pdf')).sort());
    for (const pdf of pdfs) expect((await readFile(path.join(out, pdf))).subarray(0, 5).toString('latin1'), pdf).toBe('%PDF-');

    const info = spawnSync('pdfinfo', [path.join(out, 'countries/th.pdf')], { encoding: 'utf8' });
    expect(info.stdout).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
    const th = spawnSync('pdftotext', ['-layout', path.join(out, 'countries/th.pdf'), '-'], { encoding: 'utf8' }).stdout;
    expect(th).toContain('Country report: Thailand');
    expect(th).toContain('ประเทศไทย');
    const la = spawnSync('pdftotext', [path.join(out, 'countries/la.pdf'), '-'], { encoding: 'utf8' }).stdout;
    expect(la).toContain('ສປປ ລາວ');
    await rm(out, { recursive: true, force: true });
  });
});
