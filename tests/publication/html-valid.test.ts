import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus, corpora, listFiles, removeCorpora } from './build-corpora.js';
import { findVnu, skipWithout } from './tools.js';

// Every HTML report must be valid HTML according to the W3C Nu HTML checker (vnu.jar):
// one Java run per corpus over all its pages, errors only, zero allowed.

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  firstLine?: number;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
}

const vnu = findVnu();

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function relative(outDir: string, url: string | undefined): string {
  if (!url) return '(no file)';
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  return path.relative(outDir, file).split(path.sep).join('/');
}

if (!skipWithout(vnu, 'HTML validation (W3C Nu HTML checker)')) {
  describe('W3C Nu HTML checker', () => {
    afterAll(removeCorpora);

    for (const corpus of corpora) {
      it(`finds no error in any HTML page built from ${corpus.contentDir}`, { timeout: 180_000 }, async () => {
        const outDir = await buildCorpus(corpus);
        const pages = await listFiles(outDir, '.html');
        expect(pages.length, 'HTML pages built').toBeGreaterThan(0);
        const { code, stdout, stderr } = await run(vnu.path!, ['-jar', vnu.jar!, '--errors-only', '--format', 'json', ...pages.map((p) => path.join(outDir, p))]);
        let messages: VnuMessage[];
        try {
          messages = (JSON.parse(stderr) as { messages: VnuMessage[] }).messages;
        } catch {
          throw new Error(`vnu.jar did not print JSON on stderr (exit ${code}).\nstdout:\n${stdout}\nstderr:\n${stderr}`);
        }
        const problems = messages.map((m) => {
          const at = `${corpus.name}/${relative(outDir, m.url)}:${m.lastLine ?? m.firstLine ?? '?'}:${m.firstColumn ?? '?'}`;
          const kind = m.subType ? `${m.type}/${m.subType}` : m.type;
          return `${at}  ${kind}  ${m.message}${m.extract === undefined ? '' : `\n    extract: ${JSON.stringify(m.extract)}`}`;
        });
        if (problems.length > 0) console.error(`vnu.jar: ${problems.length} message(s) for ${corpus.contentDir}:\n${problems.join('\n')}`);
        expect(problems).toEqual([]);
        // No messages, so the checker must have said the pages are fine.
        expect(code, `vnu.jar exit code; stderr:\n${stderr}`).toBe(0);
      });
    }
  });
}
