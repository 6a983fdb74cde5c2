import type { Command } from '@commander-js/extra-typings';
import { openGraph } from '../../chain/index.ts';
import { BulwarkError } from '../../errors/index.ts';
import {
  buildClusters,
  type ChangeOptions,
  type ClusterInfo,
  type ClusterSummary,
  type MergeReason,
  openClusters,
} from '../../trace/cluster/index.ts';
import { printJson, writeOut } from '../output.ts';
import { progressBar } from '../progress.ts';
import { graphDir } from '../store-options.ts';

interface GraphFlags {
  data?: string;
  graph?: string;
}

function graphOf(flags: GraphFlags): string {
  return flags.graph ?? graphDir(flags);
}

function describeBuild(s: ClusterSummary): string {
  const rebuilt = s.rebuilt ? ` (from scratch: ${s.rebuilt})` : ' (extended)';
  return (
    `clustered ${s.transactions} Bitcoin transactions and ${s.ethereumRows} new Ethereum transfers${rebuilt}\n` +
    `  merges: ${s.merges.multiInput} multi-input, ${s.merges.change} change, ${s.merges.deposit} deposit\n` +
    `  CoinJoins left out: ${s.coinjoins.wasabi} Wasabi, ${s.coinjoins.whirlpool} Whirlpool, ${s.coinjoins.joinmarket} JoinMarket\n` +
    `  ${s.addresses} addresses in ${s.addresses - s.totalMerges} clusters (${s.totalMerges} merges in all)\n`
  );
}

export function describeReason(r: MergeReason): string {
  const how = r.change ? `change (${r.change.join(', ')})` : r.heuristic;
  return `${how}: ${r.from} ~ ${r.to} in ${r.chain} tx ${r.tx} at block ${r.block ?? 'unknown'}`;
}

function describeInfo(i: ClusterInfo): string {
  const lines = [
    `${i.address}: cluster ${i.id} (root ${i.root}), ${i.size} address${i.size === 1 ? '' : 'es'}`,
    `  merged by ${i.merges['multi-input']} multi-input, ${i.merges.change} change, ${i.merges.deposit} deposit`,
  ];
  if (i.size > 1) {
    lines.push('members:');
    for (const m of i.members) lines.push(`  ${m}`);
    if (i.membersTruncated) lines.push(`  … ${i.size - i.members.length} more (--members N)`);
    lines.push('why (merges):');
    for (const r of i.reasons) lines.push(`  ${describeReason(r)}`);
    if (i.reasonsTruncated) lines.push('  … more (--reasons N)');
  }
  return `${lines.join('\n')}\n`;
}

const CHANGE_NAMES = { 'one-time': 'oneTime', 'non-round': 'nonRound', optimal: 'optimal' } as const;

/** `--change one-time,non-round` → the heuristics on; 'none' for none (each one switchable). */
function changeList(text: string): ChangeOptions {
  const on: ChangeOptions = { oneTime: false, nonRound: false, optimal: false };
  if (text.trim() === 'none') return on;
  for (const raw of text.split(',')) {
    const name = raw.trim();
    const key = CHANGE_NAMES[name as keyof typeof CHANGE_NAMES];
    if (key === undefined)
      throw new BulwarkError('USAGE', `--change: unknown change heuristic '${name}'`, {
        hint: `name some of ${Object.keys(CHANGE_NAMES).join(', ')} (comma-separated), or none`,
      });
    on[key] = true;
  }
  return on;
}

function count(name: string) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new BulwarkError('USAGE', `${name} must be a whole number ≥ 0`, { hint: `e.g. ${name} 100` });
    return n;
  };
}

/** `bulwark cluster build|show`: address clustering over the transaction graph. */
export function registerCluster(program: Command): void {
  const group = program
    .command('cluster')
    .description('cluster addresses into entities (multi-input, change, deposit heuristics)');
  group
    .command('build')
    .description('cluster the graph, extending the stored clusters with what was ingested since')
    .option('--no-change-heuristic', 'do not merge change outputs (one-time, non-round, optimal change)')
    .option(
      '--change <heuristics>',
      'the change heuristics to use, comma-separated: one-time, non-round, optimal (default all), or none',
      changeList,
    )
    .option('--no-deposit-heuristic', 'do not merge Ethereum deposit addresses with their hot wallet')
    .option('--rebuild', 'start from nothing instead of extending the stored clusters')
    .option(
      '--data <dir>',
      'data directory (env BULWARK_DATA; default ./bulwark-data); the graph lives in DIR/chain',
    )
    .option('--graph <dir>', 'the graph store directory itself (overrides --data)')
    .option('--json', 'print the summary as JSON')
    .action(async (options) => {
      const graph = openGraph(graphOf(options), { readonly: true });
      if (graph.bitcoin.c.txs === 0 && graph.ethereum.c.rows === 0) {
        graph.close();
        throw new BulwarkError('GRAPH_MISSING', `no transactions in the graph store ${graph.dir}`, {
          hint: 'Ingest a chain first (bulwark ingest bitcoin|ethereum --data DIR), or point --data/--graph at it',
        });
      }
      if (options.change !== undefined && options.changeHeuristic === false) {
        graph.close();
        throw new BulwarkError('USAGE', '--change and --no-change-heuristic say different things', {
          hint: 'use --change none for no change merges, or name the heuristics to keep',
        });
      }
      const bar = progressBar('clustering', graph.bitcoin.c.txs, 'transactions');
      try {
        const { summary } = buildClusters(graph, {
          change: options.change ?? options.changeHeuristic,
          deposit: options.depositHeuristic,
          ...(options.rebuild ? { rebuild: true } : {}),
          onProgress: (done) => bar.update(done),
        });
        bar.stop();
        if (options.json) await printJson(summary);
        else await writeOut(describeBuild(summary));
      } finally {
        bar.stop();
        graph.close();
      }
    });
  group
    .command('show')
    .description('the cluster of an address: its size, members and the merges that made it')
    .argument('<address>', 'a Bitcoin or Ethereum address')
    .option('--with <address>', 'also show why ADDRESS and this address are one entity')
    .option('--members <n>', 'members to list', count('--members'), 100)
    .option('--reasons <n>', 'merge reasons to list', count('--reasons'), 50)
    .option(
      '--data <dir>',
      'data directory (env BULWARK_DATA; default ./bulwark-data); the graph lives in DIR/chain',
    )
    .option('--graph <dir>', 'the graph store directory itself (overrides --data)')
    .option('--json', 'print the cluster as JSON')
    .action(async (address, options) => {
      const graph = openGraph(graphOf(options), { readonly: true });
      try {
        const view = openClusters(graph);
        const info = view.info(address, { members: options.members, reasons: options.reasons });
        if (!info) {
          throw new BulwarkError('TRACE_ADDRESS', `${address} is not in the transaction graph`, {
            hint: 'Check the address, and that its chain was ingested and clustered',
          });
        }
        const why =
          options.with === undefined ? undefined : (view.whyTogether(address, options.with) ?? null);
        if (options.json) {
          await printJson(why === undefined ? info : { ...info, with: options.with, why });
          return;
        }
        await writeOut(describeInfo(info));
        if (why === null) await writeOut(`${options.with} is not in the same cluster\n`);
        else if (why) {
          await writeOut(`why ${address} and ${options.with} are one entity:\n`);
          for (const r of why) await writeOut(`  ${describeReason(r)}\n`);
        }
      } finally {
        graph.close();
      }
    });
}
