import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSchemas, readSchemas } from '../content/schemas.js';
import { countDiagnostics, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/model.js';
import type { Templates } from '../render/page-shell.js';
import { link } from './link.js';
import { load, type SourceFile } from './load.js';
import { parse } from './parse.js';
import { render, type OutputFile } from './render.js';
import { structure, type CheckedFile } from './structure.js';
import { validate } from './validate.js';
import { write } from './write.js';

export interface CheckOptions {
  contentDir: string;
  cwd: string;
}

export interface CheckResult {
  files: SourceFile[];
  model: Model | undefined;
  diagnostics: Diagnostic[];
}

/** load → parse → validate → structure → link: everything short of writing output. */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const validators = compileSchemas(await readSchemas());
  const loaded = await load(options.contentDir, options.cwd);
  const diagnostics = [...loaded.diagnostics];
  const checked: CheckedFile[] = [];
  // Per-file stages: independent of each other, so a bad file never stops the others.
  for (const file of loaded.value) {
    const parsed = parse(file);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.value) continue;
    const valid = validate(parsed.value, validators);
    diagnostics.push(...valid.diagnostics);
    if (!valid.value) continue;
    const shaped = structure(valid.value);
    diagnostics.push(...shaped.diagnostics);
    checked.push(shaped.value);
  }
  const linked = link(checked, loaded.value);
  diagnostics.push(...linked.diagnostics);
  return { files: loaded.value, model: linked.value, diagnostics: sortDiagnostics(diagnostics) };
}

export interface BuildOptions extends CheckOptions {
  outDir: string;
  templatesDir?: string;
}

export interface BuildResult extends CheckResult {
  /** What was written; empty when the content had errors (then nothing is written). */
  written: OutputFile[];
}

/** check → render → write. Writes nothing unless the content is free of errors. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const result = await check(options);
  if (!result.model || countDiagnostics(result.diagnostics).error > 0) return { ...result, written: [] };
  const [templates, version] = await Promise.all([readTemplates(options.templatesDir ?? defaultTemplatesDir), ecapVersion()]);
  const written = render(result.model, templates, version);
  await write(options.outDir, written, { cwd: options.cwd, contentDir: options.contentDir });
  return { ...result, written };
}

const packageRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultTemplatesDir = path.join(packageRoot, 'templates');

export async function readTemplates(dir: string): Promise<Templates> {
  const read = (name: string) => readFile(path.join(dir, name), 'utf8');
  const [html, markdown, css] = await Promise.all([read('page.html.hbs'), read('page.md.hbs'), read('ecap.css')]);
  return { html, markdown, css };
}

export async function ecapVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
