#!/usr/bin/env node
// Bundles the compiled CLI and its workers (the build's, the check's and the pages'), with the
// libraries they load, into build/bundle/ (one file each, plus the chunks the commands load only
// when they need them).
// Node loads one bundle several times faster than the hundred-odd modules it is made of: a
// build in which one note changed loads the parser, the validator and the renderers, and half
// a second of it went on loading them. bin/ecap.js runs the bundle.
// The bundle also holds the validators of ecap's schemas, compiled now rather than at each run
// (src/content/prebuilt-validators.ts).
import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
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
    'build-worker': path.join(root, 'build', 'pipeline', 'build-worker.js'),
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
  plugins: [grayMatterWithoutJsYaml(), grayMatterCachesOnlyWithoutOptions(), fromMarkdownWithOneContext()],
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

/**
 * mdast-util-from-markdown calls each of its handlers, once per micromark event, on a copy of
 * its compile context made for that event (`{...context, sliceSerialize}`), and V8 (Node 20's)
 * makes an object copied by spreading straight in the old generation. Each copy, dead as soon as
 * its handler returns, points to the parse's stacks, and a young collection takes what an old
 * object points to as alive: every young collection until the next full one kept the note's
 * nodes, then promoted them, and a check worker's old generation grew to 65 MB between full
 * collections against 20 MB live (see Workers in docs/speed.md). No handler ecap uses keeps its
 * `this` beyond the call or writes to it (mdast-util-from-markdown, -gfm-*, -directive), so the
 * bundle's copy sets `sliceSerialize` on the one context instead. Upstream keeps a copy per
 * event so that a handler may (syntax-tree/mdast-util-from-markdown#46).
 */
function fromMarkdownWithOneContext() {
  return rewrite('fromMarkdownWithOneContext', /[\\/]mdast-util-from-markdown[\\/]lib[\\/]index\.js$/, /\{\s*\.\.\.context,\s*sliceSerialize: events\[index\]\[2\]\.sliceSerialize\s*\}/g, '(context.sliceSerialize = events[index][2].sliceSerialize, context)', 3);
}

/**
 * gray-matter looks a text up in its cache (`matter.cache[text]`) before it knows whether it
 * will use the cache, which it does only when called without options, and ecap always gives
 * options. A property looked up by a string makes V8 internalise the string: a copy of every
 * note's whole text made straight in the old generation, 16–32 KB a note in a check worker,
 * where what a note leaves behind decides how far the heap grows between full collections (see
 * Workers in docs/speed.md). The bundle's copy looks the text up only where it would use it.
 */
function grayMatterCachesOnlyWithoutOptions() {
  return rewrite('grayMatterCachesOnlyWithoutOptions', /[\\/]gray-matter[\\/]index\.js$/, /const cached = matter\.cache\[file\.content\];\s*if \(!options\) \{/g, 'if (!options) { const cached = matter.cache[file.content];', 1);
}

/**
 * An esbuild plugin that rewrites one library file as it is bundled, each match of `pattern`
 * made `replacement`. A release that changes the code, so that it matches other than `count`
 * times, stops the bundle here, to be looked at again.
 */
function rewrite(name, file, pattern, replacement, count) {
  return {
    name,
    setup(build) {
      build.onLoad({ filter: file }, async (args) => {
        let found = 0;
        const contents = (await readFile(args.path, 'utf8')).replace(pattern, () => (found++, replacement));
        if (found !== count) throw new Error(`${args.path}: expected ${count} of ${pattern}, found ${found}; see ${name} in scripts/bundle.js`);
        return { contents, loader: 'js' };
      });
    },
  };
}
