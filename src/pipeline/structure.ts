import { visit } from 'unist-util-visit';
import { splitParts } from '../content/parts.js';
import type { Diagnostic, StageResult } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/rules.js';
import type { MissionBody } from '../model/model.js';
import type { ValidFile } from './validate.js';

/** A valid file with its body checked; mission notes also cut into their parts. */
export interface CheckedFile extends ValidFile {
  parts?: MissionBody;
}

/** Checks the shape of one body. Pure. */
export function structure(file: ValidFile): StageResult<CheckedFile> {
  const diagnostics: Diagnostic[] = [];
  if (!file.body) return { value: file, diagnostics };
  visit(file.body, 'html', (node) => {
    const p = node.position!;
    diagnostics.push(diagnostic('body/raw-html', file.path, { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column }, `Unexpected raw HTML \`${node.value.split('\n')[0]!.slice(0, 40)}\`: it is sanitised in HTML reports and left out of Markdown ones; write it in Markdown instead.`));
  });
  if (file.collection !== 'missions') return { value: file, diagnostics };
  const split = splitParts(file.body, file.path);
  return { value: { ...file, parts: split.value }, diagnostics: [...diagnostics, ...split.diagnostics] };
}
