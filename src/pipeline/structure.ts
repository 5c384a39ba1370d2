import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { replaceWith, walk } from '../walk.js';
import { splitParts } from '../content/parts.js';
import type { Diagnostic, StageResult } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/rules.js';
import type { MissionBody } from '../model/model.js';
import type { ValidFile } from './validate.js';

/** A valid file with its body checked; mission notes also cut into their parts. */
export interface CheckedFile extends ValidFile {
  parts?: MissionBody;
  /** Set by the check from the file's cache key (see Origin). */
  revision?: string;
}

/** Checks the shape of one body. Pure. */
export function structure(file: ValidFile): StageResult<CheckedFile> {
  const diagnostics: Diagnostic[] = [];
  if (!file.body) return { value: file, diagnostics };
  walk(file.body, (node) => {
    if (node.type !== 'html') return;
    const p = node.position!;
    diagnostics.push(diagnostic('body/raw-html', file.path, { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column }, `Unexpected raw HTML \`${node.value.split('\n')[0]!.slice(0, 40)}\`: it is sanitised in HTML reports and left out of Markdown ones; write it in Markdown instead.`));
  });
  neutraliseUnsafeUrls(file, diagnostics);
  keepOnlyKnownDirectives(file, diagnostics);
  if (file.collection !== 'missions') return { value: file, diagnostics };
  const split = splitParts(file.body, file.path);
  return { value: { ...file, parts: split.value }, diagnostics: [...diagnostics, ...split.diagnostics] };
}

/**
 * `:::internal` and `:internal[…]` are the only directives. Anything else that parsed as
 * one (a stray `:word` in a sentence) goes back to being text, as the editor wrote it.
 */
function keepOnlyKnownDirectives(file: ValidFile, diagnostics: Diagnostic[]): void {
  walk(file.body!, (node) => {
    if (!isDirective(node)) return;
    if (node.name === 'internal' && node.type !== 'leafDirective') return;
    const p = node.position!;
    const span = { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column };
    if (node.type === 'textDirective') {
      const label = node.children.map((c) => ('value' in c ? c.value : '')).join('');
      return replaceWith({ type: 'text', value: `:${node.name}${node.children.length ? `[${label}]` : ''}` });
    }
    diagnostics.push(diagnostic('body/unknown-directive', file.path, span, `Unexpected directive \`${node.type === 'containerDirective' ? ':::' : '::'}${node.name}\`: the only one is \`:::internal\` (a section) or \`:internal[…]\` (words) for what the public edition leaves out. Its text is kept as it is.`));
    return replaceWith(...(node.type === 'containerDirective' ? node.children : [{ type: 'paragraph' as const, children: node.children }]));
  });
}

function isDirective(node: { type: string }): node is ContainerDirective | LeafDirective | TextDirective {
  return node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective';
}

/** Addresses a report may link to: the web, e-mail, and places inside the reports. */
function isSafeUrl(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim());
  return !scheme || ['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase());
}

/**
 * Turns links and images with another scheme (`javascript:`, `data:`, `vbscript:`) into
 * plain text, so that neither the HTML nor the Markdown output carries them.
 */
function neutraliseUnsafeUrls(file: ValidFile, diagnostics: Diagnostic[]): void {
  walk(file.body!, (node) => {
    if (!('url' in node) || typeof node.url !== 'string' || isSafeUrl(node.url)) return;
    const p = node.position!;
    diagnostics.push(diagnostic('body/unsafe-link', file.path, { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column }, `Unexpected address \`${node.url.slice(0, 40)}\`: reports link only to http, https and mailto addresses; the text is kept without the link.`));
    return replaceWith(...(node.type === 'link' ? node.children : node.type === 'image' ? [{ type: 'text' as const, value: node.alt ?? '' }] : []));
  });
}
