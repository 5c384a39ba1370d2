import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleDocs } from '../src/diagnostics/rule-docs.js';
import { ruleDocument, ruleFileName, ruleIndex } from '../src/diagnostics/rule-document.js';
import { rules } from '../src/diagnostics/rules.js';
import { repo } from './helpers.js';

const docs = path.join(repo, 'docs', 'rules');

describe('rule catalog', () => {
  it('uses permanent kind/name ids', () => {
    for (const id of Object.keys(rules)) expect(id).toMatch(/^[a-z]+\/[a-z]+(-[a-z]+)*$/);
  });

  it('documents every rule with a wrong and a right example that differ', () => {
    for (const [id, doc] of Object.entries(ruleDocs)) {
      expect(doc.wrong, id).not.toBe(doc.right);
      expect(doc.fix.length, id).toBeGreaterThan(20);
    }
    expect(Object.keys(ruleDocs).sort()).toEqual(Object.keys(rules).sort());
  });

  it('has docs/rules/ up to date (npm run docs regenerates it)', async () => {
    const expected = new Map<string, string>([['README.md', ruleIndex()], ...Object.keys(rules).map((id) => [ruleFileName(id), ruleDocument(id as keyof typeof rules)] as [string, string])]);
    expect((await readdir(docs)).sort()).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect(await readFile(path.join(docs, name), 'utf8'), name).toBe(text);
  });
});
