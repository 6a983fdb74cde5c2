/**
 * One trace request as the CLI (`bulwark trace`) and the REST API (`POST /api/v1/trace`) both make
 * it: defaults in one place, services the reader may see as stops, and each address's labels from
 * what the reader may see — nothing else. Forward, the trace goes on through the mixers and
 * bridges among those labels (through-services.ts) unless switched off. Who may see what is the caller's business (hub scope);
 * this takes the answer as `labelsOf`.
 */
import type { Graph } from '../chain/index.ts';
import { traceThroughServices } from './through-services.ts';
import type { Chain, Direction, Model, TraceLabel, TraceResult } from './types.ts';

/** Labels whose addresses a trace stops at, counting what went in: services that pool value. */
export const STOP_CATEGORIES: ReadonlySet<string> = new Set(['exchange', 'mixer', 'bridge', 'service']);

export const DEFAULT_HOPS = 6;
/** A mixer deposit stays a candidate for a week: pools are left for days to grow the anonymity set. */
export const DEFAULT_MIXER_WINDOW = 7 * 24 * 3600;
/** A bridge releases within a day (minutes to hours in practice; a day allows for finality and queues). */
export const DEFAULT_BRIDGE_WINDOW = 24 * 3600;
/** A release may fall short of its deposit by 1 % (the bridge's fee). */
export const DEFAULT_BRIDGE_FEE = 0.01;

export interface TraceRequest {
  seeds: readonly string[];
  model?: Model;
  hops?: number;
  direction?: Direction;
  minValue?: number;
  since?: number;
  asset?: string;
  chain?: Chain;
  maxTransfers?: number;
  /**
   * Forward: go on through the mixers the reader sees labelled, matching withdrawals to deposits
   * (default true; false leaves mixers as stops). Without labels there are no mixers to go through.
   */
  throughMixers?: boolean;
  /** Seconds a mixer deposit stays a candidate (default DEFAULT_MIXER_WINDOW). */
  mixerWindow?: number;
  /** Forward: go on through the bridges the reader sees labelled (default true). */
  throughBridges?: boolean;
  /** Seconds after a bridge deposit its release may come (default DEFAULT_BRIDGE_WINDOW). */
  bridgeWindow?: number;
  /** Share a release may fall short of its deposit by (default DEFAULT_BRIDGE_FEE). */
  bridgeFee?: number;
}

/** The labels a reader may see on an address (its one spelling as the graph writes it). */
export type LabelsOf = (address: string) => readonly TraceLabel[];

/** What `labelsFromScreener` reads of a screener (src/screen), kept structural: screen imports trace. */
export interface DirectScreener {
  lookup(address: string): number;
  screenDirect(address: string): {
    reasons: readonly {
      kind: string;
      category: string;
      detail: string;
      entities: readonly { name: string }[];
    }[];
  };
}

/**
 * A reader's labels from the screener of the reader's scope (one index per scope, the same the
 * screening answers from): each direct reason is a label, named by its first entity.
 */
export function labelsFromScreener(screener: DirectScreener): LabelsOf {
  return (address: string): readonly TraceLabel[] => {
    if (screener.lookup(address) < 0) return [];
    const labels: TraceLabel[] = [];
    for (const r of screener.screenDirect(address).reasons) {
      if (r.kind !== 'direct') continue;
      labels.push({ category: r.category, name: r.entities[0]?.name ?? r.detail });
    }
    return labels;
  };
}

export function traceRequest(graph: Graph, req: TraceRequest, labelsOf?: LabelsOf): TraceResult {
  const serviceOf = labelsOf
    ? (address: string): TraceLabel | undefined =>
        labelsOf(address).find((l) => STOP_CATEGORIES.has(l.category))
    : undefined;
  const stopAt = serviceOf ? (id: number) => serviceOf(graph.addressOf(id)) : undefined;
  const result = traceThroughServices(
    {
      graph,
      seeds: req.seeds,
      model: req.model ?? 'haircut',
      direction: req.direction ?? 'forward',
      hops: req.hops ?? DEFAULT_HOPS,
      ...(req.chain !== undefined ? { chain: req.chain } : {}),
      ...(req.minValue !== undefined ? { minValue: req.minValue } : {}),
      ...(req.since !== undefined ? { since: req.since } : {}),
      ...(req.asset !== undefined ? { asset: req.asset } : {}),
      ...(req.maxTransfers !== undefined ? { maxTransfers: req.maxTransfers } : {}),
      ...(stopAt ? { stopAt } : {}),
    },
    {
      // the services are the reader's labels: none without them
      mixers: serviceOf !== undefined && req.throughMixers !== false,
      bridges: serviceOf !== undefined && req.throughBridges !== false,
      mixerWindow: req.mixerWindow ?? DEFAULT_MIXER_WINDOW,
      bridgeWindow: req.bridgeWindow ?? DEFAULT_BRIDGE_WINDOW,
      bridgeFee: req.bridgeFee ?? DEFAULT_BRIDGE_FEE,
      labelOf: serviceOf ?? (() => undefined),
    },
  );
  if (labelsOf) {
    for (const a of result.addresses) {
      const visible = labelsOf(a.address).map((l) => `${l.category}:${l.name}`);
      a.labels = [...new Set([...visible, ...a.labels])];
    }
  }
  return result;
}
