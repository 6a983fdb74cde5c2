import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { openGraph } from '../../chain/index.ts';
import { BulwarkError } from '../../errors/index.ts';
import { communityIdsOf, requireOrganisation } from '../../hub/index.ts';
import { buildScreeningIndexForScope } from '../../screen/index.ts';
import type { ReadScope } from '../../store/index.ts';
import {
  DEFAULT_BRIDGE_FEE,
  DEFAULT_BRIDGE_WINDOW,
  DEFAULT_HOPS,
  DEFAULT_MIXER_WINDOW,
  type LabelsOf,
  labelsFromScreener,
  type Model,
  type TraceResult,
  traceRequest,
} from '../../trace/index.ts';
import { printJson, writeOut } from '../output.ts';
import { dataDir, graphDir, type StoreFlags, storeLocation, withStore } from '../store-options.ts';

function whole(name: string) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new InvalidArgumentError(`${name} must be a whole number ≥ 0`);
    return n;
  };
}

function positive(name: string) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 1)
      throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
    return n;
  };
}

function share(text: string): number {
  const n = Number(text);
  if (!(n >= 0 && n <= 0.5)) throw new InvalidArgumentError('--bridge-fee must be a share between 0 and 0.5');
  return n;
}

/**
 * The labels the trace stops at, shows and goes through: what `asOrg` may read in the hub beside
 * the graph (everything without it, as the operator). No hub there (a data directory holding only
 * a graph): no labels — the trace follows every address.
 */
async function withLabels<T>(
  flags: StoreFlags & { asOrg?: string },
  body: (labelsOf: LabelsOf | undefined) => Promise<T>,
): Promise<T> {
  const where = storeLocation(flags);
  if (where.db === undefined && !existsSync(join(dataDir(flags), 'hub.sqlite'))) {
    if (flags.asOrg !== undefined) {
      throw new BulwarkError(
        'USAGE',
        `--as-org needs a hub: ${join(dataDir(flags), 'hub.sqlite')} does not exist`,
        {
          hint: 'Give the data directory the hub and graph share (--data), or the hub with --db',
        },
      );
    }
    return body(undefined);
  }
  return withStore(
    flags,
    async (store) => {
      let scope: ReadScope = { kind: 'all' };
      if (flags.asOrg !== undefined) {
        const org = await requireOrganisation(store, flags.asOrg);
        scope = { kind: 'member', orgId: org.id, communityIds: await communityIdsOf(store, org.id) };
      }
      return body(labelsFromScreener(await buildScreeningIndexForScope(store, scope)));
    },
    { readonly: true },
  );
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
    if (d.passedOn !== undefined)
      lines.push(`    went in ${d.received}; left by matched links ${d.passedOn}`);
    for (const p of d.paths.slice(0, 1)) lines.push(`    e.g. ${p.path.join(' → ')}`);
  }
  if (r.links.length > 0) lines.push(`through mixers and bridges (${r.links.length} matched links):`);
  for (const l of r.links.slice(0, 20)) {
    const w = l.withdrawal;
    lines.push(
      `  ${l.kind} ${l.service}: → ${w.to}  ${w.value} ${w.asset}, confidence ${l.confidence.toFixed(3)} (${l.candidates} candidates), carries ${l.carried}`,
    );
  }
  if (r.links.length > 20) lines.push(`  … ${r.links.length - 20} more (--json for all)`);
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

/**
 * `bulwark trace ADDRESS… [--model poison|haircut|fifo] [--hops N] [--direction forward|backward]
 * [--as-org NAME] [--no-through-mixers] [--mixer-window S] [--no-through-bridges] [--bridge-window S]
 * [--json]`. Forward, it goes on through the mixers and bridges the labels name (on by default).
 */
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
      '--through-mixers',
      'forward: go on through labelled mixers, matching withdrawals to deposits (default)',
    )
    .option('--no-through-mixers', 'stop at mixers, counting what went in')
    .option(
      '--mixer-window <seconds>',
      `seconds a mixer deposit stays a candidate (default ${DEFAULT_MIXER_WINDOW})`,
      positive('--mixer-window'),
    )
    .option('--through-bridges', 'forward: go on through labelled bridges, deposit to release (default)')
    .option('--no-through-bridges', 'stop at bridges, counting what went in')
    .option(
      '--bridge-window <seconds>',
      `seconds after a bridge deposit its release may come (default ${DEFAULT_BRIDGE_WINDOW})`,
      positive('--bridge-window'),
    )
    .option(
      '--bridge-fee <share>',
      `share a bridge release may fall short of its deposit by (default ${DEFAULT_BRIDGE_FEE})`,
      share,
    )
    .option(
      '--as-org <name>',
      "labels from what this organisation may read in the hub (default: all the hub's labels)",
    )
    .option(
      '--data <dir>',
      'data directory (env BULWARK_DATA; default ./bulwark-data); the graph lives in DIR/chain, the hub beside it',
    )
    .option('--db <url>', 'PostgreSQL hub for the labels (env BULWARK_DB); the graph stays in --data')
    .option('--json', 'print the trace as JSON')
    .action(async (addresses, options) => {
      await withLabels(options, async (labelsOf) => {
        const graph = openGraph(graphDir(options), { readonly: true });
        try {
          const result = traceRequest(
            graph,
            {
              seeds: addresses,
              model: options.model as Model,
              direction: options.direction,
              hops: options.hops,
              ...(options.minValue !== undefined ? { minValue: options.minValue } : {}),
              ...(options.since !== undefined ? { since: options.since } : {}),
              ...(options.asset !== undefined ? { asset: options.asset } : {}),
              ...(options.throughMixers === false ? { throughMixers: false } : {}),
              ...(options.mixerWindow !== undefined ? { mixerWindow: options.mixerWindow } : {}),
              ...(options.throughBridges === false ? { throughBridges: false } : {}),
              ...(options.bridgeWindow !== undefined ? { bridgeWindow: options.bridgeWindow } : {}),
              ...(options.bridgeFee !== undefined ? { bridgeFee: options.bridgeFee } : {}),
            },
            labelsOf,
          );
          if (options.json) await printJson(result);
          else await writeOut(describe(result));
        } finally {
          graph.close();
        }
      });
    });
}
