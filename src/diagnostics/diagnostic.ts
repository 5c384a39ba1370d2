import { compareText } from '../order.js';

/** A problem found in the content: plain data that reporters format. */
export type Severity = 'error' | 'warning' | 'info';

/** A 1-based position range in a file; columns count JavaScript string characters. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Diagnostic extends Span {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  severity: Severity;
  rule: string;
  message: string;
  /** Other places the message speaks of, such as the first copy of a duplicate id. */
  related?: Array<Span & { file: string; message: string }>;
  /** An unambiguous correction that `ecap check --fix` may apply. */
  fix?: Fix;
}

/** Replace the characters from `offset` to `endOffset` (in the file's text without a byte-order mark) by `text`. */
export interface Fix {
  offset: number;
  endOffset: number;
  text: string;
}

/** The start of a file, for problems that concern the file as a whole. */
export const fileStart: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Result of a stage: its value plus what it found wrong on the way. */
export interface StageResult<T> {
  value: T;
  diagnostics: Diagnostic[];
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts by file, position, then rule, so output never depends on the order work was done. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      severityRank[a.severity] - severityRank[b.severity] ||
      compareText(a.rule, b.rule) ||
      compareText(a.message, b.message),
  );
}

/**
 * Infos of one rule a person is shown in full. A large corpus can hold thousands of practices
 * no recommendation builds on yet; shown one by one they would bury its errors and warnings,
 * which are always shown in full. The json, github and sarif reporters list every one.
 */
export const infosPerRule = 10;

/**
 * The diagnostics shown in full, sorted: every error and warning, and the first `limit` infos
 * of each rule; and how many infos of each rule are left out, in the order the rules first
 * appear. Only those shown need a code frame (see excerptsOf).
 */
export function foldInfos(list: readonly Diagnostic[], limit = infosPerRule): { shown: Diagnostic[]; folded: Map<string, number> } {
  const seen = new Map<string, number>();
  const shown = sortDiagnostics(list).filter((d) => {
    if (d.severity !== 'info') return true;
    const n = (seen.get(d.rule) ?? 0) + 1;
    seen.set(d.rule, n);
    return n <= limit;
  });
  return { shown, folded: new Map([...seen].flatMap(([rule, n]) => (n > limit ? [[rule, n - limit] as const] : []))) };
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
}

export function countDiagnostics(list: readonly Diagnostic[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const d of list) counts[d.severity]++;
  return counts;
}
