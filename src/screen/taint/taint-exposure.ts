/**
 * The `indirect` exposure provider: the share of an address's received value that traces back to
 * flagged sources within k hops, read from the incremental taint state (a dictionary lookup and one
 * slot read per asset), with the path to it rebuilt lazily from the stored largest source of each
 * step. Risk follows the share: thresholds, not the amount, so dust sent to many cannot raise them.
 */
import type { Graph } from '../../chain/index.ts';
import type { Label } from '../labels/types.ts';
import type { ExposureProvider, Risk, ScreenReason } from '../types.ts';
import type { IncrementalTaint, TaintLag } from './incremental-taint.ts';
import { SEED } from './ledger.ts';
import { routeBack, type TaintRoute } from './taint-route.ts';

export interface ShareThresholds {
  /** Shares at or above these are high / medium; any other tainted share is low. */
  high: number;
  medium: number;
}

export const DEFAULT_THRESHOLDS: ShareThresholds = { high: 0.25, medium: 0.05 };

export interface IndirectReason extends ScreenReason {
  kind: 'indirect';
  /** Tainted received value / all received value, in the asset of the largest share. */
  share: number;
  asset: string;
  received: string;
  tainted: string;
  hops: number;
  /**
   * Flagged source → … → the address, each step the largest source of the next one's taint: first
   * the top asset's route through the address's largest tainted payer, then through its second and
   * third (distinct payers), then the next assets' routes. `share` is the asset's tainted share of what
   * the address received; `largest`, the largest single tainted payment over the route's last step.
   */
  paths: TaintPath[];
}

export interface TaintPath {
  asset: string;
  share: number;
  largest: string;
  path: string[];
  mixers?: MixerStep[];
}

/** A step of a path through a labelled mixer: a withdrawal matched to its deposits by amount and time. */
export interface MixerStep {
  mixer: string;
  to: string;
  /** The tainted share of the withdrawal's anonymity set: the taint it carries is value × this. */
  confidence: number;
}

export interface TaintView {
  graph(): Graph | undefined;
  taint: IncrementalTaint;
  /** The label that made each source flagged, by its address. */
  sourceLabels: ReadonlyMap<string, Label>;
  thresholds?: ShareThresholds;
}

export function riskOfShare(share: number, t: ShareThresholds): Risk {
  if (share >= t.high) return 'high';
  if (share >= t.medium) return 'medium';
  return share > 0 ? 'low' : 'none';
}

/** Source → … → address (taint-route.ts: along the largest payers, always from a source when tainted). */
export function pathTo(g: Graph, taint: IncrementalTaint, asset: number, id: number): string[] {
  return routeOf(g, routeBack(taint, asset, id)).path;
}

/** The steps of `pathTo` that came out of a mixer by matching, with their confidence. */
export function mixerStepsTo(g: Graph, taint: IncrementalTaint, asset: number, id: number): MixerStep[] {
  return routeOf(g, routeBack(taint, asset, id)).mixers;
}

/** A route as addresses from its source, and its steps out of a mixer in the same order. */
function routeOf(g: Graph, { ids, vias }: TaintRoute): { path: string[]; mixers: MixerStep[] } {
  const mixers: MixerStep[] = [];
  vias.forEach((via, k) => {
    if (via > 0) mixers.push({ mixer: g.addressOf(ids[k + 1]!), to: g.addressOf(ids[k]!), confidence: via });
  });
  return { path: ids.map((x) => g.addressOf(x)).reverse(), mixers: mixers.reverse() };
}

function assetName(g: Graph, taint: IncrementalTaint, asset: number): string {
  if (taint.chain === 'bitcoin') return 'BTC';
  return asset === 0 ? 'ETH' : g.addressOf(g.ethereum.assetAddress(asset));
}

export function taintExposure(view: TaintView): ExposureProvider {
  const thresholds = view.thresholds ?? DEFAULT_THRESHOLDS;
  return {
    kind: 'indirect',
    exposureOf(address: string): readonly ScreenReason[] {
      const g = view.graph();
      const taint = view.taint;
      // each state answers for its own chain's addresses only (0x… is an account chain)
      if (!g || address.startsWith('0x') !== (taint.chain === 'ethereum')) return [];
      const id = g.addressId(address);
      if (id < 0) return [];
      const found: { asset: number; share: number; s: number }[] = [];
      taint.ledgers.forEach((l, asset) => {
        const s = l && id < l.slotOf.length ? l.slotOf[id]! : -1;
        if (!l || s < 0 || (l.flag[s]! & SEED) !== 0 || !(l.received[s]! > 0)) return;
        found.push({ asset, share: l.total[s]! > 0 ? Math.min(1, l.received[s]! / l.total[s]!) : 1, s });
      });
      found.sort((a, b) => b.share - a.share);
      const reasons: ScreenReason[] = found.length > 0 ? [reasonOf(view, g, id, found, thresholds)] : [];
      // a state still reading the chain (made for new sources, or after a restart) must not pass for a
      // clean answer: the answer says how far the taint has read
      const lag = taint.lag(g);
      if (lag) reasons.push(pendingReason(lag));
      return reasons;
    },
  };
}

/** Indirect exposure still being computed: the taint has read the chain up to `through_block` only. */
export interface PendingIndirectReason extends ScreenReason {
  kind: 'indirect';
  pending: true;
  /** Height of the last block the taint has read (null: none yet). */
  through_block: number | null;
  /** Height of the graph's head block. */
  head_block: number | null;
}

function pendingReason(lag: TaintLag): PendingIndirectReason {
  const through = lag.through;
  const head = lag.head;
  return {
    kind: 'indirect',
    pending: true,
    source: 'Bulwark taint',
    detail: `Indirect exposure is still being computed: flagged-source taint has read the chain ${through === null ? 'from no block yet' : `through block ${through}`} of ${head}; screen again for the complete answer`,
    category: 'flagged',
    // it raises nothing itself: it says the risk beside it may rise once the taint has read the rest
    risk: 'none',
    entities: [],
    stix_ids: [],
    marking: 'clear',
    author: 'Bulwark',
    through_block: through,
    head_block: head,
  };
}

function reasonOf(
  view: TaintView,
  g: Graph,
  id: number,
  found: { asset: number; share: number; s: number }[],
  thresholds: ShareThresholds,
): IndirectReason {
  const top = found[0]!;
  const l = view.taint.ledgers[top.asset]!;
  const paths = topPaths(g, view.taint, id, found);
  const label = view.sourceLabels.get(paths[0]!.path[0] ?? '');
  const asset = assetName(g, view.taint, top.asset);
  const hops = l.hop[top.s]!;
  const pct = (top.share * 100).toFixed(2);
  const through = paths[0]!.mixers ?? [];
  const mixed =
    through.length === 0
      ? ''
      : `; through ${through.length === 1 ? 'a mixer' : `${through.length} mixers`}, withdrawal matched by amount and time at ${through.map((m) => `${(m.confidence * 100).toFixed(1)}%`).join(', ')} confidence`;
  return {
    kind: 'indirect',
    source: label ? label.source : 'Bulwark taint',
    detail: `${pct}% of the ${asset} it received traces to flagged sources within ${view.taint.hops} hops (haircut; nearest ${hops} hop${hops === 1 ? '' : 's'} away${mixed})`,
    category: label ? label.category : 'flagged',
    risk: riskOfShare(top.share, thresholds),
    entities: label ? label.entities.map((e) => ({ ...e })) : [],
    stix_ids: label ? [...label.stixIds] : [],
    marking: label ? label.marking : 'clear',
    author: label ? label.authorOrg : 'Bulwark',
    share: top.share,
    asset,
    received: amount(l.total[top.s]!),
    tainted: amount(l.received[top.s]!),
    hops,
    paths,
  };
}

/** The routes of `reasonOf`: up to three payers of the top asset, then one route per next asset. */
function topPaths(
  g: Graph,
  taint: IncrementalTaint,
  id: number,
  found: readonly { asset: number; share: number; s: number }[],
): TaintPath[] {
  const paths: TaintPath[] = [];
  const here = g.addressOf(id);
  found.slice(0, 3).forEach((f, k) => {
    const l = taint.ledgers[f.asset]!;
    const asset = assetName(g, taint, f.asset);
    const route = (path: string[], largest: number, mixers: MixerStep[]) =>
      paths.push({
        asset,
        share: f.share,
        largest: amount(largest),
        path,
        ...(mixers.length > 0 ? { mixers } : {}),
      });
    const main = routeBack(taint, f.asset, id);
    const { path, mixers } = routeOf(g, main);
    route(path, main.largest, mixers);
    if (k > 0) return;
    const others: [number, number, number][] = [
      [l.parent2[f.s]!, l.best2[f.s]!, l.via2[f.s]!],
      [l.parent3[f.s]!, l.best3[f.s]!, l.via3[f.s]!],
    ];
    for (const [payer, largest, via] of others) {
      if (payer < 0 || !(largest > 0)) continue;
      // the route through the largest payer, shown above (when its search took this one instead)
      if (payer === main.ids[1]) continue;
      const { path: before, mixers } = routeOf(g, routeBack(taint, f.asset, payer));
      // a payer whose own route runs through this address adds no route from a source
      if (before.includes(here)) continue;
      if (via > 0) mixers.push({ mixer: g.addressOf(payer), to: here, confidence: via });
      route([...before, here], largest, mixers);
    }
  });
  return paths;
}

export function amount(x: number): string {
  return x > 0 ? BigInt(Math.round(x)).toString() : '0';
}
