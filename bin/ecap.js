#!/usr/bin/env node
// The CLI runs from one bundle, build/bundle/main.js (written by `npm ci` through the `prepare`
// script: tsc, then scripts/bundle.js), which loads several times faster than its modules.
// `--version` alone is answered here, before any of ecap is loaded.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  await import('../build/bundle/main.js');
}
