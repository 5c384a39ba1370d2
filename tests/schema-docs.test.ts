import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collections } from '../src/content/collections.js';
import { fieldsOf, prose, schemaDocs } from '../src/content/schema-docs.js';
import { readSchemas } from '../src/content/schemas.js';
import { repo } from './helpers.js';

const bin = path.join(repo, 'bin', 'ecap.js');
const committed = path.join(repo, 'docs', 'content-model.md');

function ecap(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the content model document', () => {
  it('is up to date in docs/content-model.md (npm run docs:model regenerates it)', async () => {
    expect(await readFile(committed, 'utf8')).toBe(schemaDocs(await readSchemas()));
  });

  it('lists every field of every collection, following references into common.schema.json', async () => {
    const schemas = await readSchemas();
    const doc = schemaDocs(schemas);
    for (const c of collections) {
      const fields = fieldsOf(schemas, c.schema);
      expect(fields.length, c.schema).toBeGreaterThan(0);
      for (const f of fields) expect(doc, `${c.schema} ${f.path}`).toContain(`| \`${f.path}\` |`);
    }
    const mission = new Map(fieldsOf(schemas, 'mission.schema.json').map((f) => [f.path, f]));
    // dates is a $ref to common's dateRange: its fields are listed, with their own descriptions.
    expect(mission.get('dates.start')).toMatchObject({ type: 'date', required: 'yes', description: 'The first day, YYYY-MM-DD.', example: '2013-08-05' });
    expect(mission.get('agencies[].kind')?.values).toContain('coordination-body');
    expect(mission.get('meetings[].themes')).toMatchObject({ type: 'list of text', required: 'yes' });
    expect(mission.get('meetings[].themes')?.allowed.join('; ')).toBe('at least one entry; no entry twice; each a [`themeRef`](#themeref)');
    const figure = new Map(fieldsOf(schemas, 'statistics.schema.json').map((f) => [f.path, f]));
    expect(figure.get('figures[].currency')?.required).toBe('when `measure` is `value-seized`');
    expect(figure.get('figures[].unit')?.required).toBe('unless `measure` is `value-seized`');
    expect(doc).toContain('### countryCode');
  });

  it('writes schema prose as Markdown that shows as written', () => {
    expect(prose('Front matter of content/missions/<code>.md, one file.')).toBe('Front matter of `content/missions/<code>.md`, one file.');
    expect(prose('a <b> c, `x <y>`, member_states, *not emphasis*')).toBe('a \\<b\\> c, `x <y>`, member_states, \\*not emphasis\\*');
  });

  it('is written by `ecap schema docs`, and --check fails when the file is stale', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ecap-docs-'));
    expect(ecap(['schema', 'docs', '--check'], dir)).toMatchObject({ code: 1, stderr: 'ecap: docs/content-model.md is missing: run `npx ecap schema docs` and commit the result\n' });
    expect(ecap(['schema', 'docs'], dir)).toMatchObject({ code: 0, stdout: '', stderr: 'ecap: wrote docs/content-model.md\n' });
    expect(await readFile(path.join(dir, 'docs', 'content-model.md'), 'utf8')).toBe(await readFile(committed, 'utf8'));
    expect(ecap(['schema', 'docs', '--check'], dir)).toMatchObject({ code: 0, stderr: 'ecap: docs/content-model.md is up to date\n' });
    await writeFile(path.join(dir, 'docs', 'content-model.md'), 'old\n');
    expect(ecap(['schema', 'docs', '--check'], dir).code).toBe(1);
    expect(ecap(['schema', 'docs', '--out', 'model.md'], dir).code).toBe(0);
    expect(ecap(['schema', 'docs', '--frobnicate'], dir).code).toBe(2);
  });
});

describe('editor support', () => {
  it('maps every YAML collection to its schema for the YAML language server', async () => {
    // .vscode/settings.json is JSON with comments, as VS Code reads it.
    const text = (await readFile(path.join(repo, '.vscode', 'settings.json'), 'utf8')).replace(/^\s*\/\/.*$/gm, '');
    const mapping = (JSON.parse(text) as { 'yaml.schemas': Record<string, string[]> })['yaml.schemas'];
    const expected: Record<string, string[]> = {};
    for (const c of collections.filter((x) => x.format === 'yaml')) {
      // The language server matches each glob against the end of the path (it prefixes **/).
      expected[`./schemas/${c.schema}`] = 'file' in c.location ? [`content/${c.location.file}`] : ['.yaml', '.yml'].map((ext) => `content/${(c.location as { folder: string }).folder}/*${ext}`);
    }
    expect(mapping).toEqual(expected);
    const schemas = await readSchemas();
    for (const key of Object.keys(mapping)) {
      const name = path.basename(key);
      expect((schemas[name] as { $id?: string }).$id).toBe(`https://ecap.example/schemas/${name}`);
    }
    const extensions = JSON.parse(await readFile(path.join(repo, '.vscode', 'extensions.json'), 'utf8')) as { recommendations: string[] };
    expect(extensions.recommendations).toContain('redhat.vscode-yaml');
  });
});

describe('markdownlint-cli2', () => {
  // markdownlint-cli2 ships no type declarations: import it by a specifier TypeScript does not resolve.
  const cli2Module: string = 'markdownlint-cli2';
  interface Result {
    fileName: string;
    lineNumber: number;
    ruleNames: string[];
    errorDetail?: string | null;
  }
  type Formatter = (options: { results: Result[] }) => void;

  it('finds nothing in docs/content-model.md and CONTRIBUTING.md with the repository configuration', { timeout: 60_000 }, async () => {
    const { main } = (await import(cli2Module)) as { main(params: { directory: string; argv: string[]; optionsOverride?: { outputFormatters?: Array<[Formatter]> }; logMessage?: (m: string) => void; logError?: (m: string) => void }): Promise<number> };
    const results: Result[] = [];
    const errors: string[] = [];
    const exit = await main({
      directory: repo,
      argv: ['--config', path.join(repo, '.markdownlint-cli2.jsonc'), 'docs/content-model.md', 'CONTRIBUTING.md'],
      optionsOverride: { outputFormatters: [[(options) => void results.push(...options.results)]] },
      logMessage: () => undefined,
      logError: (m) => errors.push(m),
    });
    expect(errors).toEqual([]);
    expect(results.map((r) => `${r.fileName}:${r.lineNumber} ${r.ruleNames.join('/')} ${r.errorDetail ?? ''}`)).toEqual([]);
    expect(exit).toBe(0);
  });
});
