import { Command } from '@commander-js/extra-typings';

/** The `bulwark` command with all its subcommands. */
export function buildProgram(): Command {
  const program = new Command('bulwark')
    .description(
      'Bulwark: share heist intelligence under TLP, screen and trace stolen funds, detect attackers.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');
  return program;
}
