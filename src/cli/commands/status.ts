import { Command } from 'commander';
import { countDiagnostics } from '../../diagnostics/diagnostic.js';
import { check } from '../../pipeline/index.js';
import { summarise } from '../../reporters/pretty.js';
import { contentOption, report } from '../shared.js';

/** `ecap status`: where the work stands, per member state and per theme. */
export function statusCommand(): Command {
  return new Command('status')
    .description('show where the work stands: each mission\'s parts and status, practices, statistics, and practices per theme')
    .addOption(contentOption())
    .option('--json', 'print the status as JSON (documented in the README) instead of tables')
    .action(async (options: { content: string; json?: boolean }) => {
      const result = await check({ contentDir: options.content, cwd: process.cwd() });
      // Records with errors drop out of the model, so a status would undercount: show the errors instead.
      if (!result.model || countDiagnostics(result.diagnostics).error > 0) {
        report(result, { reporter: 'pretty' });
        process.stderr.write(`ecap: no status, the content has errors; ${summarise(result.diagnostics)}\n`);
        process.exitCode = 1;
        return;
      }
      const { formatStatus, status } = await import('../../content/status.js');
      const s = status(result.model, result.diagnostics);
      process.stdout.write(options.json ? JSON.stringify(s, null, 2) + '\n' : formatStatus(s, result.model));
    });
}
