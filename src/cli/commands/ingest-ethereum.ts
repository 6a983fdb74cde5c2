import { type Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { ingestEthereum } from '../../chain/ethereum/index.ts';
import { openGraph } from '../../chain/index.ts';
import { ingestGroup } from '../ingest-group.ts';
import { printJson, writeOut } from '../output.ts';
import { progressBar } from '../progress.ts';
import { graphDir } from '../store-options.ts';

function count(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0`);
    return n;
  };
}

/** `bulwark ingest ethereum --rpc URL [--follow] [--confirmations N] [--json]`. */
export function registerIngestEthereum(program: Command): void {
  ingestGroup(program)
    .command('ethereum')
    .description('ingest blocks, transactions, internal and ERC-20 transfers from an Ethereum JSON-RPC node')
    .requiredOption('--rpc <url>', 'node JSON-RPC URL (credentials in it are never printed)')
    .option('--follow', 'keep polling for new blocks until interrupted')
    .option('--confirmations <n>', 'stay this many blocks below the head', count('--confirmations'), 0)
    .option('--from-block <n>', 'first block when nothing is stored yet', count('--from-block'))
    .option('--to-block <n>', 'stop after this block', count('--to-block'))
    .option(
      '--data <dir>',
      'data directory (env BULWARK_DATA; default ./bulwark-data); the graph lives in DIR/chain',
    )
    .option('--json', 'print the summary as JSON on the last line')
    .action(async (options) => {
      const graph = openGraph(graphDir(options));
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const bar = progressBar('ethereum', undefined, 'blocks');
      try {
        const summary = await ingestEthereum({
          rpc: options.rpc,
          graph: graph.ethereum,
          confirmations: options.confirmations,
          ...(options.follow ? { follow: true } : {}),
          ...(options.fromBlock !== undefined ? { fromBlock: options.fromBlock } : {}),
          ...(options.toBlock !== undefined ? { toBlock: options.toBlock } : {}),
          onProgress: (p) => bar.update(p.blocks, { detail: `block ${p.height}/${p.target}` }),
          signal: controller.signal,
        });
        bar.stop();
        if (summary.warning) process.stderr.write(`bulwark: warning: ${summary.warning}\n`);
        if (options.json) await printJson(summary);
        else {
          await writeOut(
            `ingested ${summary.blocks} blocks, ${summary.transactions} transactions, ${summary.transfers} transfers ` +
              `(${summary.internal} internal, ${summary.tokenTransfers} ERC-20) from ${summary.node}; head ${summary.head}` +
              (summary.reorgs
                ? `; ${summary.reorgs} reorganisations rolled back ${summary.rolledBack} blocks`
                : '') +
              '\n',
          );
        }
      } finally {
        bar.stop();
        graph.close();
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
