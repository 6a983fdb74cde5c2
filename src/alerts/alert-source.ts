/**
 * The flagged source an alert names: from the arrival's payer back along each address's largest
 * tainted payers (the ledger keeps three per address), largest first, depth first, to an address the
 * state starts from. Following the largest payer alone (the screener's route, `pathTo`) stops at an
 * address that is its own largest payer — Bitcoin change paid back to the spending address — or at
 * a cycle, and the route then starts mid-chain; an alert must name a flagged address.
 */
import type { IncrementalTaint } from '../screen/index.ts';

/** Addresses looked at before giving up (an alert is rare; this bounds a pathological ledger). */
const MAX_VISITS = 4096;

/** The id of a source `from`'s taint traces back to, or -1 when none is found within the bound. */
export function sourceOf(taint: IncrementalTaint, asset: number, from: number): number {
  const l = taint.ledgers[asset];
  if (!l || from < 0) return -1;
  const seen = new Set<number>([from]);
  const stack = [from];
  while (stack.length > 0 && seen.size <= MAX_VISITS) {
    const id = stack.pop()!;
    if (taint.seed[id] === 1) return id;
    const s = l.slotOf[id] ?? -1;
    if (s < 0) continue;
    // pushed smallest first, so the largest payer is looked at next
    for (const p of [l.parent3[s]!, l.parent2[s]!, l.parent[s]!]) {
      if (p < 0 || seen.has(p)) continue;
      seen.add(p);
      stack.push(p);
    }
  }
  return -1;
}
