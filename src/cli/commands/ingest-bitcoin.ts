import type { Command } from '@commander-js/extra-typings';
import { ingestBitcoin, openGraph } from '../../chain/index.ts';
import { BulwarkError } from '../../errors/index.ts';
import { ingestGroup } from '../ingest-group.ts';
import { printJson, writeOut } from '../output.ts';
import { progressBar } from '../progress.ts';
import { graphDir, maskUrl } from '../store-options.ts';

/** `bulwark ingest bitcoin --blocks DIR | --rpc URL [--follow] [--json]`. */
export function registerIngestBitcoin(program: Command): void {
  ingestGroup(program)
    .command('bitcoin')
    .description(
      "ingest Bitcoin blocks from Bitcoin Core's blk*.dat files or its JSON-RPC into the graph store",
    )
    .option('--blocks <dir>', "Bitcoin Core's blocks directory (holding blk00000.dat …)")
    .option('--rpc <url>', 'Bitcoin Core JSON-RPC URL, e.g. http://user:pass@127.0.0.1:8332/ (never printed)')
    .option('--follow', 'keep polling for new blocks until interrupted')
    .option(
      '--data <dir>',
      'data directory (env BULWARK_DATA; default ./bulwark-data); the graph lives in DIR/chain',
    )
    .option('--json', 'print the summary as JSON on the last line')
    .action(async (options) => {
      if ((options.blocks === undefined) === (options.rpc === undefined)) {
        throw new BulwarkError('USAGE', 'give exactly one of --blocks DIR or --rpc URL', {
          hint: 'bulwark ingest bitcoin --blocks ~/.bitcoin/blocks',
        });
      }
      const graph = openGraph(graphDir(options));
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const bar = progressBar('bitcoin', undefined, 'blocks');
      try {
        const summary = await ingestBitcoin({
          graph,
          ...(options.blocks !== undefined ? { blocksDir: options.blocks } : {}),
          ...(options.rpc !== undefined ? { rpc: options.rpc } : {}),
          ...(options.follow ? { follow: true } : {}),
          signal: controller.signal,
          onProgress: (p) => bar.update(p.done, { detail: `${p.transactions} transactions` }),
        });
        bar.stop();
        if (options.json) {
          await printJson(summary);
          return;
        }
        const source = options.blocks ?? maskUrl(options.rpc ?? '');
        await writeOut(
          `ingested ${summary.blocks} blocks, ${summary.transactions} transactions, ${summary.inputs} inputs, ` +
            `${summary.outputs} outputs from ${source}; head ${summary.head}` +
            (summary.resolved ? `; resolved ${summary.resolved} earlier inputs` : '') +
            (summary.rolledBack ? `; rolled back ${summary.rolledBack} blocks` : '') +
            (summary.stale ? `; ${summary.stale} stale blocks left out` : '') +
            '\n',
        );
      } finally {
        bar.stop();
        graph.close();
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
