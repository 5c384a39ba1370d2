#!/usr/bin/env node
// The floor: the work no build of this corpus can avoid, done as plainly as possible on one
// thread. Read each file, split the front matter, parse it, validate it with ecap's compiled
// schemas, run the same unified pipeline over the body and write one HTML file per record.
// No linking, no templates, no reports. `node bench/floor.mjs CONTENT OUT`
import matter from 'gray-matter';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { readSchemas } from '../build/content/schemas.js';
import { compileSchemas } from '../build/content/validators.js';

const [content, out] = process.argv.slice(2);
const validators = compileSchemas(await readSchemas());
const schemaOf = { themes: 'theme', missions: 'mission', practices: 'practice', meetings: 'meeting', recommendations: 'recommendation', statistics: 'statistics' };
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify);
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
let count = 0;
for (const folder of Object.keys(schemaOf)) {
  const names = (await readdir(path.join(content, folder)).catch(() => [])).sort();
  for (const name of names) {
    const text = await readFile(path.join(content, folder, name), 'utf8');
    const validate = validators[`${schemaOf[folder]}.schema.json`];
    let data;
    let html = '';
    if (name.endsWith('.md')) {
      const split = matter(text, { engines: { yaml: (s) => parseYaml(s) } });
      data = split.data;
      html = String(await processor.process(split.content));
    } else data = parseYaml(text);
    if (!validate(data)) throw new Error(`${folder}/${name} is invalid`);
    await writeFile(path.join(out, `${folder}-${name}.html`), html);
    count++;
  }
}
console.error(`floor: ${count} records`);
