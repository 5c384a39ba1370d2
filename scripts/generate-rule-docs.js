#!/usr/bin/env node
// Writes docs/rules/: one document per rule, from the catalog in src/diagnostics/.
// Run through `npm run docs`, which compiles first; a test fails when the folder is stale.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleDocument, ruleFileName, ruleIndex } from '../build/diagnostics/rule-document.js';
import { rules } from '../build/diagnostics/rules.js';

const dir = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'docs', 'rules');
await mkdir(dir, { recursive: true });
for (const name of await readdir(dir)) await rm(path.join(dir, name));
await writeFile(path.join(dir, 'README.md'), ruleIndex());
for (const id of Object.keys(rules)) await writeFile(path.join(dir, ruleFileName(id)), ruleDocument(id));
console.error(`wrote docs/rules/ (${Object.keys(rules).length} rules)`);
