/**
 * The whole story on a local chain, in one call: a real Ethereum node (anvil) runs a heist and its
 * laundering, Bulwark ingests the chain into its graph store, traces the stolen funds from the
 * attackers with the haircut model, stopping at the scenario's services (its exchanges, mixer and
 * bridge, labelled as an analyst would) and going on through the mixer by matching, and checks the
 * trace against the scenario's ground truth (scenario-services.ts says with which stops).
 */
import { join } from 'node:path';
import { ethereum, openGraph } from '../chain/index.ts';
import {
  DEFAULT_BRIDGE_FEE,
  DEFAULT_BRIDGE_WINDOW,
  DEFAULT_MIXER_WINDOW,
  type Destination,
  type TracedAddress,
  type TraceLabel,
  type TraceOptions,
  trace,
  traceThroughServices,
} from '../trace/index.ts';
import { scenarioServices, truthWithStops } from './scenario-services.ts';

export interface DemoStep {
  step: string;
  detail: string;
}

/** A trace judged against a ground truth, per address × asset that received stolen value. */
export interface Judged {
  /** Share of the truth's entries the trace found. */
  recall: number;
  /** Share of the trace's entries in the truth (1: nothing marked that received no stolen value). */
  precision: number;
  /** Largest relative error of the traced received amounts against the truth's. */
  amount_error: number;
  truth: number;
  found: number;
}

/**
 * The trace the demo shows — stopping at the scenario's exchanges, mixer and bridge as an analyst's
 * labels would make it, and going on through the mixer by deposit/withdrawal matching — judged
 * against the scenario's truth with those exchanges as stops (scenario-services.ts).
 */
export interface DemoReport extends Judged {
  blocks: number;
  transfers: number;
  stolen: { asset: string; value: string }[];
  token: { address: string; symbol: string; decimals: number };
  /** Where the stolen value ended up, by destination: each exchange, the mixer, the bridge, held. */
  destinations: Destination[];
  /** Exchanges whose deposit or hot wallets received stolen value: they would get freeze alerts. */
  exchangesReached: string[];
  /**
   * Entries of the scenario's own truth (every address ordinary) that received stolen value only
   * through an exchange's transfers — its sweeps to its hot wallet, its payouts to customers — which
   * a trace stopping at the exchange does not follow: the difference between the two truths.
   */
  beyondExchanges: number;
  /** The same chain traced without labels, judged against the scenario's own truth. */
  unlabelled: Judged;
}

function relativeError(found: string, truth: bigint): number {
  return Math.abs(Number(BigInt(found) - truth)) / Math.max(1, Number(truth));
}

function judge(truthEntries: readonly ethereum.TaintEntry[], traced: readonly TracedAddress[]): Judged {
  const truth = new Map(truthEntries.map((e) => [`${e.address} ${e.asset}`, e]));
  const found = new Map(traced.map((a) => [`${a.address} ${a.asset}`, a]));
  const hits = [...truth.keys()].filter((k) => found.has(k));
  const errors = hits.map((k) => relativeError(found.get(k)!.received, truth.get(k)!.received));
  return {
    recall: hits.length / truth.size,
    precision: found.size === 0 ? 0 : hits.length / found.size,
    amount_error: errors.length ? Math.max(...errors) : 0,
    truth: truth.size,
    found: found.size,
  };
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
    const services = scenarioServices(scenario);
    const byId = new Map<number, TraceLabel>();
    for (const [address, label] of services) {
      const id = graph.addressId(address);
      if (id >= 0) byId.set(id, label);
    }
    const options: TraceOptions = {
      graph,
      seeds: scenario.attackers,
      model: 'haircut',
      direction: 'forward',
      hops: 1000,
      swaps: [scenario.contracts.swap],
    };
    const labelled = traceThroughServices(
      { ...options, stopAt: (id) => byId.get(id) },
      {
        mixers: true,
        bridges: true,
        mixerWindow: DEFAULT_MIXER_WINDOW,
        bridgeWindow: DEFAULT_BRIDGE_WINDOW,
        bridgeFee: DEFAULT_BRIDGE_FEE,
        labelOf: (address) => services.get(address),
      },
    );
    onStep({
      step: 'trace',
      detail: `haircut trace from ${scenario.attackers.length} attacker addresses, stopping at ${services.size} labelled service addresses`,
    });
    const exchanges = new Set(
      [...services].filter(([, label]) => label.category === 'exchange').map(([address]) => address),
    );
    const stopped = truthWithStops(scenario, exchanges);
    const key = (e: ethereum.TaintEntry) => `${e.address} ${e.asset}`;
    const inStopped = new Set(stopped.map(key));
    const unlabelled = judge(scenario.truth, trace(options).addresses);
    onStep({
      step: 'check',
      detail: `against the ground truth: ${stopped.length} addresses × assets with the exchanges as stops, ${scenario.truth.length} without`,
    });
    return {
      ...judge(stopped, labelled.addresses),
      blocks: ingested.blocks,
      transfers: ingested.transfers,
      stolen: scenario.stolen.map((s) => ({ asset: s.asset, value: s.value.toString() })),
      token: { address: scenario.contracts.token, ...scenario.token },
      destinations: labelled.summary,
      exchangesReached: [
        ...new Set(labelled.summary.filter((d) => d.category === 'exchange').map((d) => d.name)),
      ].sort(),
      beyondExchanges: scenario.truth.filter((e) => !inStopped.has(key(e))).length,
      unlabelled,
    };
  } finally {
    graph.close();
  }
}
