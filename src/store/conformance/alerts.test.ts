import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewAlert } from '../alerts-types.ts';
import type { Store } from '../types.ts';
import { eachBackend } from './backends.ts';
import { instant } from './fixtures.ts';

async function orgs(store: Store, ...names: string[]): Promise<string[]> {
  for (const name of names) {
    await store.addOrganisation({ id: `identity--${name}`, name, createdAt: instant(0), identityJson: '{}' });
  }
  return names.map((n) => `identity--${n}`);
}

const alert = (orgId: string, n: number, dedupe = `tx${n}|w|ETH`): NewAlert => ({
  id: `alert-${orgId}-${n}`,
  orgId,
  created: instant(n),
  chain: 'ethereum',
  address: '0x' + 'ab'.repeat(20),
  walletRole: 'deposit',
  asset: 'ETH',
  amount: '123456789012345678901234567890',
  tx: `0x${n.toString(16).padStart(64, '0')}`,
  block: 4_000_000_000 + n,
  sources: ['0x' + '11'.repeat(20)],
  sightingRef: `sighting--${n}`,
  dedupe,
});

test(
  'wallet registrations are per organisation: each sees only its own, a role change updates in place',
  eachBackend(async (store) => {
    const [a, b] = await orgs(store, 'a', 'b');
    const w = { chain: 'ethereum', address: '0x' + 'cd'.repeat(20), createdAt: instant(1) };
    await store.alerts.registerWallet({ ...w, orgId: a!, role: 'deposit' });
    await store.alerts.registerWallet({ ...w, orgId: a!, role: 'hot' });
    await store.alerts.registerWallet({ ...w, orgId: b!, role: 'deposit' });
    assert.deepEqual(
      (await store.alerts.walletsOf(a!)).map((x) => x.role),
      ['hot'],
    );
    assert.equal((await store.alerts.walletsOf(b!))[0]?.role, 'deposit');
    assert.equal((await store.alerts.allWallets()).length, 2);
    assert.equal(await store.alerts.removeWallet(a!, w.address), true);
    assert.equal(await store.alerts.removeWallet(a!, w.address), false);
    assert.deepEqual(await store.alerts.walletsOf(a!), []);
    assert.equal((await store.alerts.walletsOf(b!)).length, 1, "removing a's leaves b's");
  }),
);

test(
  'alerts: added once per dedupe key, listed newest first by status, read and acknowledged only by their organisation',
  eachBackend(async (store) => {
    const [a, b] = await orgs(store, 'a', 'b');
    const first = await store.alerts.addAlert(alert(a!, 1));
    assert.equal(first?.status, 'open');
    assert.equal(first?.amount, '123456789012345678901234567890');
    assert.equal(first?.block, 4_000_000_001);
    assert.deepEqual(first?.sources, ['0x' + '11'.repeat(20)]);
    assert.equal(await store.alerts.addAlert({ ...alert(a!, 1), id: 'again' }), undefined, 'same dedupe key');
    await store.alerts.addAlert(alert(a!, 2));
    await store.alerts.addAlert(alert(b!, 3, 'tx1|w|ETH'));
    assert.deepEqual(
      (await store.alerts.listAlerts(a!)).map((x) => x.id),
      [`alert-${a}-2`, `alert-${a}-1`],
    );
    assert.equal(await store.alerts.getAlert(b!, `alert-${a}-1`), undefined);
    assert.equal(await store.alerts.acknowledgeAlert(b!, `alert-${a}-1`, instant(9)), undefined);
    const acked = await store.alerts.acknowledgeAlert(a!, `alert-${a}-1`, instant(9));
    assert.equal(acked?.status, 'acknowledged');
    assert.equal(acked?.acknowledgedAt, instant(9));
    const again = await store.alerts.acknowledgeAlert(a!, `alert-${a}-1`, instant(10));
    assert.equal(again?.acknowledgedAt, instant(9), 'a second acknowledgement changes nothing');
    assert.deepEqual(
      (await store.alerts.listAlerts(a!, { status: 'open' })).map((x) => x.id),
      [`alert-${a}-2`],
    );
    assert.deepEqual(
      (await store.alerts.listAlerts(a!, { status: 'acknowledged' })).map((x) => x.id),
      [`alert-${a}-1`],
    );
    assert.equal((await store.alerts.listAlerts(a!, { limit: 1 })).length, 1);
    const after = await store.alerts.listAlerts(a!, { afterSeq: first!.seq });
    assert.deepEqual(
      after.map((x) => x.id),
      [`alert-${a}-2`],
    );
  }),
);

test(
  'webhooks: one per organisation, replaced by the next',
  eachBackend(async (store) => {
    const [a, b] = await orgs(store, 'a', 'b');
    assert.equal(await store.alerts.getWebhook(a!), undefined);
    await store.alerts.setWebhook({
      orgId: a!,
      url: 'http://127.0.0.1:1/x',
      secret: 's1',
      updatedAt: instant(1),
    });
    await store.alerts.setWebhook({
      orgId: a!,
      url: 'http://127.0.0.1:2/y',
      secret: 's2',
      updatedAt: instant(2),
    });
    const w = await store.alerts.getWebhook(a!);
    assert.deepEqual(w, { orgId: a, url: 'http://127.0.0.1:2/y', secret: 's2', updatedAt: instant(2) });
    assert.equal(await store.alerts.getWebhook(b!), undefined);
  }),
);
