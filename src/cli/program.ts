import { Command } from '@commander-js/extra-typings';
import { registerAudit } from './commands/audit.ts';
import { registerCommunity } from './commands/community.ts';
import { registerExport } from './commands/export.ts';
import { registerFeeds } from './commands/feeds.ts';
import { registerImport } from './commands/import.ts';
import { registerIngestBitcoin } from './commands/ingest-bitcoin.ts';
import { registerIngestEthereum } from './commands/ingest-ethereum.ts';
import { registerKey } from './commands/key.ts';
import { registerOrg } from './commands/org.ts';
import { registerPayments } from './commands/payments.ts';
import { registerScan } from './commands/scan.ts';
import { registerServe } from './commands/serve.ts';

/** The `bulwark` command with all its subcommands. */
export function buildProgram(): Command {
  const program = new Command('bulwark')
    .description(
      'Bulwark: share heist intelligence under TLP, screen and trace stolen funds, detect attackers.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');
  registerServe(program);
  registerOrg(program);
  registerImport(program);
  registerExport(program);
  registerFeeds(program);
  registerIngestBitcoin(program);
  registerIngestEthereum(program);
  registerPayments(program);
  registerScan(program);
  registerCommunity(program);
  registerKey(program);
  registerAudit(program);
  return program;
}
