import { ruleDocs } from './rule-docs.js';
import { rules, type RuleId } from './rules.js';

/** A rule's document, in Markdown: what it checks, a wrong and a right example, how to fix it. */
export function ruleDocument(id: RuleId): string {
  const rule = rules[id];
  const doc = ruleDocs[id];
  // Examples of a Markdown body are Markdown; everything else is front matter or YAML.
  const fence = '```' + (doc.wrong.split('\n')[0]!.includes('(body)') ? 'markdown' : 'yaml');
  return [
    `# ${id}`,
    '',
    `${rule.summary}`,
    '',
    `Default severity: **${rule.severity}**${rule.severity === 'error' ? ' (fails `ecap check` and `ecap build`)' : rule.severity === 'warning' ? ' (fails only with `--strict` or `--max-warnings`)' : ' (never fails a run)'}.`,
    '',
    '## Wrong',
    '',
    fence,
    doc.wrong,
    '```',
    '',
    '## Right',
    '',
    fence,
    doc.right,
    '```',
    '',
    '## How to fix it',
    '',
    doc.fix,
    '',
  ].join('\n');
}

/** The index of every rule, for docs/rules/README.md. */
export function ruleIndex(): string {
  const rows = (Object.keys(rules) as RuleId[]).map((id) => `| [\`${id}\`](${ruleFileName(id)}) | ${rules[id].severity} | ${rules[id].summary} |`);
  return ['# ecap rules', '', 'Every problem ecap reports carries one of these permanent ids. `ecap explain <rule>` prints a rule\'s document.', '', '| Rule | Severity | What it checks |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

/** `schema/enum` → `schema-enum.md`: one flat folder of documents. */
export function ruleFileName(id: string): string {
  return `${id.replace('/', '-')}.md`;
}
