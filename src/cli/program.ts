import { Command } from '@commander-js/extra-typings';

type Register = (program: Command) => void;

/**
 * Every top-level command and the module that defines it. A command's module brings in its engine
 * (the store, the chain parsers, the Sigma engine…), so only the one being run is loaded: start-up
 * time and memory stay those of that command, not of all of them.
 */
const COMMANDS: Record<string, readonly (() => Promise<Register>)[]> = {
  serve: [() => import('./commands/serve.ts').then((m) => m.registerServe)],
  org: [() => import('./commands/org.ts').then((m) => m.registerOrg)],
  community: [() => import('./commands/community.ts').then((m) => m.registerCommunity)],
  key: [() => import('./commands/key.ts').then((m) => m.registerKey)],
  audit: [() => import('./commands/audit.ts').then((m) => m.registerAudit)],
  alerts: [() => import('./commands/alerts.ts').then((m) => m.registerAlerts)],
  wallets: [() => import('./commands/wallets.ts').then((m) => m.registerWallets)],
  import: [() => import('./commands/import.ts').then((m) => m.registerImport)],
  export: [() => import('./commands/export.ts').then((m) => m.registerExport)],
  feeds: [() => import('./commands/feeds.ts').then((m) => m.registerFeeds)],
  ingest: [
    () => import('./commands/ingest-bitcoin.ts').then((m) => m.registerIngestBitcoin),
    () => import('./commands/ingest-ethereum.ts').then((m) => m.registerIngestEthereum),
  ],
  payments: [() => import('./commands/payments.ts').then((m) => m.registerPayments)],
  scan: [() => import('./commands/scan.ts').then((m) => m.registerScan)],
  screen: [() => import('./commands/screen.ts').then((m) => m.registerScreen)],
  trace: [() => import('./commands/trace.ts').then((m) => m.registerTrace)],
  cluster: [() => import('./commands/cluster.ts').then((m) => m.registerCluster)],
  graph: [() => import('./commands/graph-generate.ts').then((m) => m.registerGraphGenerate)],
  demo: [() => import('./commands/demo.ts').then((m) => m.registerDemo)],
};

/**
 * The `bulwark` command. With `argv`, only the command it names is loaded (all of them when it names
 * none, for the overview help or a usage error that lists them).
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('bulwark')
    .description(
      'Bulwark: share heist intelligence under TLP, screen and trace stolen funds, detect attackers.',
    )
    .version('0.1.0')
    // options after a command name are that command's: lets a subcommand (`trace path`) share option
    // names with its parent (`trace`) without the parent taking them
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)');
  const named = argv.slice(2).find((arg) => !arg.startsWith('-'));
  const chosen = named && named in COMMANDS ? [COMMANDS[named]!] : Object.values(COMMANDS);
  for (const loaders of chosen) {
    for (const load of loaders) (await load())(program);
  }
  return program;
}
