import type { Command } from '@commander-js/extra-typings';

/** The `ingest` command group, shared with the other chains: created by whichever registers first. */
export function ingestGroup(program: Command): Command {
  const existing = program.commands.find((c) => c.name() === 'ingest');
  if (existing) return existing as unknown as Command;
  return program
    .command('ingest')
    .description('ingest a chain into the transaction-graph store') as unknown as Command;
}
