/**
 * The whole story on a local chain, in one call: a real Ethereum node (anvil) runs a heist and its
 * laundering, Bulwark ingests the chain into its graph store, traces the stolen funds from the
 * attackers with the haircut model, labels the exchanges they reached, and checks the trace against
 * the scenario's ground truth.
 */
import { join } from 'node:path';
import { ethereum, openGraph } from '../chain/index.ts';
import { type Destination, trace } from '../trace/index.ts';

export interface DemoStep {
  step: string;
  detail: string;
}

export interface DemoReport {
  /** Share of the addresses that received stolen value (address × asset) which the trace found. */
  recall: number;
  /** Share of the addresses the trace marked which really received stolen value. */
  precision: number;
  /** Largest relative error of the traced received amounts against the truth. */
  amount_error: number;
  truth: number;
  found: number;
  blocks: number;
  transfers: number;
  stolen: { asset: string; value: string }[];
  /** Where the stolen value ended up, by destination. */
  destinations: Destination[];
  /** Exchanges whose deposit or hot wallets received stolen value: they would get freeze alerts. */
  exchangesReached: string[];
}

function relativeError(found: string, truth: bigint): number {
  return Math.abs(Number(BigInt(found) - truth)) / Math.max(1, Number(truth));
}

export async function runDemo(
  dataDir: string,
  onStep: (s: DemoStep) => void = () => {},
): Promise<DemoReport> {
  const node = await ethereum.startAnvil({ args: ethereum.HEIST_ANVIL_ARGS });
  try {
    onStep({ step: 'node', detail: `anvil started at ${node.url}` });
    const scenario = await ethereum.runHeistScenario(new ethereum.RpcClient({ url: node.url }));
    onStep({
      step: 'heist',
      detail: `${scenario.transactions} transactions: theft from ${scenario.victim}, laundering through a mixer, a swap, a bridge and exchanges`,
    });
    const graphDir = join(dataDir, 'chain');
    const writer = openGraph(graphDir);
    let summary: Awaited<ReturnType<typeof ethereum.ingestEthereum>>;
    try {
      summary = await ethereum.ingestEthereum({ rpc: node.url, graph: writer.ethereum });
    } finally {
      writer.close();
    }
    onStep({
      step: 'ingest',
      detail: `${summary.blocks} blocks, ${summary.transfers} transfers into ${graphDir}`,
    });
    return traceAndCheck(graphDir, scenario, summary, onStep);
  } finally {
    await node.stop();
  }
}

function traceAndCheck(
  graphDir: string,
  scenario: ethereum.HeistScenario,
  ingested: { blocks: number; transfers: number },
  onStep: (s: DemoStep) => void,
): DemoReport {
  const graph = openGraph(graphDir, { readonly: true });
  try {
    const exchangeOf = new Map<string, string>();
    for (const [name, wallets] of Object.entries(scenario.exchanges)) {
      for (const address of [wallets.hotWallet, ...wallets.deposits]) exchangeOf.set(address, name);
    }
    const result = trace({
      graph,
      seeds: scenario.attackers,
      model: 'haircut',
      direction: 'forward',
      hops: 1000,
      swaps: [scenario.contracts.swap],
    });
    const truth = new Map(scenario.truth.map((e) => [`${e.address} ${e.asset}`, e]));
    const found = new Map(result.addresses.map((a) => [`${a.address} ${a.asset}`, a]));
    const hits = [...truth.keys()].filter((k) => found.has(k));
    const errors = hits.map((k) => relativeError(found.get(k)!.received, truth.get(k)!.received));
    const reached = new Set(
      result.addresses.map((a) => exchangeOf.get(a.address)).filter((n) => n !== undefined),
    );
    onStep({ step: 'trace', detail: `haircut trace from ${scenario.attackers.length} attacker addresses` });
    return {
      recall: hits.length / truth.size,
      precision: found.size === 0 ? 0 : hits.length / found.size,
      amount_error: errors.length ? Math.max(...errors) : 0,
      truth: truth.size,
      found: found.size,
      blocks: ingested.blocks,
      transfers: ingested.transfers,
      stolen: scenario.stolen.map((s) => ({ asset: s.asset, value: s.value.toString() })),
      destinations: result.summary,
      exchangesReached: [...reached].sort(),
    };
  } finally {
    graph.close();
  }
}
