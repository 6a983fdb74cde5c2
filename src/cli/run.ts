import type { Command } from '@commander-js/extra-typings';
import { CommanderError } from 'commander';
import { EXIT_USAGE, exitCodeOf, isBulwarkError } from '../errors/index.ts';

/** Runs the program, printing failures as one clear line and exiting 0, 1 or 2. */
export async function runProgram(program: Command, argv: readonly string[]): Promise<void> {
  applyToAll(program);
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are not failures
      if (error.exitCode === 0) process.exit(0);
      process.exit(EXIT_USAGE);
    }
    const text = isBulwarkError(error)
      ? `${error.code}: ${error.describe()}`
      : error instanceof Error
        ? error.message
        : String(error);
    process.stderr.write(`bulwark: ${text}\n`);
    process.exit(exitCodeOf(error));
  }
}

/** Settings commander copies only to subcommands created after them: applied to the whole tree here. */
function applyToAll(command: Command): void {
  command.exitOverride();
  command.showHelpAfterError('(run with --help for usage)');
  for (const sub of command.commands) applyToAll(sub as Command);
}
