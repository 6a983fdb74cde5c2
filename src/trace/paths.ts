/**
 * Path search between two addresses: the path of fewest hops (then earliest arrival) along which
 * value could have moved, in time order — each step after the one before it. Layered relaxation of
 * the earliest arrival row per address, a frontier in Int32Arrays; on Bitcoin a step is
 * address → transaction → address.
 */
import type { Graph } from '../chain/index.ts';
import { BulwarkError } from '../errors/index.ts';
import { chainOf } from './trace.ts';
import type { Chain } from './types.ts';

export interface PathStep {
  from: string;
  to: string;
  /** The row that paid `to` (Ethereum transfer or Bitcoin output). */
  row: number;
}

export interface PathOptions {
  graph: Graph;
  from: string;
  to: string;
  maxHops: number;
  chain?: Chain;
}

function idOf(g: Graph, text: string): number {
  const id = g.addressId(chainOf(text) === 'ethereum' ? text.toLowerCase() : text);
  if (id < 0) {
    throw new BulwarkError('TRACE_ADDRESS', `address ${text} is not in the transaction graph`, {
      hint: 'Check the address, or ingest the blocks that hold its transfers first',
    });
  }
  return id;
}

/** The steps of a time-ordered path of at most maxHops transfers, or undefined when there is none. */
export function paths(o: PathOptions): PathStep[] | undefined {
  const g = o.graph;
  const chain = o.chain ?? chainOf(o.from);
  const src = idOf(g, o.from);
  const dst = idOf(g, o.to);
  const n = g.dict.count;
  const arrival = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const via = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n).fill(-1);
  let frontier = new Int32Array(16);
  let next = new Int32Array(16);
  let size = 1;
  frontier[0] = src;
  arrival[src] = -1;
  const reach = (from: number, to: number, row: number, count: number): number => {
    if (to >= n || row >= arrival[to]!) return count;
    arrival[to] = row;
    via[to] = row;
    parent[to] = from;
    if (count === next.length) {
      const bigger = new Int32Array(count * 2);
      bigger.set(next);
      next = bigger;
    }
    next[count] = to;
    return count + 1;
  };
  for (let hop = 0; hop < o.maxHops && size > 0; hop++) {
    let count = 0;
    for (let i = 0; i < size; i++) {
      const a = frontier[i]!;
      const after = arrival[a]!;
      const rows = g.outEdges(a, chain);
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k]!;
        if (r <= after) continue;
        if (chain === 'ethereum') count = reach(a, g.ethereum.c.rowTo.data[r]!, r, count);
        else {
          const c = g.bitcoin.c;
          const tx = c.rowTx.data[r]!;
          for (let o2 = c.txOut.data[tx]!; o2 < g.bitcoin.txEnd(tx); o2++)
            count = reach(a, c.rowAddr.data[o2]!, o2, count);
        }
      }
    }
    [frontier, next] = [next, frontier];
    size = count;
    if (arrival[dst]! < Number.POSITIVE_INFINITY) break;
  }
  if (parent[dst]! < 0) return src === dst ? [] : undefined;
  const steps: PathStep[] = [];
  for (let at = dst; at !== src && steps.length <= o.maxHops; at = parent[at]!)
    steps.push({ from: g.addressOf(parent[at]!), to: g.addressOf(at), row: via[at]! });
  return steps.reverse();
}
