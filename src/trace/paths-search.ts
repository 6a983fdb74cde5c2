/**
 * Top-k path search between two addresses. A path is a sequence of distinct addresses, each step a
 * transfer after the step before it (time order: a later row), all in one asset; its bottleneck is
 * the most that could have flowed along it — the least a step could carry, taken over the best
 * time-ordered choice of transfers. Paths are ranked by fewest hops, then largest bottleneck, then
 * earliest arrival at the target, then their address ids; the k best distinct address sequences
 * are returned, each with the transfers that achieve its bottleneck.
 *
 * Best-first over partial paths in typed arrays, keyed by (hops made + fewest hops still needed,
 * bottleneck so far): both bounds only worsen as a path grows, so a completed path is never beaten
 * by one found later with a worse key, and the search stops once the heap's best key is worse than
 * the k-th path found. The backward bound (paths-reach.ts) keeps every partial path inside the
 * target's time-ordered backward cone. Of the transfers from an address to the same next address,
 * only those that improve on every earlier one are tried (an earlier row carrying at least as much
 * dominates: everything that could follow it can follow the earlier one).
 *
 * Bitcoin steps go through a transaction: the spender's inputs into it, then one of its outputs;
 * the step carries at most min(the spender's inputs, that output).
 */
import type { Graph } from '../chain/index.ts';
import { ethereumAsset, ethereumValue, reachBack, reachForward } from './paths-reach.ts';
import { loadRows, RowBuffer } from './paths-rows.ts';
import { type PathScratch, scratch } from './paths-scratch.ts';
import type { Chain } from './types.ts';

/** Rows the forward cone may cost before the search gives it up and bounds by the backward cone alone. */
const FORWARD_BUDGET = 8192;
/** Rows of the address being expanded (`step` loads none, so one buffer serves). */
const buf = new RowBuffer();

export interface SearchQuery {
  graph: Graph;
  chain: Chain;
  src: number;
  dst: number;
  maxHops: number;
  k: number;
  /** Rows before it are not used (the first row of the first block at or after `since`). */
  startRow: number;
  /** Ethereum asset index, or -1: any, one per path. */
  asset: number;
  /** Partial paths made at most; past it the answer is flagged incomplete. */
  maxStates: number;
}

export interface FoundStep {
  from: number;
  to: number;
  /** The row that paid `to`: the Ethereum transfer, or the Bitcoin output. */
  row: number;
  /** Bitcoin: the spender's first input row in the transaction; Ethereum: `row`. */
  via: number;
  /** The most this step could carry. */
  capacity: number;
}

export interface FoundPath {
  /** Ethereum asset index (0 ether); 0 on Bitcoin. */
  asset: number;
  bottleneck: number;
  steps: FoundStep[];
}

export interface SearchResult {
  paths: FoundPath[];
  /** The state budget ran out: better paths than some returned may exist. */
  truncated: boolean;
  /** Partial paths made. */
  states: number;
  /** Rows looked at, backward bound and forward search together. */
  examined: number;
}

/** Partial paths: columns indexed by state id. */
class States {
  n = 0;
  parent = new Int32Array(1024);
  addr = new Uint32Array(1024);
  /** Row of arrival + 1: the next step's row must be at least this. */
  after = new Uint32Array(1024);
  via = new Uint32Array(1024);
  cap = new Float64Array(1024);
  b = new Float64Array(1024);
  hop = new Uint8Array(1024);
  est = new Uint8Array(1024);
  asset = new Int32Array(1024);

  add(
    parent: number,
    addr: number,
    after: number,
    via: number,
    cap: number,
    b: number,
    hop: number,
    est: number,
    asset: number,
  ): number {
    if (this.n === this.parent.length) this.grow();
    const i = this.n++;
    this.parent[i] = parent;
    this.addr[i] = addr;
    this.after[i] = after;
    this.via[i] = via;
    this.cap[i] = cap;
    this.b[i] = b;
    this.hop[i] = hop;
    this.est[i] = est;
    this.asset[i] = asset;
    return i;
  }

  private grow(): void {
    const size = this.parent.length * 2;
    const g = <T extends { set(a: T): void }>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.parent = g(this.parent, (n) => new Int32Array(n));
    this.addr = g(this.addr, (n) => new Uint32Array(n));
    this.after = g(this.after, (n) => new Uint32Array(n));
    this.via = g(this.via, (n) => new Uint32Array(n));
    this.cap = g(this.cap, (n) => new Float64Array(n));
    this.b = g(this.b, (n) => new Float64Array(n));
    this.hop = g(this.hop, (n) => new Uint8Array(n));
    this.est = g(this.est, (n) => new Uint8Array(n));
    this.asset = g(this.asset, (n) => new Int32Array(n));
  }

  /** a before b: smaller estimate, then larger bottleneck, then earlier arrival. */
  better(a: number, b: number): boolean {
    if (this.est[a] !== this.est[b]) return this.est[a]! < this.est[b]!;
    if (this.b[a] !== this.b[b]) return this.b[a]! > this.b[b]!;
    return this.after[a]! < this.after[b]!;
  }
}

class Heap {
  items = new Int32Array(1024);
  size = 0;
  private readonly s: States;
  constructor(s: States) {
    this.s = s;
  }

  push(x: number): void {
    if (this.size === this.items.length) {
      const bigger = new Int32Array(this.size * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    const a = this.items;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.s.better(x, a[p]!)) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }

  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a[--this.size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.s.better(a[c + 1]!, a[c]!)) c++;
      if (!this.s.better(a[c]!, last)) break;
      a[i] = a[c]!;
      i = c;
    }
    if (this.size > 0) a[i] = last;
    return top;
  }
}

interface Completion {
  state: number;
  hops: number;
  b: number;
  after: number;
  ids: number[];
}

/** The ranking rule: fewest hops, largest bottleneck, earliest arrival, then address ids. */
export function compareRank(
  x: { hops: number; b: number; after: number; ids: readonly number[] },
  y: { hops: number; b: number; after: number; ids: readonly number[] },
): number {
  if (x.hops !== y.hops) return x.hops - y.hops;
  if (x.b !== y.b) return x.b > y.b ? -1 : 1;
  if (x.after !== y.after) return x.after - y.after;
  for (let i = 0; i < x.ids.length && i < y.ids.length; i++)
    if (x.ids[i] !== y.ids[i]) return x.ids[i]! - y.ids[i]!;
  return x.ids.length - y.ids.length;
}

export function searchPaths(q: SearchQuery): SearchResult {
  const s = scratch;
  const g = q.graph;
  s.ensure(g.dict.count);
  try {
    return run(q, s, g);
  } finally {
    s.reset();
  }
}

function run(q: SearchQuery, s: PathScratch, g: Graph): SearchResult {
  const n = g.dict.count;
  const H = q.maxHops;
  const base = { graph: g, chain: q.chain, layers: H - 1, startRow: q.startRow, asset: q.asset };
  // the source's forward cone first, while it stays small: it then bounds the backward one
  const fwd = reachForward({ ...base, dst: q.dst, src: q.src }, s, FORWARD_BUDGET);
  let examined =
    fwd.examined + reachBack({ ...base, dst: q.dst, ...(fwd.complete ? { src: q.src, maxHops: H } : {}) }, s);
  const states = new States();
  const heap = new Heap(states);
  const done = new Map<string, Completion>();
  /** The k-th best completion so far (undefined while fewer than k). */
  let kth: Completion | undefined;
  const worseThanKth = (est: number, b: number): boolean =>
    kth !== undefined && (est > kth.hops || (est === kth.hops && b < kth.b));
  const onPath = (state: number, id: number): boolean => {
    for (let x = state; x >= 0; x = states.parent[x]!) if (states.addr[x] === id) return true;
    return false;
  };
  const complete = (state: number): void => {
    const ids: number[] = [];
    for (let x = state; x >= 0; x = states.parent[x]!) ids.push(states.addr[x]!);
    ids.reverse();
    const key = `${states.asset[state]}:${ids.join(',')}`;
    const c: Completion = {
      state,
      hops: states.hop[state]!,
      b: states.b[state]!,
      after: states.after[state]!,
      ids,
    };
    const had = done.get(key);
    if (had !== undefined && compareRank(had, c) <= 0) return;
    // ranked after the k-th: never listed (a better variant of it would come back through here)
    if (kth !== undefined && compareRank(c, kth) > 0) return;
    done.set(key, c);
    if (done.size >= q.k) {
      // keep only the k best, so ties in the thousands cost k log k per completion, not a sort of all
      const all = [...done.entries()].sort((x, y) => compareRank(x[1], y[1]));
      for (let i = q.k; i < all.length; i++) done.delete(all[i]![0]);
      kth = all[q.k - 1]![1];
    }
  };
  let truncated = false;
  const root = states.add(
    -1,
    q.src,
    q.startRow,
    0,
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    0,
    0,
    q.asset,
  );
  if (q.src === q.dst) return { paths: [], truncated: false, states: 1, examined };
  heap.push(root);
  // Tries a step from `from` to `to` arriving at `row` (via `via`) carrying at most `cap`.
  let expansion = 0;
  const step = (from: number, to: number, row: number, via: number, cap: number, asset: number): void => {
    if (to >= n || to === q.src) return;
    const b = Math.min(states.b[from]!, cap);
    const hop = states.hop[from]! + 1;
    const isDst = to === q.dst;
    if (!isDst) {
      const latest = s.latest[to]!;
      if (latest === 0 || row + 1 >= latest || hop + s.dist[to]! > H) return;
    }
    // an earlier row to the same address carrying as much (in the same asset) dominates this one
    if (s.stamp[to] === expansion && s.bestAsset[to] === asset + 1 && s.best[to]! >= b) return;
    s.stamp[to] = expansion;
    s.bestAsset[to] = asset + 1;
    s.best[to] = b;
    const est = hop + (isDst ? 0 : s.dist[to]!);
    if (worseThanKth(est, b)) return;
    if (!isDst && onPath(from, to)) return;
    const x = states.add(from, to, row + 1, via, cap, b, hop, est, asset);
    if (isDst) complete(x);
    else heap.push(x);
  };
  while (heap.size > 0) {
    const top = heap.items[0]!;
    if (worseThanKth(states.est[top]!, states.b[top]!)) break;
    if (states.n >= q.maxStates) {
      truncated = true;
      break;
    }
    const x = heap.pop();
    expansion = s.tick();
    const v = states.addr[x]!;
    loadRows(g, q.chain, v, true, states.after[x]!, 0xffffffff, buf);
    const rows = buf.rows;
    const len = buf.n;
    let k = 0;
    if (q.chain === 'ethereum') {
      const to = g.ethereum.c.rowTo.data;
      const want = states.asset[x]!;
      for (; k < len; k++) {
        const r = rows[k]!;
        examined++;
        const asset = ethereumAsset(g, r);
        if (want >= 0 && asset !== want) continue;
        const value = ethereumValue(g, r);
        if (value > 0) step(x, to[r]!, r, r, value, asset);
      }
    } else {
      const c = g.bitcoin.c;
      while (k < len) {
        const first = rows[k]!;
        const tx = c.rowTx.data[first]!;
        let spent = 0;
        // the spender's inputs into one transaction are adjacent in its (row-sorted) list
        for (; k < len && c.rowTx.data[rows[k]!] === tx; k++) spent += c.rowValue.data[rows[k]!]!;
        if (!(spent > 0)) continue;
        const end = g.bitcoin.txEnd(tx);
        for (let o = c.txOut.data[tx]!; o < end; o++) {
          examined++;
          const value = c.rowValue.data[o]!;
          if (value > 0) step(x, c.rowAddr.data[o]!, o, first, Math.min(spent, value), 0);
        }
      }
    }
  }
  const ranked = [...done.values()].sort(compareRank).slice(0, q.k);
  return { paths: ranked.map((c) => pathOf(states, c)), truncated, states: states.n, examined };
}

function pathOf(states: States, c: Completion): FoundPath {
  const steps: FoundStep[] = [];
  for (let x = c.state; states.parent[x]! >= 0; x = states.parent[x]!) {
    const p = states.parent[x]!;
    steps.push({
      from: states.addr[p]!,
      to: states.addr[x]!,
      row: states.after[x]! - 1,
      via: states.via[x]!,
      capacity: states.cap[x]!,
    });
  }
  steps.reverse();
  return { asset: Math.max(0, states.asset[c.state]!), bottleneck: c.b, steps };
}
