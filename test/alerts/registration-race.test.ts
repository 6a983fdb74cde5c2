/**
 * A wallet registered at any point of the engine's poll cycle, followed (at that point or any later
 * one) by the commit of a block paying it stolen value, raises exactly one alert for its organisation
 * and none for another. Deterministic: the engine's store calls are the points where a poll waits, so
 * the test registers and commits inside them (and between polls), driving `tick()` itself.
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
import { commitEthTransfer } from '../support/eth-block.ts';
import { tempDir } from '../support/temp-dir.ts';

/** The store as the engine sees it: each read of a poll first passes `point()`, where the test acts. */
function pausing(store: Store, point: () => void): Store {
  const pause =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      point();
      await Promise.resolve();
      return f(...a);
    };
  // a view whose methods run on the store's own objects (their private fields), some of them paused
  const over = <T extends object>(target: T, paused: Partial<T>): T =>
    new Proxy(target, {
      get(t, key) {
        if (key in paused) return paused[key as keyof T];
        const value: unknown = Reflect.get(t, key, t);
        return typeof value === 'function' ? (value as () => unknown).bind(t) : value;
      },
    });
  const view = over(store, {
    alerts: over(store.alerts, { allWallets: pause(() => store.alerts.allWallets()) }),
    members: over(store.members, { communitiesOf: pause((id: string) => store.members.communitiesOf(id)) }),
    query: pause((q: Parameters<Store['query']>[0]) => store.query(q)),
    count: pause((q: Parameters<Store['count']>[0]) => store.count(q)),
  });
  return view;
}

interface Case {
  register: number;
  commit: number;
  /** A screener made the state before the engine's first poll (a hub just started). */
  screenerFirst: boolean;
}

it('a wallet registered at any point of the poll cycle gets exactly one alert for the next stolen payment', async (t) => {
  const { store } = await testStoreIn(t);
  const publisher = await addOrganisation(store, 'Publisher');
  await publishHeist(store, publisher.id, addr('s'), 'Race heist');
  const other = await addOrganisation(store, 'Other Exchange');
  const otherWallet = `0x${'0e'.repeat(20)}`;
  await registerWallet(store, other.id, otherWallet, 'hot');
  const dir = tempDir('bulwark-alert-race-');
  t.after(() => dir.remove());

  let n = 0;
  /** Points in three polls: what the first case, registering and paying at once, passes. */
  let points = 0;
  const run = async (c: Case): Promise<number> => {
    n++;
    const bank = await addOrganisation(store, `Bank ${n}`);
    // a fresh address each case, first seen on chain in the paying block (not in the dictionary before)
    const wallet = `0x${n.toString(16).padStart(40, 'd')}`;
    const graphDir = join(dir.path, `chain-${n}`);
    buildGraph(graphDir, [
      [{ from: 'v', to: 's', value: 100n }],
      [{ from: 's', to: 'q', value: 60n }],
    ]).close();
    let at = 0;
    const pending: Promise<unknown>[] = [];
    const point = () => {
      if (at === c.register) pending.push(registerWallet(store, bank.id, wallet, 'deposit'));
      // the stolen payment lands once the registration has been answered
      if (at === c.commit)
        pending.push(Promise.all(pending).then(() => commitEthTransfer(graphDir, addr('q'), wallet, 10n)));
      // unrelated blocks keep the engine polling through wallets and labels
      if (at % 3 === 1) commitEthTransfer(graphDir, addr('v'), addr('x'), 1n);
      at++;
    };
    const registry = new TaintRegistry({ graphDir, persist: false });
    const engine = new AlertEngine({ store: pausing(store, point), registry });
    if (c.screenerFirst) registry.taintFor([addr('s')]);
    try {
      while (at <= c.commit) {
        point();
        await engine.tick();
      }
      await Promise.all(pending);
      // then quiet: polls after the last commit
      for (let i = 0; i < 2; i++) await engine.tick();
    } finally {
      registry.close();
      await store.alerts.removeWallet(bank.id, wallet);
    }
    const mine = await store.alerts.listAlerts(bank.id, { status: 'all' });
    const label = `register at ${c.register}, commit at ${c.commit}${c.screenerFirst ? ', screener first' : ''}`;
    assert.ok(at > c.commit, `${label}: the case ran past its points`);
    assert.deepEqual(
      mine.map((a) => [a.address, a.amount]),
      [[wallet, '10']],
      label,
    );
    return at;
  };
  points = await run({ register: 0, commit: 0, screenerFirst: false });
  for (let register = 0; register < points; register++) {
    for (let commit = register; commit < Math.min(points, register + 3); commit++) {
      for (const screenerFirst of [false, true]) {
        await run({ register, commit, screenerFirst });
      }
    }
  }
  t.diagnostic(`${n} cases over ${points} points`);
  assert.ok(points > 6, `the poll cycle has several points (${points})`);
  assert.deepEqual(
    await store.alerts.listAlerts(other.id, { status: 'all' }),
    [],
    'no alert for another org',
  );
});
