/**
 * The services of the heist scenario as the labels an analyst would hold for them — every exchange's
 * deposit and hot wallets, the mixer, the bridge — and the ground truth a trace stopping at them is
 * judged against.
 *
 * The scenario's truth treats every address as ordinary (HAIRCUT_MODEL): an exchange's sweep of a
 * deposit to its hot wallet and its later payouts to customers pass taint on. A trace that stops at
 * an exchange counts what went in there (where a freeze can act) and follows nothing out, so it is
 * judged against the same haircut with the exchanges as stops: what an exchange address pays out
 * carries no taint. The mixer is not a stop in that truth: it is the pool haircut the trace's
 * deposit/withdrawal matching must reproduce.
 */
import { ethereum } from '../chain/index.ts';
import type { TraceLabel } from '../trace/index.ts';

/** Scenario address → its service label (category, name). */
export function scenarioServices(scenario: ethereum.HeistScenario): Map<string, TraceLabel> {
  const labels = new Map<string, TraceLabel>();
  for (const [name, wallets] of Object.entries(scenario.exchanges)) {
    for (const address of [wallets.hotWallet, ...wallets.deposits]) {
      labels.set(address, { category: 'exchange', name });
    }
  }
  labels.set(scenario.contracts.mixer, { category: 'mixer', name: 'mixer' });
  labels.set(scenario.contracts.bridge, { category: 'bridge', name: 'bridge' });
  return labels;
}

/**
 * The scenario's haircut truth with `stops` passing no taint on: each flow out of a stop is paid
 * from a stand-in address that never received anything, so the payee's balance grows as on chain
 * while its taint does not (and the stand-in, with nothing received, is in no entry).
 */
export function truthWithStops(
  scenario: ethereum.HeistScenario,
  stops: ReadonlySet<string>,
): ethereum.TaintEntry[] {
  return ethereum.haircut({
    flows: scenario.flows.map((f) => (stops.has(f.from) ? { ...f, from: `${f.from}:paid-out` } : f)),
    seedTxs: new Set(scenario.theftTxs),
    swaps: new Set([scenario.contracts.swap]),
  });
}
