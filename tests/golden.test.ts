import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readOutput } from './helpers.js';
import { build } from '../src/pipeline/index.js';
import { pretty } from '../src/reporters/pretty.js';

// Each folder under tests/fixtures/ with an expected/ folder is built and compared file by
// file. Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run tests/golden.test.ts`
// and review the diff like code; CI never writes goldens.
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const update = process.env.UPDATE_GOLDEN === '1' && process.env.CI !== 'true';

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

const cases = (await readdir(fixtures, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe('golden builds', () => {
  for (const name of cases) {
    it(`builds ${name} exactly as expected`, async () => {
      const root = path.join(fixtures, name);
      const expectedDir = path.join(root, 'expected');
      const out = await mkdtemp(path.join(os.tmpdir(), `ecap-golden-${name}-`));
      await rm(out, { recursive: true });
      const result = await build({ contentDir: 'content', outDir: out, cwd: root, provenance: {} });
      // Text outputs are compared whole; binary ones (fonts) by their SHA-256.
      const actual = new Map<string, string>((await readOutput(out, result.written)).map((f) => (typeof f.content === 'string' ? [f.path, f.content] : [`${f.path}.sha256`, `${createHash('sha256').update(f.content).digest('hex')}\n`])));
      actual.set('diagnostics.txt', pretty(result.diagnostics, { color: false, excerpts: result.excerpts }));
      if (update) {
        await rm(expectedDir, { recursive: true, force: true });
        for (const [file, content] of actual) {
          await mkdir(path.dirname(path.join(expectedDir, file)), { recursive: true });
          await writeFile(path.join(expectedDir, file), content);
        }
      }
      const expectedFiles = await listFiles(expectedDir);
      expect([...actual.keys()].sort()).toEqual(expectedFiles);
      for (const file of expectedFiles) {
        expect(actual.get(file), file).toBe(await readFile(path.join(expectedDir, file), 'utf8'));
      }
      // What was written is what was returned.
      if (result.written.length > 0) {
        const onDisk = (await listFiles(out)).filter((f) => f !== '.ecap-output');
        expect(onDisk).toEqual(result.written.map((f) => f.path).sort());
      }
      await rm(out, { recursive: true, force: true });
    });
  }
});
