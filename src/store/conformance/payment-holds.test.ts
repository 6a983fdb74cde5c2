/**
 * Payment holds on both backends: what is stored comes back, holds of another organisation are not
 * found, the two-person rule (no self-approval, one decision per person, two distinct approvals when
 * two are required), rejection, and concurrent approvals that must not lose one another.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewHold } from '../payment-holds-types.ts';
import type { Store } from '../types.ts';
import { eachBackend } from './backends.ts';
import { instant } from './fixtures.ts';

async function twoOrgs(store: Store): Promise<[string, string]> {
  for (const name of ['bank', 'other']) {
    await store.addOrganisation({ id: `identity--${name}`, name, createdAt: instant(0), identityJson: '{}' });
  }
  return ['identity--bank', 'identity--other'];
}

function hold(id: string, orgId: string, over: Partial<NewHold> = {}): NewHold {
  return {
    id,
    orgId,
    mode: 'blocking',
    reference: `REF-${id}`,
    format: 'mt103',
    originator: 'BBHOBDDH|0123',
    amount: '20000000.00',
    currency: 'USD',
    risk: 'high',
    score: 72,
    reasons: [{ kind: 'new-beneficiary', source: 'history', detail: 'never paid', weight: 30 }],
    message: '{1:F01…}',
    submittedBy: 'key-maker',
    createdAt: instant(10),
    approvalsRequired: 2,
    ...over,
  };
}

const decide = (store: Store, id: string, orgId: string, keyId: string, decision: 'approve' | 'reject') =>
  store.payments.decideHold({
    id,
    orgId,
    keyId,
    decision,
    comment: `${keyId} says ${decision}`,
    at: instant(20),
  });

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (e: { code?: string }) => e.code === `BULWARK_E_${code}`);
}

test(
  'a stored hold reads back whole for its organisation and is not found for another',
  eachBackend(async (store) => {
    const [bank, other] = await twoOrgs(store);
    await store.payments.addHolds([
      hold('h1', bank),
      hold('h2', bank, { mode: 'monitoring', createdAt: instant(11) }),
    ]);
    const got = await store.payments.getHold('h1', bank);
    assert.equal(got?.status, 'held');
    assert.equal(got?.score, 72);
    assert.equal(got?.approvalsRequired, 2);
    assert.deepEqual(got?.reasons, hold('h1', bank).reasons);
    assert.deepEqual(got?.decisions, []);
    assert.equal(got?.decidedAt, null);
    assert.equal((await store.payments.getHold('h2', bank))?.status, 'alerted');
    assert.equal(await store.payments.getHold('h1', other), undefined);
    assert.deepEqual(await store.payments.listHolds({ orgId: other }), []);
    assert.deepEqual(
      (await store.payments.listHolds({ orgId: bank })).map((h) => h.id),
      ['h1', 'h2'],
    );
    assert.deepEqual(
      (await store.payments.listHolds({ orgId: bank, status: 'held' })).map((h) => h.id),
      ['h1'],
    );
    await rejectsWith(decide(store, 'h1', other, 'key-other', 'approve'), 'PAYMENT_HOLD_NOT_FOUND');
    await rejectsWith(decide(store, 'h2', bank, 'key-a', 'approve'), 'PAYMENT_HOLD_CLOSED');
  }),
);

test(
  'release needs two approvals from two people other than the submitter',
  eachBackend(async (store) => {
    const [bank] = await twoOrgs(store);
    await store.payments.addHolds([hold('h1', bank)]);
    await rejectsWith(decide(store, 'h1', bank, 'key-maker', 'approve'), 'PAYMENT_HOLD_OWN');
    assert.equal((await decide(store, 'h1', bank, 'key-a', 'approve')).status, 'held');
    await rejectsWith(decide(store, 'h1', bank, 'key-a', 'approve'), 'PAYMENT_HOLD_TWICE');
    const released = await decide(store, 'h1', bank, 'key-b', 'approve');
    assert.equal(released.status, 'released');
    assert.equal(released.decidedAt, instant(20));
    assert.deepEqual(released.decisions.map((d) => d.keyId).sort(), ['key-a', 'key-b']);
    await rejectsWith(decide(store, 'h1', bank, 'key-c', 'reject'), 'PAYMENT_HOLD_CLOSED');
  }),
);

test(
  'one rejection rejects; one approval releases a hold that needs one',
  eachBackend(async (store) => {
    const [bank] = await twoOrgs(store);
    await store.payments.addHolds([hold('h1', bank), hold('h2', bank, { approvalsRequired: 1 })]);
    assert.equal((await decide(store, 'h1', bank, 'key-a', 'approve')).status, 'held');
    const rejected = await decide(store, 'h1', bank, 'key-b', 'reject');
    assert.equal(rejected.status, 'rejected');
    assert.equal(rejected.decisions.find((d) => d.keyId === 'key-b')?.comment, 'key-b says reject');
    assert.equal((await decide(store, 'h2', bank, 'key-a', 'approve')).status, 'released');
  }),
);

test(
  'concurrent approvals by two people both count: the hold is released',
  eachBackend(async (store) => {
    const [bank] = await twoOrgs(store);
    const ids = Array.from({ length: 10 }, (_, i) => `c${i}`);
    await store.payments.addHolds(ids.map((id) => hold(id, bank)));
    await Promise.all(
      ids.flatMap((id) => [
        decide(store, id, bank, 'key-a', 'approve'),
        decide(store, id, bank, 'key-b', 'approve'),
      ]),
    );
    for (const h of await store.payments.listHolds({ orgId: bank })) assert.equal(h.status, 'released', h.id);
  }),
);

test(
  'the day window finds holds created or decided in it, and sharing is noted',
  eachBackend(async (store) => {
    const [bank] = await twoOrgs(store);
    await store.payments.addHolds([
      hold('old', bank, { createdAt: '2016-02-04T10:00:00.000Z', approvalsRequired: 1 }),
      hold('new', bank, { createdAt: '2016-02-05T10:00:00.000Z' }),
      hold('later', bank, { createdAt: '2016-02-06T10:00:00.000Z' }),
    ]);
    await store.payments.decideHold({
      id: 'old',
      orgId: bank,
      keyId: 'k',
      decision: 'approve',
      comment: '',
      at: '2016-02-05T12:00:00.000Z',
    });
    const day = await store.payments.listHolds({
      orgId: bank,
      from: '2016-02-05T00:00:00.000Z',
      to: '2016-02-06T00:00:00.000Z',
    });
    assert.deepEqual(
      day.map((h) => h.id),
      ['old', 'new'],
    );
    const page = await store.payments.listHolds({
      orgId: bank,
      after: { createdAt: '2016-02-04T10:00:00.000Z', id: 'old' },
      limit: 1,
    });
    assert.deepEqual(
      page.map((h) => h.id),
      ['new'],
    );
    await store.payments.setHoldShared('new', bank, 'incident--x');
    assert.equal((await store.payments.getHold('new', bank))?.sharedAs, 'incident--x');
    await rejectsWith(
      store.payments.setHoldShared('new', 'identity--other', 'incident--y'),
      'PAYMENT_HOLD_NOT_FOUND',
    );
  }),
);
