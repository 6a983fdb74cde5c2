import { type Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { openGraph } from '../../chain/index.ts';
import { DEFAULT_HOPS, type Model, type TraceResult, traceRequest } from '../../trace/index.ts';
import { printJson, writeOut } from '../output.ts';
import { graphDir } from '../store-options.ts';

function whole(name: string) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new InvalidArgumentError(`${name} must be a whole number ≥ 0`);
    return n;
  };
}

function describe(r: TraceResult): string {
  const lines = [`${r.model} trace ${r.direction} from ${r.seeds.join(', ')} (${r.chain})`];
  for (const t of r.totals)
    lines.push(`  seeded ${t.seeded} ${t.asset}; fees ${t.fees}; below threshold ${t.belowThreshold}`);
  lines.push('where it ended up:');
  for (const d of r.summary) {
    lines.push(
      `  ${d.category === d.name ? d.category : `${d.category} ${d.name}`}: ${d.value} ${d.asset} at ${d.addresses} addresses`,
    );
    for (const p of d.paths.slice(0, 1)) lines.push(`    e.g. ${p.path.join(' → ')}`);
  }
  lines.push(
    `${r.addresses.length} addresses reached, ${r.transferCount} tainted transfers, ${r.examined} rows examined`,
  );
  for (const a of r.addresses.slice(0, 20))
    lines.push(
      `  ${a.address}  received ${a.received} ${a.asset}  holding ${a.holding}  hops ${a.hops}${a.labels.length ? `  [${a.labels.join(', ')}]` : ''}`,
    );
  if (r.addresses.length > 20) lines.push(`  … ${r.addresses.length - 20} more (--json for all)`);
  return `${lines.join('\n')}\n`;
}

/** `bulwark trace ADDRESS… [--model poison|haircut|fifo] [--hops N] [--direction forward|backward] [--json]`. */
export function registerTrace(program: Command): void {
  program
    .command('trace')
    .description('follow stolen value through the transaction graph from seed addresses')
    .argument('<address...>', 'seed addresses (the first decides the chain)')
    .addOption(
      new Option('--model <model>', 'tracing model')
        .choices(['poison', 'haircut', 'fifo'] as const)
        .default('haircut' as const),
    )
    .addOption(
      new Option('--direction <direction>', 'follow value forward or back to its sources')
        .choices(['forward', 'backward'] as const)
        .default('forward' as const),
    )
    .option('--hops <n>', 'most transfers to follow from a seed', whole('--hops'), DEFAULT_HOPS)
    .option(
      '--min-value <n>',
      'do not follow transfers carrying less taint (base units)',
      whole('--min-value'),
    )
    .option('--since <unix>', 'trace value moved at or after this time (seconds)', whole('--since'))
    .option('--asset <asset>', "Ethereum: one asset only ('ETH' or a token contract)")
    .option(
      '--data <dir>',
      'data directory (env BULWARK_DATA; default ./bulwark-data); the graph lives in DIR/chain',
    )
    .option('--json', 'print the trace as JSON')
    .action(async (addresses, options) => {
      const graph = openGraph(graphDir(options), { readonly: true });
      try {
        const result = traceRequest(graph, {
          seeds: addresses,
          model: options.model as Model,
          direction: options.direction,
          hops: options.hops,
          ...(options.minValue !== undefined ? { minValue: options.minValue } : {}),
          ...(options.since !== undefined ? { since: options.since } : {}),
          ...(options.asset !== undefined ? { asset: options.asset } : {}),
        });
        if (options.json) await printJson(result);
        else await writeOut(describe(result));
      } finally {
        graph.close();
      }
    });
}
