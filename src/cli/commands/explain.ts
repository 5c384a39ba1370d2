import { Command } from 'commander';
import { nearest } from '../../content/suggest.js';
import { ruleDocument } from '../../diagnostics/rule-document.js';
import { rules, type RuleId } from '../../diagnostics/rules.js';
import { UsageError } from '../../errors.js';

/** `ecap explain <rule>`: a rule's document. */
export function explainCommand(): Command {
  return new Command('explain')
    .description('show what a rule checks, a wrong and a right example, and how to fix it')
    .argument('<rule>', 'a rule id, as printed after each problem (e.g. schema/enum)')
    .action((rule: string) => {
      if (!(rule in rules)) {
        const near = nearest(rule, Object.keys(rules));
        throw new UsageError(`Unknown rule \`${rule}\`${near.length ? `; did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : ''} Rules are listed in docs/rules/README.md.`);
      }
      process.stdout.write(ruleDocument(rule as RuleId));
    });
}
