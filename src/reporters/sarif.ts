import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { rules, type RuleId } from '../diagnostics/rules.js';
import { ruleFileName } from '../diagnostics/rule-document.js';

export interface SarifOptions {
  version: string;
  /** Where rule documents live, e.g. the repository's docs/rules/ address; ends with `/`. */
  docsBase: string;
}

/** SARIF 2.1.0, with every rule's metadata, for code-scanning tools. */
export function sarif(diagnostics: readonly Diagnostic[], options: SarifOptions): string {
  const ids = Object.keys(rules) as RuleId[];
  const level = { error: 'error', warning: 'warning', info: 'note' } as const;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ecap',
            version: options.version,
            informationUri: `${options.docsBase}README.md`,
            rules: ids.map((id) => ({
              id,
              shortDescription: { text: rules[id].summary },
              helpUri: `${options.docsBase}${ruleFileName(id)}`,
              defaultConfiguration: { level: level[rules[id].severity] },
            })),
          },
        },
        results: sortDiagnostics(diagnostics).map((d) => ({
          ruleId: d.rule,
          ruleIndex: ids.indexOf(d.rule as RuleId),
          level: level[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
            },
          ],
          ...(d.related?.length
            ? {
                relatedLocations: d.related.map((r, i) => ({
                  id: i,
                  message: { text: r.message },
                  physicalLocation: { artifactLocation: { uri: r.file }, region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn } },
                })),
              }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
