import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';

/** The plain array of diagnostics, so that jq and other tools read it directly. */
export function json(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(sortDiagnostics(diagnostics), null, 2) + '\n';
}
