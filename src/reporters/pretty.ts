import { countDiagnostics, foldInfos, type Diagnostic } from '../diagnostics/diagnostic.js';
import { count } from '../report/format.js';
import type { Excerpts } from '../diagnostics/excerpts.js';

export interface PrettyOptions {
  /** Colour codes for a terminal; off when piped or when NO_COLOR is set. */
  color: boolean;
  /** The lines diagnostics point at, for the code frame under each. */
  excerpts?: Excerpts;
  /** How many infos of one rule are shown in full (default `infosPerRule`); the rest are counted on one line. */
  infosPerRule?: number;
}

const paint = (on: boolean, code: number, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** `file:line:column  severity  message  rule`, a code frame with a caret, one blank line between. */
export function pretty(diagnostics: readonly Diagnostic[], options: PrettyOptions): string {
  const { color } = options;
  const out: string[] = [];
  const { shown, folded } = foldInfos(diagnostics, options.infosPerRule);
  for (const d of shown) {
    const severity = d.severity === 'error' ? paint(color, 31, 'error') : d.severity === 'warning' ? paint(color, 33, 'warning') : paint(color, 36, 'info');
    out.push(`${paint(color, 1, `${d.file}:${d.line}:${d.column}`)}  ${severity}  ${d.message}  ${paint(color, 2, d.rule)}`);
    const frame = codeFrame(options.excerpts?.get(d.file), d, color);
    if (frame) out.push(frame);
    for (const r of d.related ?? []) out.push(`  ${paint(color, 2, `${r.file}:${r.line}:${r.column}: ${r.message}`)}`);
    out.push('');
  }
  for (const [rule, left] of folded) {
    out.push(`${paint(color, 36, `… and ${count(left, 'more info')}`)} of ${paint(color, 2, rule)}, not shown: \`ecap check --reporter json\` lists every one.`, '');
  }
  return out.join('\n');
}

/** The offending line with one line of context above, and a caret under the range. */
export function codeFrame(lines: ReadonlyMap<number, string> | undefined, d: Diagnostic, color: boolean): string | undefined {
  const line = lines?.get(d.line);
  if (line === undefined) return undefined;
  const above = lines!.get(d.line - 1) ?? '';
  const width = String(d.line).length;
  const gutter = (n: number | '') => `${String(n).padStart(width)} | `;
  const out: string[] = [];
  if (above.trim() !== '') out.push(paint(color, 2, `  ${gutter(d.line - 1)}${above}`));
  out.push(`> ${gutter(d.line)}${line}`);
  const end = d.endLine === d.line && d.endColumn > d.column ? d.endColumn : Math.max(d.column + 1, line.trimEnd().length + 1);
  const caret = ' '.repeat(d.column - 1) + '^'.repeat(Math.max(1, Math.min(end, line.length + 1) - d.column));
  out.push(`  ${' '.repeat(width)} | ${paint(color, d.severity === 'error' ? 31 : 33, caret)}`);
  return out.join('\n');
}

/** `2 errors, 1 warning and 3 infos`. */
export function summarise(diagnostics: readonly Diagnostic[]): string {
  const c = countDiagnostics(diagnostics);
  return `${count(c.error, 'error')}, ${count(c.warning, 'warning')}, ${count(c.info, 'info')}`;
}
