import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * GitHub Actions workflow commands: each problem becomes an annotation on the pull
 * request's line. Values are escaped as the runner expects.
 */
export function github(diagnostics: readonly Diagnostic[]): string {
  const command = { error: 'error', warning: 'warning', info: 'notice' } as const;
  return sortDiagnostics(diagnostics)
    .map((d) => {
      const props = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`, `title=${escapeProperty(`ecap ${d.rule}`)}`];
      return `::${command[d.severity]} ${props.join(',')}::${escapeData(d.message)}\n`;
    })
    .join('');
}

function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
