#!/usr/bin/env node
// Writes src/model/types.generated.ts from schemas/*.schema.json, so that the
// TypeScript types can never drift from what ajv validates.
// `--check` exits 1 instead of writing when the committed file is stale.
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { compile } from 'json-schema-to-typescript';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const schemasDir = path.join(root, 'schemas');
const target = path.join(root, 'src/model/types.generated.ts');

/** Resolves the schemas' `$id` addresses to the files beside them: nothing is fetched. */
const localResolver = {
  order: 1,
  canRead: /^https:\/\/ecap\.example\/schemas\//,
  read: (file) => readFile(path.join(schemasDir, path.basename(file.url.split('#')[0])), 'utf8'),
};

export async function generate() {
  const names = (await readdir(schemasDir)).filter((n) => n.endsWith('.schema.json') && n !== 'common.schema.json').sort();
  const parts = [
    '// Generated from schemas/*.schema.json by `npm run types`. Do not edit: change the schema.\n',
  ];
  const seen = new Set();
  for (const name of names) {
    const schema = JSON.parse(await readFile(path.join(schemasDir, name), 'utf8'));
    let ts = await compile(schema, schema.title, {
      bannerComment: '',
      cwd: schemasDir,
      additionalProperties: false,
      declareExternallyReferenced: true,
      unreachableDefinitions: false,
      ignoreMinAndMaxItems: true,
      style: { singleQuote: true },
      $refOptions: { resolve: { ecap: localResolver, http: false, https: false } },
    });
    // Shared definitions are emitted by every schema that uses them; keep the first copy only.
    ts = ts.replace(/(?:\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n)?export (?:type|interface) (\w+)[\s\S]*?\n(?=(?:\/\*\*|export )|$)/g, (block, typeName) => {
      if (seen.has(typeName)) return '';
      seen.add(typeName);
      return block;
    });
    parts.push(ts.trim() + '\n');
  }
  return parts.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== text) {
      console.error('src/model/types.generated.ts is stale: run `npm run types`.');
      process.exit(1);
    }
  } else {
    await writeFile(target, text);
    console.error('wrote src/model/types.generated.ts');
  }
}
