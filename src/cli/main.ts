import { Command, CommanderError } from 'commander';
import { UsageError } from '../errors.js';
import { buildCommand } from './commands/build.js';
import { cacheCommand } from './commands/cache.js';
import { checkCommand } from './commands/check.js';
import { diffCommand } from './commands/diff.js';
import { explainCommand } from './commands/explain.js';
import { newCommand } from './commands/new.js';
import { schemaCommand } from './commands/schema.js';
import { serveCommand } from './commands/serve.js';
import { statusCommand } from './commands/status.js';
import { version } from '../package.js';
import { internalError } from './shared.js';

// One module per command under commands/; this file only assembles them and maps what
// went wrong to an exit code.
function program(): Command {
  const cli = new Command('ecap')
    .description('Compiles IPR-enforcement mission notes into country reports and a comprehensive report on best practices.')
    .version(version, '-v, --version')
    .showHelpAfterError()
    .exitOverride();
  for (const command of [buildCommand(), checkCommand(), explainCommand(), statusCommand(), diffCommand(), serveCommand(), newCommand(), schemaCommand(), cacheCommand()]) {
    cli.addCommand(inherit(command, cli));
  }
  return cli;
}

/**
 * Gives a command and its own subcommands (`new mission`) the program's settings: the exit
 * override and help after an error, which addCommand() does not pass on as .command() does.
 */
function inherit(command: Command, parent: Command): Command {
  command.copyInheritedSettings(parent);
  for (const sub of command.commands) inherit(sub, command);
  return command;
}

/** The one place that decides the exit code for what went wrong outside the content. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await program().parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version "fail" with exit code 0; everything else is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof UsageError) {
      process.stderr.write(`ecap: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(internalError(error as Error));
      process.exitCode = 2;
    }
  }
}

await main(process.argv);
