import { type Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { type GenerateSummary, generateBitcoinLike, generateEthereum, openGraph } from '../../chain/index.ts';
import { printJson, writeOut } from '../output.ts';
import { progressBar } from '../progress.ts';
import { graphDir } from '../store-options.ts';

function count(name: string, min: number) {
  return (text: string): number => {
    const n = Number(text.replaceAll('_', ''));
    if (!Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}`);
    return n;
  };
}

/** The `graph` command group (generate; later: stats, compact…), created by whichever registers first. */
function graphGroup(program: Command): Command {
  const existing = program.commands.find((c) => c.name() === 'graph');
  if (existing) return existing as unknown as Command;
  return program.command('graph').description('the transaction-graph store') as unknown as Command;
}

function describe(s: GenerateSummary, dir: string): string {
  return (
    `generated ${s.transfers.toLocaleString('en-US')} ${s.chain} transfers in ${s.transactions.toLocaleString('en-US')} ` +
    `transactions, ${s.blocks.toLocaleString('en-US')} blocks, ${s.addresses.toLocaleString('en-US')} addresses ` +
    `(seed ${s.seed}) into ${dir} in ${s.seconds.toFixed(1)} s\n` +
    `${s.peelChains} peel chains, ${s.fanOuts} fan-out transactions\n` +
    `heist at height ${s.heist.height} (time ${s.heist.time}): ${s.heist.victim} → ${s.heist.thief}, ${s.heist.value} base units\n` +
    `trace it: bulwark trace ${s.heist.thief} --since ${s.heist.time}\n`
  );
}

/** `bulwark graph generate --transfers N --seed S [--chain ethereum|bitcoin] [--json]`. */
export function registerGraphGenerate(program: Command): void {
  graphGroup(program)
    .command('generate')
    .description(
      'write a synthetic chain with realistic structure (heavy-tailed degrees, exchanges, peel chains, a heist) into the graph store',
    )
    .option('--transfers <n>', 'transfer rows to write (at least)', count('--transfers', 1), 1_000_000)
    .option(
      '--transactions <n>',
      'bitcoin: transactions to write (default: transfers / 4)',
      count('--transactions', 1),
    )
    .option('--seed <n>', 'the same seed gives the same chain', count('--seed', 0), 1)
    .addOption(
      new Option('--chain <chain>', 'account model or UTXO model')
        .choices(['ethereum', 'bitcoin'] as const)
        .default('ethereum' as const),
    )
    .option(
      '--commit-every <n>',
      'commit every N transfers (default: once, at the end)',
      count('--commit-every', 0),
    )
    .option(
      '--data <dir>',
      'data directory (env BULWARK_DATA; default ./bulwark-data); the graph lives in DIR/chain',
    )
    .option('--json', 'print the summary as JSON on the last line')
    .action(async (options) => {
      const dir = graphDir(options);
      const graph = openGraph(dir);
      const bar = progressBar(`generate ${options.chain}`, options.transfers, 'transfers');
      try {
        const run = {
          graph,
          seed: options.seed,
          onProgress: (done: number) => bar.update(Math.min(done, options.transfers)),
          ...(options.commitEvery ? { commitEvery: options.commitEvery } : {}),
        };
        const summary =
          options.chain === 'bitcoin'
            ? generateBitcoinLike({
                ...run,
                // about four rows (inputs and outputs) per transaction
                transactions: options.transactions ?? Math.ceil(options.transfers / 4),
                onProgress: (done: number, total: number) =>
                  bar.update(Math.round((done / total) * options.transfers)),
              })
            : generateEthereum({ ...run, transfers: options.transfers });
        bar.stop();
        if (options.json) await printJson(summary);
        else await writeOut(describe(summary, dir));
      } finally {
        bar.stop();
        graph.close();
      }
    });
}
