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
  neutraliseUnsafeUrls(file, diagnostics);
  if (file.collection !== 'missions') return { value: file, diagnostics };
  const split = splitParts(file.body, file.path);
  return { value: { ...file, parts: split.value }, diagnostics: [...diagnostics, ...split.diagnostics] };
}

/** Addresses a report may link to: the web, e-mail, and places inside the reports. */
export function isSafeUrl(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim());
  return !scheme || ['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase());
}

/**
 * Turns links and images with another scheme (`javascript:`, `data:`, `vbscript:`) into
 * plain text, so that neither the HTML nor the Markdown output carries them.
 */
function neutraliseUnsafeUrls(file: ValidFile, diagnostics: Diagnostic[]): void {
  visit(file.body!, (node, index, parent) => {
    if (!('url' in node) || typeof node.url !== 'string' || isSafeUrl(node.url) || !parent || index === undefined) return;
    const p = node.position!;
    diagnostics.push(diagnostic('body/unsafe-link', file.path, { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column }, `Unexpected address \`${node.url.slice(0, 40)}\`: reports link only to http, https and mailto addresses; the text is kept without the link.`));
    const replacement = node.type === 'link' ? node.children : node.type === 'image' ? [{ type: 'text' as const, value: node.alt ?? '' }] : [];
    parent.children.splice(index, 1, ...(replacement as typeof parent.children));
    return index;
  });
}
