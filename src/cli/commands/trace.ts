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
  DEFAULT_PATHS,
  type LabelsOf,
  labelsFromScreener,
  MAX_PATH_HOPS,
  MAX_PATHS,
  type Model,
  type PathAnswer,
  pathRequest,
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

function between(name: string, most: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 1 || n > most)
      throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${most}`);
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

function describePaths(a: PathAnswer): string {
  const lines: string[] = [];
  if (!a.found)
    lines.push(`no time-ordered path from ${a.from} to ${a.to} within ${a.hops} hops (${a.chain})`);
  else lines.push(`${a.paths.length} path(s) from ${a.from} to ${a.to} (${a.chain}), best first:`);
  a.paths.forEach((p, i) => {
    lines.push(`${i + 1}. ${p.hops} hop(s), bottleneck ${p.bottleneck} ${p.asset}`);
    for (const t of p.transfers) {
      const when = new Date(t.time * 1000).toISOString().replace('.000Z', 'Z');
      lines.push(`   ${t.from} → ${t.to}  ${t.value} ${t.asset}  tx ${t.tx}  ${when}`);
    }
    const labelled = p.addresses.filter((x) => x.labels.length > 0);
    for (const x of labelled) lines.push(`   ${x.address}  [${x.labels.join(', ')}]`);
  });
  if (a.truncated) lines.push('search budget ran out: a better path than some listed may exist');
  return `${lines.join('\n')}\n`;
}

/** Where the graph and the labels come from: the options `trace` and `trace path` share. */
function withGraphAndLabels<A extends unknown[], O extends {}>(command: Command<A, O>) {
  return command
    .option(
      '--as-org <name>',
      "labels from what this organisation may read in the hub (default: all the hub's labels)",
    )
    .option(
      '--data <dir>',
      'data directory (env BULWARK_DATA; default ./bulwark-data); the graph lives in DIR/chain, the hub beside it',
    )
    .option('--db <url>', 'PostgreSQL hub for the labels (env BULWARK_DB); the graph stays in --data');
}

/**
 * `bulwark trace path FROM TO [--hops N] [--k N] [--asset A] [--since T] [--json]`: the k best
 * time-ordered paths (fewest hops, then largest bottleneck). Exit 1 when there is none.
 */
function registerPath<A extends unknown[], O extends {}>(trace: Command<A, O>): void {
  withGraphAndLabels(trace.command('path'))
    .description('the best time-ordered paths value could have taken from one address to another')
    .argument('<from>', 'the address value left')
    .argument('<to>', 'the address it may have reached')
    .option(
      '--hops <n>',
      `most transfers on a path (1–${MAX_PATH_HOPS})`,
      between('--hops', MAX_PATH_HOPS),
      DEFAULT_HOPS,
    )
    .option('--k <n>', `paths to list (1–${MAX_PATHS})`, between('--k', MAX_PATHS), DEFAULT_PATHS)
    .option('--asset <asset>', "Ethereum: one asset only ('ETH' or a token contract)")
    .option('--since <unix>', 'use transfers at or after this time (seconds)', whole('--since'))
    .option('--json', 'print the paths as JSON')
    .action(async (from, to, options) => {
      await withLabels(options, async (labelsOf) => {
        const graph = openGraph(graphDir(options), { readonly: true });
        try {
          const answer = pathRequest(
            {
              graph,
              from,
              to,
              maxHops: options.hops,
              k: options.k,
              ...(options.asset !== undefined ? { asset: options.asset } : {}),
              ...(options.since !== undefined ? { since: options.since } : {}),
            },
            labelsOf,
          );
          if (options.json) await printJson(answer);
          else await writeOut(describePaths(answer));
          if (!answer.found) process.exitCode = 1;
        } finally {
          graph.close();
        }
      });
    });
}

/**
 * `bulwark trace ADDRESS… [--model poison|haircut|fifo] [--hops N] [--direction forward|backward]
 * [--as-org NAME] [--no-through-mixers] [--mixer-window S] [--no-through-bridges] [--bridge-window S]
 * [--json]`. Forward, it goes on through the mixers and bridges the labels name (on by default).
 */
export function registerTrace(program: Command): void {
  const trace = withGraphAndLabels(program.command('trace'))
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
  // options after `path` are the path command's own (both define --data, --asset, --hops…)
  trace.enablePositionalOptions();
  registerPath(trace);
}
