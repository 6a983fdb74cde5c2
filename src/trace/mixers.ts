/**
 * Through mixers: a separate, switchable step after a trace that stopped at them.
 *
 * Deposits and withdrawals of one denomination (the amount, in ether) are matched in time: a
 * withdrawal can only be funded by deposits made before it within `window` seconds and not yet
 * withdrawn; its confidence is the tainted share of that candidate set (the anonymity set), and it
 * carries value × confidence. The links feed a second trace (`links` option) that continues beyond
 * the mixer (`traceThroughMixers`, through-services.ts). Bridges: bridges.ts.
 */
import type { Graph } from '../chain/index.ts';
import { NO_ADDRESS } from '../chain/index.ts';
import type { TraceResult } from './types.ts';

export interface MixerLink {
  mixer: string;
  /** The withdrawal row (Ethereum) and who received it. */
  row: number;
  to: string;
  value: string;
  time: number;
  confidence: number;
  /** value × confidence, in base units: the taint the link carries. */
  taint: number;
  /** The tainted deposit rows in the withdrawal's anonymity set. */
  deposits: number[];
  /** Deposits in the anonymity set (tainted or not). */
  candidates: number;
}

interface Deposit {
  row: number;
  time: number;
  value: number;
  taint: number;
  /** Not yet withdrawn: 1 − the share withdrawals consumed. */
  left: number;
}

/** Matches withdrawals of a mixer to the tainted deposits of a trace, by denomination and time. */
export function matchMixer(g: Graph, mixer: string, traced: TraceResult, windowSeconds: number): MixerLink[] {
  const e = g.ethereum;
  const id = g.addressId(mixer.toLowerCase());
  if (id < 0) return [];
  const taintOf = new Map<number, number>();
  for (const t of traced.transfers) if (t.to === mixer.toLowerCase()) taintOf.set(t.row, Number(t.taint));
  const byValue = new Map<number, Deposit[]>();
  const ins = e.inEdges(id);
  const outs = e.outEdges(id);
  const links: MixerLink[] = [];
  let i = 0;
  for (const w of outs) {
    // deposits up to this withdrawal join the pool of their denomination
    for (; i < ins.length && ins[i]! < w; i++) {
      const r = ins[i]!;
      if (e.assetOf(r) !== 0) continue;
      const value = e.approxValue(r);
      const list = byValue.get(value) ?? [];
      list.push({ row: r, time: e.transfer(r).time, value, taint: taintOf.get(r) ?? 0, left: 1 });
      byValue.set(value, list);
    }
    const x = e.transfer(w);
    if (x.asset !== NO_ADDRESS) continue;
    const value = Number(x.value);
    const pool = (byValue.get(value) ?? []).filter((d) => d.left > 0 && x.time - d.time <= windowSeconds);
    const all = pool.reduce((s, d) => s + d.left * d.value, 0);
    if (all <= 0) continue;
    const tainted = pool.reduce((s, d) => s + d.left * d.taint, 0);
    const deposits = pool.filter((d) => d.taint > 0).map((d) => d.row);
    // the withdrawal takes an equal share of every candidate deposit
    for (const d of pool) d.left -= (d.left * value) / all;
    const confidence = Math.min(1, tainted / all);
    if (confidence <= 0) continue;
    links.push({
      mixer,
      row: w,
      to: g.addressOf(x.to),
      value: x.value.toString(),
      time: x.time,
      confidence,
      taint: Math.floor(value * confidence),
      deposits,
      candidates: pool.length,
    });
  }
  return links;
}
