/**
 * The route from a flagged source to an address, rebuilt from the payers each ledger slot keeps: the
 * one place screening (`pathTo`, the top paths) and freeze alerts (the source an alert names) find it.
 *
 * 1. Each step's largest tainted payer, as long as that reaches a source: the route the screen shows.
 * 2. Where it meets an address already on the route (a cycle: A's largest payer B got most of its
 *    taint back from A), depth first over each step's three largest payers, then its first payer.
 * 3. If that finds none within its bound, the first payers alone: each one's taint is older than the
 *    payment it made (rows and transactions are read in time order, and a payee is never its own
 *    payer), so that chain strictly goes back in time and always ends at a source.
 */
import type { IncrementalTaint } from './incremental-taint.ts';
import { type Ledger, SEED } from './ledger.ts';

/**
 * Longest route of steps 1 and 2. Not the hop limit: each step is the largest tainted payer, whose own
 * nearest source may be farther than the hops that made the address tainted (hop counts the nearest
 * route), and a route cut at k steps would not start at a source.
 */
const MAX_ROUTE = 64;
/** Addresses step 2 enters before leaving the rest to step 3 (bounds a pathological ledger). */
const MAX_VISITS = 4096;

export interface TaintRoute {
  /** The address, then each step's payer back to the source (last; the address alone when untainted). */
  ids: number[];
  /** Per step k (ids[k+1] paid ids[k]): the mixer-match confidence of that payment, 0 if none. */
  vias: number[];
  /** The tainted payment over the last step (ids[1] → ids[0]); 0 for the address alone. */
  largest: number;
}

const isSource = (l: Ledger, id: number): boolean => {
  const s = l.slotOf[id] ?? -1;
  return s >= 0 && (l.flag[s]! & SEED) !== 0;
};

/** Slot s's payers to try (-1: none), largest first, then the first one: payer, confidence, payment. */
function payers(l: Ledger, s: number): [number, number, number][] {
  return [
    [l.parent[s]!, l.via[s]!, l.best[s]!],
    [l.parent2[s]!, l.via2[s]!, l.best2[s]!],
    [l.parent3[s]!, l.via3[s]!, l.best3[s]!],
    [l.first[s]!, l.viaFirst[s]!, l.bestFirst[s]!],
  ];
}

/** Source → … ← `id`, as ids from `id` back (see the file's note); the address alone when untainted. */
export function routeBack(taint: IncrementalTaint, asset: number, id: number): TaintRoute {
  const l = taint.ledgers[asset];
  const s = l ? (l.slotOf[id] ?? -1) : -1;
  if (!l || s < 0) return { ids: [id], vias: [], largest: 0 };
  const { ids, vias } = largestRoute(l, id) ?? searchRoute(l, id) ?? firstRoute(l, id);
  // the payment over the last step: the payer's entry among the address's payers, largest first
  const last = payers(l, s).find(([p]) => p >= 0 && p === ids[1]);
  return { ids, vias, largest: last?.[2] ?? 0 };
}

/** Step 1: the largest payer of each step, or undefined when that meets a cycle or a dead end. */
function largestRoute(l: Ledger, id: number): Omit<TaintRoute, 'largest'> | undefined {
  const ids = [id];
  const vias: number[] = [];
  let s = l.slotOf[id]!;
  while ((l.flag[s]! & SEED) === 0) {
    const p = l.parent[s]!;
    if (p < 0 || ids.length >= MAX_ROUTE || ids.includes(p)) return undefined;
    vias.push(l.via[s]!);
    ids.push(p);
    s = l.slotOf[p] ?? -1;
    if (s < 0) return undefined;
  }
  return { ids, vias };
}

/** Step 2: depth first over the three largest payers and the first, no address twice on the route. */
function searchRoute(l: Ledger, id: number): Omit<TaintRoute, 'largest'> | undefined {
  const ids = [id];
  const vias: number[] = [];
  // per route step, the index of its next payer to try
  const next = [0];
  const dead = new Set<number>();
  let visits = 0;
  while (ids.length > 0 && visits < MAX_VISITS) {
    const at = ids.at(-1)!;
    if (isSource(l, at)) return { ids, vias };
    const s = l.slotOf[at] ?? -1;
    const options = s >= 0 && ids.length < MAX_ROUTE ? payers(l, s) : [];
    let k = next.at(-1)!;
    while (k < options.length && !usable(l, options[k]![0], ids, dead)) k++;
    if (k < options.length) {
      next[next.length - 1] = k + 1;
      const [p, via] = options[k]!;
      ids.push(p);
      vias.push(via);
      next.push(0);
      visits++;
    } else {
      // every payer of `at` is on the route or leads nowhere new
      dead.add(at);
      ids.pop();
      vias.pop();
      next.pop();
    }
  }
  return undefined;
}

function usable(l: Ledger, p: number, route: readonly number[], dead: ReadonlySet<number>): boolean {
  return p >= 0 && !dead.has(p) && !route.includes(p) && (l.slotOf[p] ?? -1) >= 0;
}

/** Step 3: the first payer of each step, which always ends at a source (see the file's note). */
function firstRoute(l: Ledger, id: number): Omit<TaintRoute, 'largest'> {
  const ids = [id];
  const vias: number[] = [];
  let s = l.slotOf[id]!;
  // (bounded by the slots all the same: a damaged ledger must not loop forever)
  while (s >= 0 && (l.flag[s]! & SEED) === 0 && l.first[s]! >= 0 && ids.length <= l.n) {
    vias.push(l.viaFirst[s]!);
    ids.push(l.first[s]!);
    s = l.slotOf[l.first[s]!] ?? -1;
  }
  return { ids, vias };
}

/** The flagged source `id`'s taint traces back to along `routeBack`, or -1 when untainted. */
export function sourceOf(taint: IncrementalTaint, asset: number, id: number): number {
  const l = taint.ledgers[asset];
  const last = routeBack(taint, asset, id).ids.at(-1)!;
  return l && isSource(l, last) ? last : -1;
}
