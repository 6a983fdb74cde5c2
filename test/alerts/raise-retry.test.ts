/**
 * A store failure while raising does not lose the alert: the taint states have already read the
 * row, so the engine keeps the arrival and raises it on its next poll, exactly once.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { AlertEngine, registerWallet } from '../../src/alerts/index.ts';
import { addOrganisation } from '../../src/hub/index.ts';
import { testStoreIn } from '../../src/hub/members/test-store.ts';
import { TaintRegistry } from '../../src/screen/index.ts';
import { publishHeist } from '../../src/screen/taint/test-labels.ts';
import type { Store } from '../../src/store/index.ts';
import { addr, buildGraph } from '../../src/trace/test-graph.ts';

/** The store, with `addAlert` failing while `failing()` says so. */
function flaky(store: Store, failing: () => boolean): Store {
  const alerts = new Proxy(store.alerts, {
    get(t, key) {
      const value: unknown = Reflect.get(t, key, t);
      if (key === 'addAlert') {
        return async (...a: Parameters<Store['alerts']['addAlert']>) => {
          if (failing()) throw new Error('store unavailable');
          return t.addAlert(...a);
        };
      }
      return typeof value === 'function' ? (value as () => unknown).bind(t) : value;
    },
  });
  return new Proxy(store, {
    get(t, key) {
      if (key === 'alerts') return alerts;
      const value: unknown = Reflect.get(t, key, t);
      return typeof value === 'function' ? (value as () => unknown).bind(t) : value;
    },
  });
}

it('raises an alert the store refused on the next poll, once', async (t) => {
  const { store, data } = await testStoreIn(t);
  const graphDir = join(data, 'chain');
  const steps = [
    [{ from: 'v', to: 's', value: 100n }],
    [{ from: 's', to: 'd', value: 30n }],
    [{ from: 's', to: 'e', value: 20n }],
  ];
  buildGraph(graphDir, steps).close();
  const publisher = await addOrganisation(store, 'Publisher');
  const bank = await addOrganisation(store, 'Bank');
  await publishHeist(store, publisher.id, addr('s'), 'Heist');
  await registerWallet(store, bank.id, addr('d'), 'deposit');
  await registerWallet(store, bank.id, addr('e'), 'deposit');
  let down = true;
  const registry = new TaintRegistry({ graphDir, persist: false });
  t.after(() => registry.close());
  const engine = new AlertEngine({ store: flaky(store, () => down), registry });
  await assert.rejects(engine.tick(), /store unavailable/);
  assert.deepEqual(await store.alerts.listAlerts(bank.id, { status: 'all' }), []);
  down = false;
  const raised = await engine.tick();
  assert.deepEqual(raised.map((a) => [a.address, a.amount]).sort(), [
    [addr('d'), '30'],
    [addr('e'), '20'],
  ]);
  assert.deepEqual(await engine.tick(), [], 'nothing raised twice');
  assert.equal((await store.alerts.listAlerts(bank.id, { status: 'all' })).length, 2);
});
