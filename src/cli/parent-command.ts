import { Command } from 'commander';

/**
 * A command with subcommands of its own (`ecap new mission`, `ecap schema docs`). main.ts
 * gives each top-level command the program's settings (exit override, help after an error)
 * with copyInheritedSettings(), which commander does not pass on to subcommands already
 * added: without this, a bad option to a subcommand would exit the process directly.
 */
export class ParentCommand extends Command {
  override copyInheritedSettings(source: Command): this {
    super.copyInheritedSettings(source);
    for (const sub of this.commands) sub.copyInheritedSettings(this);
    return this;
  }
}
