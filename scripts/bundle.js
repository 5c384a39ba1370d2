#!/usr/bin/env node
// Bundles the compiled CLI and its workers (the check's and the pages'), with the libraries
// they load, into build/bundle/ (one file each, plus the chunks the commands load only when
// they need them).
// Node loads one bundle several times faster than the hundred-odd modules it is made of: a
// build in which one note changed loads the parser, the validator and the renderers, and half
// a second of it went on loading them. bin/ecap.js runs the bundle.
// The bundle also holds the validators of ecap's schemas, compiled now rather than at each run
// (src/content/prebuilt-validators.ts).
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build', 'bundle');
await rm(out, { recursive: true, force: true });
const validators = await prebuiltValidators();
await build({
  entryPoints: {
    [validators.name]: validators.source,
    main: path.join(root, 'build', 'cli', 'main.js'),
    'check-worker': path.join(root, 'build', 'pipeline', 'check-worker.js'),
    'page-worker': path.join(root, 'build', 'pipeline', 'page-worker.js'),
  },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Only --pdf loads it, and it finds its own files at run time.
  external: ['playwright-core'],
  // The CommonJS libraries in the bundle (gray-matter, ajv, handlebars) call require().
  banner: { js: "import { createRequire as __ecapCreateRequire } from 'node:module'; const require = __ecapCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  plugins: [grayMatterWithoutJsYaml()],
});

/** Writes the validators' module, made from schemas/ by the compiled code, to be bundled as `name`. */
async function prebuiltValidators() {
  const { readSchemas } = await import('../build/content/schemas.js');
  const { validatorsSource } = await import('../build/content/validators.js');
  const { prebuiltFile } = await import('../build/content/prebuilt-validators.js');
  const source = path.join(root, 'build', 'prebuilt', prebuiltFile);
  await rm(path.dirname(source), { recursive: true, force: true });
  await mkdir(path.dirname(source), { recursive: true });
  await writeFile(source, validatorsSource(await readSchemas()));
  return { name: path.basename(prebuiltFile, '.js'), source };
}

/**
 * gray-matter requires js-yaml for its default YAML engine, and js-yaml requires esprima (for
 * `!!js/function`) as it loads: with them, the parsing code took about 20 ms longer to import
 * (six fresh imports each way), on every run that parses a note and in every worker. ecap gives
 * gray-matter its own engine (src/pipeline/parse.ts), so the bundle gets a stand-in for js-yaml
 * that refuses to run.
 */
function grayMatterWithoutJsYaml() {
  return {
    name: 'gray-matter-without-js-yaml',
    setup(build) {
      build.onResolve({ filter: /^js-yaml$/ }, ({ importer }) => (/[\\/]gray-matter[\\/]/.test(importer) ? { path: path.join(root, 'scripts', 'no-js-yaml.cjs') } : undefined));
    },
  };
}
