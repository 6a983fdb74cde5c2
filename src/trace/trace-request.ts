/**
 * One trace request as the CLI (`bulwark trace`) and the REST API (`POST /api/v1/trace`) both make
 * it: defaults in one place, services the reader may see as stops, and each address's labels from
 * what the reader may see — nothing else. Who may see what is the caller's business (hub scope);
 * this takes the answer as `labelsOf`.
 */
import type { Graph } from '../chain/index.ts';
import { trace } from './trace.ts';
import type { Chain, Direction, Model, TraceLabel, TraceResult } from './types.ts';

/** Labels whose addresses a trace stops at, counting what went in: services that pool value. */
export const STOP_CATEGORIES: ReadonlySet<string> = new Set(['exchange', 'mixer', 'bridge', 'service']);

export const DEFAULT_HOPS = 6;

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
}

/** The labels a reader may see on an address (its one spelling as the graph writes it). */
export type LabelsOf = (address: string) => readonly TraceLabel[];

export function traceRequest(graph: Graph, req: TraceRequest, labelsOf?: LabelsOf): TraceResult {
  const stopAt = labelsOf
    ? (id: number): TraceLabel | undefined =>
        labelsOf(graph.addressOf(id)).find((l) => STOP_CATEGORIES.has(l.category))
    : undefined;
  const result = trace({
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
  });
  if (labelsOf) {
    for (const a of result.addresses) {
      const visible = labelsOf(a.address).map((l) => `${l.category}:${l.name}`);
      a.labels = [...new Set([...visible, ...a.labels])];
    }
  }
  return result;
}
