/**
 * The backward bound of the path search: from the target, layer by layer up to the hop limit, the
 * latest row each address could still send at and reach the target in time order, and its fewest
 * hops to it. A forward partial path is only kept when it arrives at an address before that row
 * and has hops to spare — so the forward search never leaves the target's time-ordered backward
 * cone. Over-approximating (the asset of a path is not tracked here) keeps the bound safe.
 */
import type { Graph } from '../chain/index.ts';
import { ASSET_MASK } from './ethereum-rows.ts';
import { loadRows, RowBuffer } from './paths-rows.ts';
import type { PathScratch } from './paths-scratch.ts';

const NO_END = 0xffffffff;
/** Rows of the address being expanded (the reach loops never nest). */
const buf = new RowBuffer();

const TWO32 = 4294967296;
const DECIMAL = 0x80000000;

export interface ReachQuery {
  graph: Graph;
  chain: 'bitcoin' | 'ethereum';
  dst: number;
  /** Layers to compute: the hop limit less one (a forward state has made at least one hop). */
  layers: number;
  /** Rows before it are not used. */
  startRow: number;
  /** Ethereum asset index, or -1 for any. */
  asset: number;
  /**
   * When the forward cone of `src` is known (`s.early`, `s.hopsFrom`): only addresses in it, reached
   * before they would leave and with hops to spare, are kept — the intersection of both cones.
   */
  src?: number;
  maxHops?: number;
}

/**
 * The earliest arrival (row + 1) and fewest hops from `src` of every address its time-ordered
 * forward cone holds within `layers` hops, given up (returning false) past `budget` rows: a busy
 * source's cone is the graph, a quiet one's a handful of rows that then prune the backward cone.
 */
export function reachForward(
  q: ReachQuery & { src: number },
  s: PathScratch,
  budget: number,
): { complete: boolean; examined: number } {
  const g = q.graph;
  const n = g.dict.count;
  s.early[q.src] = q.startRow + 1; // "arrived" just before the first usable row
  s.hopsFrom[q.src] = 0;
  s.touch(q.src);
  let frontier = new Int32Array(64);
  let next = new Int32Array(64);
  frontier[0] = q.src;
  let size = 1;
  let examined = 0;
  for (let layer = 1; layer <= q.layers && size > 0; layer++) {
    const mark = s.tick();
    let count = 0;
    const reach = (v: number, row: number): void => {
      if (v === q.src) return;
      const had = s.early[v]!;
      if (had !== 0 && had <= row + 1) return;
      if (had === 0) {
        s.hopsFrom[v] = layer;
        s.touch(v);
      }
      s.early[v] = row + 1;
      if (s.stamp[v] === mark) return;
      s.stamp[v] = mark;
      if (count === next.length) {
        const bigger = new Int32Array(count * 2);
        bigger.set(next);
        next = bigger;
      }
      next[count++] = v;
    };
    for (let i = 0; i < size; i++) {
      const a = frontier[i]!;
      // the source may leave from startRow on; others strictly after they arrived
      const from = a === q.src ? q.startRow : s.early[a]!;
      loadRows(g, q.chain, a, true, from, NO_END, buf);
      const rows = buf.rows;
      const len = buf.n;
      let k = 0;
      examined += len;
      if (examined > budget) return { complete: false, examined };
      if (q.chain === 'ethereum') {
        const to = g.ethereum.c.rowTo.data;
        for (; k < len; k++) {
          const r = rows[k]!;
          const v = to[r]!;
          if (v >= n) continue;
          if (q.asset >= 0 && ethereumAsset(g, r) !== q.asset) continue;
          if (!(ethereumValue(g, r) > 0)) continue;
          reach(v, r);
        }
      } else {
        const c = g.bitcoin.c;
        for (; k < len; k++) {
          const r = rows[k]!;
          if (!(c.rowValue.data[r]! > 0)) continue;
          const tx = c.rowTx.data[r]!;
          const end = g.bitcoin.txEnd(tx);
          examined += end - c.txOut.data[tx]!;
          for (let o = c.txOut.data[tx]!; o < end; o++) {
            const v = c.rowAddr.data[o]!;
            if (v >= n || v === a || !(c.rowValue.data[o]! > 0)) continue;
            reach(v, o);
          }
        }
        if (examined > budget) return { complete: false, examined };
      }
    }
    [frontier, next] = [next, frontier];
    size = count;
  }
  return { complete: true, examined };
}

/** Ethereum row value as a double (exact below 2^53). */
export function ethereumValue(g: Graph, r: number): number {
  const c = g.ethereum.c;
  const h = c.rowValueHi.data[r]!;
  return h < DECIMAL ? h * TWO32 + c.rowValueLo.data[r]! : g.ethereum.approxValue(r);
}

export function ethereumAsset(g: Graph, r: number): number {
  const a = g.ethereum.c.rowAsset.data[r]! & ASSET_MASK;
  return a === ASSET_MASK ? g.ethereum.assetOf(r) : a;
}

/** Fills `s.latest` and `s.dist` for the addresses that can reach `dst`; returns rows examined. */
export function reachBack(q: ReachQuery, s: PathScratch): number {
  const g = q.graph;
  const n = g.dict.count;
  s.latest[q.dst] = 0xffffffff;
  s.dist[q.dst] = 0;
  s.touch(q.dst);
  let frontier = new Int32Array(64);
  let next = new Int32Array(64);
  frontier[0] = q.dst;
  let size = 1;
  let examined = 0;
  const src = q.src ?? -1;
  const maxHops = q.maxHops ?? 255;
  for (let layer = 1; layer <= q.layers && size > 0; layer++) {
    const mark = s.tick();
    let count = 0;
    const reach = (v: number, row: number): void => {
      if (row + 1 <= s.latest[v]!) return;
      // outside the source's cone, or reached there too late or with too many hops to leave at `row`
      if (
        src >= 0 &&
        v !== src &&
        (s.early[v] === 0 || s.early[v]! > row || s.hopsFrom[v]! + layer > maxHops)
      )
        return;
      if (s.latest[v] === 0) {
        s.dist[v] = layer;
        s.touch(v);
      }
      s.latest[v] = row + 1;
      if (s.stamp[v] === mark) return;
      s.stamp[v] = mark;
      if (count === next.length) {
        const bigger = new Int32Array(count * 2);
        bigger.set(next);
        next = bigger;
      }
      next[count++] = v;
    };
    for (let i = 0; i < size; i++) {
      const w = frontier[i]!;
      const before = s.latest[w]!; // rows paying w must come before it leaves (row + 1 < latest)
      if (before <= q.startRow + 1) continue;
      loadRows(g, q.chain, w, false, q.startRow, before - 1, buf);
      const rows = buf.rows;
      const len = buf.n;
      let k = 0;
      if (q.chain === 'ethereum') {
        const from = g.ethereum.c.rowFrom.data;
        for (; k < len; k++) {
          const r = rows[k]!;
          if (r + 1 >= before) break;
          examined++;
          const v = from[r]!;
          if (v >= n || v === q.dst) continue;
          if (q.asset >= 0 && ethereumAsset(g, r) !== q.asset) continue;
          if (!(ethereumValue(g, r) > 0)) continue;
          reach(v, r);
        }
      } else {
        const c = g.bitcoin.c;
        for (; k < len; k++) {
          const o = rows[k]!;
          if (o + 1 >= before) break;
          if (!(c.rowValue.data[o]! > 0)) continue;
          const tx = c.rowTx.data[o]!;
          const end = c.txOut.data[tx]!;
          for (let r = c.txRow.data[tx]!; r < end; r++) {
            examined++;
            const v = c.rowAddr.data[r]!;
            if (v >= n || v === q.dst || v === w || !(c.rowValue.data[r]! > 0)) continue;
            reach(v, r);
          }
        }
      }
    }
    [frontier, next] = [next, frontier];
    size = count;
  }
  return examined;
}
