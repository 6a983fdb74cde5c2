/**
 * Laundering through a mixer does not hide stolen value from freeze alerts: when the hub knows the
 * mixer, the alert engine reads the same taint as the screener, which crosses the mixer by matching
 * withdrawals to deposits, so the exchange whose deposit wallet receives the withdrawal is alerted.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { AlertEngine, registerWallet } from '../../src/alerts/index.ts';
import { addOrganisation } from '../../src/hub/index.ts';
import { testStoreIn } from '../../src/hub/members/test-store.ts';
import { TaintRegistry } from '../../src/screen/index.ts';
import { publishHeist, publishService } from '../../src/screen/taint/test-labels.ts';
import { addr, buildGraph } from '../../src/trace/test-graph.ts';

// c's 90 sit in the mixer x long before the theft; the thief s deposits 10, and a withdrawal of 10 a
// block later goes through w into the exchange's deposit wallet d. Plain haircut would dilute the
// stolen 10 over x's whole balance of 100 (1 tainted); matching by amount and time within the window
// (30 s here) pairs the withdrawal with the thief's deposit alone: all 10 are stolen value.
const STEPS = [
  [{ from: 'v', to: 'c', value: 90n }],
  [{ from: 'c', to: 'x', value: 90n }],
  [{ from: 'v', to: 'e', value: 1n }],
  [{ from: 'v', to: 'e', value: 1n }],
  [{ from: 'v', to: 'e', value: 1n }],
  [{ from: 'v', to: 's', value: 10n }],
  [{ from: 's', to: 'x', value: 10n }],
  [{ from: 'x', to: 'w', value: 10n }],
  [{ from: 'w', to: 'd', value: 10n }],
];

it('an exchange is alerted when a mixer withdrawal matched to stolen deposits reaches its wallet', async (t) => {
  const { store, data } = await testStoreIn(t);
  const graphDir = join(data, 'chain');
  buildGraph(graphDir, STEPS).close();
  const publisher = await addOrganisation(store, 'Publisher');
  const exchange = await addOrganisation(store, 'Exchange');
  await publishHeist(store, publisher.id, addr('s'), 'Heist');
  await publishService(store, publisher.id, addr('x'), 'Mixer X', 'mixer');
  await registerWallet(store, exchange.id, addr('d'), 'deposit');
  const registry = new TaintRegistry({ graphDir, hops: 6, persist: false, mixerWindowSeconds: 30 });
  t.after(() => registry.close());
  const raised = await new AlertEngine({ store, registry }).tick();
  assert.deepEqual(
    raised.map((a) => [a.address, a.amount]),
    [[addr('d'), '10']],
  );
});
