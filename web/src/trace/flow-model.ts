/**
 * The investigation graph as data: addresses and the transfers between them aggregated per
 * (from, to, asset), and which part is on screen. An analyst starts from the seeds and opens a node
 * to see where its value went next (backward: where it came from) — the graph grows by clicks
 * instead of showing a whole trace at once.
 */
import type { Destination, TracedAddress, TraceResult } from './trace-types.ts';

/**
 * How a node is drawn. `source`: in a transfer of the trace but not reached by it — where the seeds'
 * value came from (the victim, forward) or went (backward).
 */
export type NodeKind =
  | 'seed'
  | 'exchange'
  | 'mixer'
  | 'bridge'
  | 'service'
  | 'held'
  | 'transaction'
  | 'source';

export interface FlowNode {
  id: string;
  kind: NodeKind;
  /** `exchange:Binance`, `seed`…: as the trace names them. */
  labels: string[];
  /** Per asset: what reached it and what it still holds (absent for a Bitcoin transaction node). */
  traced: TracedAddress[];
  hops: number;
}

export interface FlowEdge {
  id: string;
  from: string;
  to: string;
  asset: string;
  /** Sum of the traced (tainted) value over its transfers, base units. */
  taint: bigint;
  value: bigint;
  transfers: { tx: string; time: number; taint: string; value: string }[];
  first: number;
  last: number;
}

export interface FlowModel {
  result: TraceResult;
  nodes: Map<string, FlowNode>;
  edges: FlowEdge[];
  /** Edges leaving a node in the trace's direction (forward: to; backward: from). */
  next: Map<string, FlowEdge[]>;
}

/** A Bitcoin transaction id as the trace names the middle of address → tx → address. */
const TX_HASH = /^[0-9a-f]{64}$/;

const SERVICE_KINDS: readonly NodeKind[] = ['exchange', 'mixer', 'bridge'];

function kindOf(labels: readonly string[], seed: boolean): NodeKind {
  if (seed) return 'seed';
  for (const label of labels) {
    const category = label.split(':')[0] as NodeKind;
    if (SERVICE_KINDS.includes(category)) return category;
  }
  return labels.length > 0 ? 'service' : 'held';
}

function node(nodes: Map<string, FlowNode>, id: string, kind: NodeKind): FlowNode {
  let n = nodes.get(id);
  if (!n) {
    n = { id, kind, labels: [], traced: [], hops: Number.POSITIVE_INFINITY };
    nodes.set(id, n);
  }
  return n;
}

export function buildFlow(result: TraceResult): FlowModel {
  const seeds = new Set(result.seeds.map((s) => s.toLowerCase()));
  const nodes = new Map<string, FlowNode>();
  for (const a of result.addresses) {
    const seed = seeds.has(a.address.toLowerCase());
    const n = node(nodes, a.address, kindOf(a.labels, seed));
    n.traced.push(a);
    n.hops = Math.min(n.hops, a.hops);
    for (const l of a.labels) if (!n.labels.includes(l)) n.labels.push(l);
    n.kind = kindOf(n.labels, seed || n.labels.includes('seed'));
  }
  for (const s of result.seeds)
    if (![...nodes.keys()].some((k) => k.toLowerCase() === s.toLowerCase())) {
      node(nodes, s, 'seed').hops = 0;
    }
  const byKey = new Map<string, FlowEdge>();
  for (const t of result.transfers) {
    // Bitcoin: one side is the transaction itself (address → tx → address).
    for (const end of [t.from, t.to])
      if (!nodes.has(end)) node(nodes, end, TX_HASH.test(end) ? 'transaction' : 'source');
    const key = `${t.from}\u0000${t.to}\u0000${t.asset}`;
    let e = byKey.get(key);
    if (!e) {
      e = {
        id: `e${byKey.size}`,
        from: t.from,
        to: t.to,
        asset: t.asset,
        taint: 0n,
        value: 0n,
        transfers: [],
        first: t.time,
        last: t.time,
      };
      byKey.set(key, e);
    }
    e.taint += BigInt(t.taint);
    e.value += BigInt(t.value);
    e.transfers.push({ tx: t.tx, time: t.time, taint: t.taint, value: t.value });
    e.first = Math.min(e.first, t.time);
    e.last = Math.max(e.last, t.time);
  }
  const edges = [...byKey.values()];
  const backward = result.direction === 'backward';
  const next = new Map<string, FlowEdge[]>();
  for (const e of edges) {
    const from = backward ? e.to : e.from;
    const list = next.get(from) ?? [];
    list.push(e);
    next.set(from, list);
  }
  for (const list of next.values()) list.sort((a, b) => (b.taint > a.taint ? 1 : b.taint < a.taint ? -1 : 0));
  return { result, nodes, edges, next };
}

export const initialExpansion = (model: FlowModel): Set<string> =>
  new Set([...model.nodes.values()].filter((n) => n.kind === 'seed').map((n) => n.id));

/** The neighbour of `id` across `edge`, in the direction the trace followed. */
export function otherEnd(model: FlowModel, edge: FlowEdge, id: string): string {
  return model.result.direction === 'backward'
    ? edge.to === id
      ? edge.from
      : edge.to
    : edge.from === id
      ? edge.to
      : edge.from;
}

/**
 * Seeds, expanded nodes and everything one step past an expanded node; Bitcoin transaction nodes are
 * passed through, so opening an address shows the addresses its transactions paid.
 */
export function visibleGraph(
  model: FlowModel,
  expanded: ReadonlySet<string>,
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const shown = new Set<string>();
  const edges = new Set<FlowEdge>();
  for (const n of model.nodes.values()) if (n.kind === 'seed') shown.add(n.id);
  // Where the seeds' value came from (the theft itself) stays in view as context.
  for (const e of model.edges) {
    const [into, source] = model.result.direction === 'backward' ? [e.from, e.to] : [e.to, e.from];
    if (model.nodes.get(into)?.kind === 'seed' && model.nodes.get(source)?.kind === 'source') {
      edges.add(e);
      shown.add(source);
    }
  }
  const open = (id: string, depth: number) => {
    for (const e of model.next.get(id) ?? []) {
      const to = otherEnd(model, e, id);
      edges.add(e);
      shown.add(to);
      if (model.nodes.get(to)?.kind === 'transaction' && depth < 2) open(to, depth + 1);
    }
  };
  for (const id of expanded)
    if (model.nodes.has(id)) {
      shown.add(id);
      open(id, 0);
    }
  return { nodes: [...shown].map((id) => model.nodes.get(id)!).filter(Boolean), edges: [...edges] };
}

/** True when the node leads further in this trace (it has onward edges not yet on screen). */
export function canExpand(model: FlowModel, id: string, expanded: ReadonlySet<string>): boolean {
  if (expanded.has(id)) return false;
  // the theft's source leads only back into the seeds: nothing further to open there
  return (model.next.get(id) ?? []).some((e) => model.nodes.get(otherEnd(model, e, id))?.kind !== 'seed');
}

/** Every shown node that leads further: "expand one hop" opens them all. */
export function frontier(model: FlowModel, expanded: ReadonlySet<string>): string[] {
  return visibleGraph(model, expanded)
    .nodes.filter((n) => n.kind !== 'transaction' && canExpand(model, n.id, expanded))
    .map((n) => n.id);
}

/** The summary's destinations grouped for the chart: exchange, mixer, bridge, still held, unknown. */
export type Bucket = 'exchange' | 'mixer' | 'bridge' | 'held' | 'unknown' | 'other services' | 'fees';

export function bucketOf(category: string): Bucket {
  if (category === 'exchange' || category === 'mixer' || category === 'bridge' || category === 'held')
    return category;
  if (category === 'fees') return 'fees';
  if (category === 'unknown' || category === 'hop-limit') return 'unknown';
  return 'other services';
}

/** Total traced value per bucket and asset, largest first. */
export function destinationTotals(
  summary: readonly Destination[],
): { bucket: Bucket; asset: string; value: bigint }[] {
  const totals = new Map<string, { bucket: Bucket; asset: string; value: bigint }>();
  for (const d of summary) {
    const bucket = bucketOf(d.category);
    const key = `${bucket}\u0000${d.asset}`;
    const t = totals.get(key) ?? { bucket, asset: d.asset, value: 0n };
    t.value += BigInt(d.value);
    totals.set(key, t);
  }
  return [...totals.values()].sort((a, b) => (b.value > a.value ? 1 : b.value < a.value ? -1 : 0));
}

/** The server's summary; a hub that sends none gets one built from endpoints and holdings. */
export function summaryOf(result: TraceResult): Destination[] {
  if (result.summary) return result.summary;
  const out: Destination[] = result.endpoints.map((e) => ({
    category: e.category,
    name: e.name,
    asset: e.asset,
    value: e.received,
    addresses: 1,
  }));
  const labelled = new Set(result.endpoints.map((e) => `${e.address}\u0000${e.asset}`));
  for (const a of result.addresses) {
    if (labelled.has(`${a.address}\u0000${a.asset}`) || a.holding === '0') continue;
    out.push({ category: 'held', name: 'held', asset: a.asset, value: a.holding, addresses: 1 });
  }
  return out;
}

/**
 * A path's steps as graph edges, and the nodes to open so all of it is on screen. On Bitcoin a step
 * may join two addresses through a transaction node: both halves are taken.
 */
export function pathOnGraph(
  model: FlowModel,
  steps: readonly { from: string; to: string }[],
): { edges: Set<string>; open: string[] } {
  const edges = new Set<string>();
  const open: string[] = [];
  const lower = (s: string) => s.toLowerCase();
  for (const step of steps) {
    const direct = model.edges.find(
      (e) => lower(e.from) === lower(step.from) && lower(e.to) === lower(step.to),
    );
    const via = direct
      ? [direct]
      : model.edges
          .filter((e) => lower(e.from) === lower(step.from) && model.nodes.get(e.to)?.kind === 'transaction')
          .flatMap((e) => {
            const out = model.edges.find((o) => o.from === e.to && lower(o.to) === lower(step.to));
            return out ? [e, out] : [];
          });
    for (const e of via) {
      edges.add(e.id);
      open.push(model.result.direction === 'backward' ? e.to : e.from);
    }
  }
  return { edges, open };
}
