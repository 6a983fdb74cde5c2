/**
 * The payment desk end to end over HTTP on a loopback port, on SQLite and PostgreSQL: a bank teaches
 * its history, screens a week with the Bangladesh run in it, the run is held; the maker cannot approve
 * its own holds, checkers can, two distinct people when the policy says two; another organisation
 * sees none of it; every decision is in the audit log; monitoring only alerts; the daily report tells
 * what happened; a shared hold becomes STIX in the hub with a sighting of the listed identity.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importElements } from '../../src/hub/index.ts';
import { tlpMarkingRef } from '../../src/stix/index.ts';
import { type DeskHub, http, type Json, openDeskHub } from './payment-desk-hub.ts';

const DATA = join(import.meta.dirname, '..', '..', 'data', 'payments', 'generated');
const lines = (file: string) =>
  readFileSync(join(DATA, file), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { message: string; label?: string });
const history = lines('history-2015-11-to-12.jsonl').map((l) => l.message);
const traffic = lines('traffic-2016-02-01-to-07.jsonl');
const heists = traffic.filter((l) => l.label === 'heist').map((l) => l.message);
const normal = traffic.filter((l) => l.label === 'normal').map((l) => l.message);

async function screen(hub: DeskHub, messages: string[], extra: Json = {}) {
  const res = await http(hub, 'POST', '/payments/screen', hub.keys.maker, { messages, ...extra });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as {
    held: number;
    alerted: number;
    released: number;
    results: { hold?: { id: string }; risk: string; reference: string }[];
  };
}

const decide = (
  hub: DeskHub,
  key: string,
  id: string,
  decision: string,
  comment = 'checked with the beneficiary bank',
) => http(hub, 'POST', `/payments/holds/${id}/decision`, key, { decision, comment });

function eachBackend(name: string, body: (hub: DeskHub) => Promise<void>) {
  test(name, async (t) => {
    for (const backend of ['sqlite', 'postgres'] as const) {
      await t.test(backend, async (t) => {
        const hub = await openDeskHub(t, backend);
        if (hub) await body(hub);
      });
    }
  });
}

async function learn(hub: DeskHub) {
  const res = await http(hub, 'POST', '/payments/history', hub.keys.maker, { messages: history });
  assert.equal(res.status, 200);
  assert.equal(res.body.learned, history.length);
}

eachBackend('blocking mode holds the heist run; release needs a person other than the maker', async (hub) => {
  await learn(hub);
  const week = await screen(hub, [...normal, ...heists]);
  const heldRefs = new Set(week.results.filter((r) => r.hold).map((r) => r.reference));
  const heistRefs = heists.map((m) => /:20:(\S+)/.exec(m)?.[1] ?? /<InstrId>([^<]+)/.exec(m)?.[1]);
  assert.ok(
    heistRefs.every((r) => r !== undefined && heldRefs.has(r)),
    'every heist payment is held',
  );
  assert.ok(week.held <= heists.length + 0.05 * normal.length);
  const id = week.results.find((r) => r.hold)?.hold?.id as string;

  const own = await decide(hub, hub.keys.maker, id, 'approve');
  assert.equal(own.status, 403);
  assert.equal(own.body.code, 'BULWARK_E_PAYMENT_HOLD_OWN');
  assert.equal((await decide(hub, hub.keys.reader, id, 'approve')).status, 403, 'a reader may not decide');
  assert.equal((await decide(hub, hub.keys.other, id, 'approve')).status, 404, 'another organisation');
  assert.equal((await http(hub, 'GET', `/payments/holds/${id}`, hub.keys.other)).status, 404);
  assert.deepEqual((await http(hub, 'GET', '/payments/holds', hub.keys.other)).body.holds, []);
  const missing = await http(hub, 'POST', `/payments/holds/${id}/decision`, hub.keys.checkerA, {
    decision: 'approve',
  });
  assert.equal(missing.status, 400, 'a decision needs a comment');

  const released = await decide(hub, hub.keys.checkerA, id, 'approve');
  assert.equal(released.status, 200);
  assert.equal(released.body.status, 'released');
  assert.equal(
    (await decide(hub, hub.keys.checkerB, id, 'reject')).body.code,
    'BULWARK_E_PAYMENT_HOLD_CLOSED',
  );

  const audit = await hub.store.members.queryAudit({ orgId: hub.orgs.bank });
  const actions = audit.map((e) => `${e.action}:${e.outcome}`);
  assert.ok(actions.includes('payment.hold:ok'));
  assert.ok(actions.includes('payment.approve:ok'));
  assert.ok(actions.includes('payment.release:ok'));
  assert.ok(actions.includes('payment.decide:failed'), 'the refused self-approval is audited');
  const approval = audit.find((e) => e.action === 'payment.approve');
  assert.equal(approval?.keyId, hub.ids.checkerA);
  assert.equal(approval?.target, id);
});

eachBackend(
  'with a policy of two, release needs two distinct checkers; one rejection rejects',
  async (hub) => {
    await learn(hub);
    assert.equal((await http(hub, 'PUT', '/payments/policy', hub.keys.maker, { approvals: 2 })).status, 403);
    assert.equal((await http(hub, 'PUT', '/payments/policy', hub.keys.admin, { approvals: 2 })).status, 200);
    const run = await screen(hub, heists.slice(0, 2));
    const [a, b] = run.results.map((r) => r.hold?.id as string);
    const first = await decide(hub, hub.keys.checkerA, a as string, 'approve');
    assert.equal(first.body.status, 'held');
    const twice = await decide(hub, hub.keys.checkerA, a as string, 'approve');
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'BULWARK_E_PAYMENT_HOLD_TWICE');
    const second = await decide(hub, hub.keys.checkerB, a as string, 'approve');
    assert.equal(second.body.status, 'released');
    assert.equal((second.body.decisions as unknown[]).length, 2);
    const rejected = await decide(
      hub,
      hub.keys.checkerB,
      b as string,
      'reject',
      'beneficiary unknown to the correspondent',
    );
    assert.equal(rejected.body.status, 'rejected');

    const day = new Date().toISOString().slice(0, 10);
    const report = await http(hub, 'GET', `/payments/report?day=${day}`, hub.keys.reader);
    assert.equal(report.status, 200);
    const refs = (k: string) => (report.body[k] as { id: string }[]).map((l) => l.id).sort();
    assert.deepEqual(refs('held'), [a, b].sort());
    assert.deepEqual(refs('released'), [a]);
    assert.deepEqual(refs('rejected'), [b]);
    const rejectedLine = (
      report.body.rejected as { decisions: { comment: string }[]; reasons: string[] }[]
    )[0];
    assert.equal(rejectedLine?.decisions[0]?.comment, 'beneficiary unknown to the correspondent');
    assert.ok((rejectedLine?.reasons.length ?? 0) > 0);
  },
);

eachBackend('monitoring mode alerts and holds nothing; raw text and XML bodies are accepted', async (hub) => {
  await learn(hub);
  const res = await http(
    hub,
    'POST',
    '/payments/screen?mode=monitoring',
    hub.keys.maker,
    heists[0],
    'text/plain',
  );
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.alerted, 1);
  assert.equal(res.body.held, 0);
  const id = (res.body.results as { hold: { id: string; status: string } }[])[0]?.hold;
  assert.equal(id?.status, 'alerted');
  assert.equal(
    (await decide(hub, hub.keys.checkerA, id?.id as string, 'approve')).body.code,
    'BULWARK_E_PAYMENT_HOLD_CLOSED',
  );
  const xml = normal.find((m) => m.startsWith('<')) as string;
  const posted = await http(hub, 'POST', '/payments/screen', hub.keys.maker, xml, 'application/xml');
  assert.equal(posted.status, 200);
  assert.equal(posted.body.screened, 1);
  const bad = await http(hub, 'POST', '/payments/screen', hub.keys.maker, { messages: ['garbage'] });
  assert.equal(bad.body.failed, 1);
  assert.equal(
    (await http(hub, 'POST', '/payments/screen', hub.keys.maker, { messages: [], mode: 'x' })).status,
    400,
  );
});

eachBackend(
  'a shared hold becomes an incident with a sighting of the listed identity the bank may read',
  async (hub) => {
    await learn(hub);
    const listed = {
      type: 'identity',
      spec_version: '2.1',
      id: 'identity--6ad0b5a4-7a1c-4b53-9d8c-3f6c2d1e0b11',
      created: '2016-03-01T00:00:00.000Z',
      modified: '2016-03-01T00:00:00.000Z',
      name: 'Nimal Jayawardena',
      identity_class: 'individual',
      object_marking_refs: [tlpMarkingRef('clear')],
    };
    await importElements(
      (async function* () {
        yield [{ value: listed, place: { index: 0, line: 1 } }];
      })(),
      {
        store: hub.store,
        source: 'test',
        authorOrg: hub.orgs.other,
        defaultTlp: 'clear',
        audience: { communities: [], orgs: [], users: [] },
      },
    );
    const run = await screen(hub, [heists[0] as string], { share: true, tlp: 'green' });
    const result = run.results[0] as { shared_as?: string; hold?: { id: string } };
    assert.match(result.shared_as ?? '', /^incident--/);
    const hold = await http(hub, 'GET', `/payments/holds/${result.hold?.id}`, hub.keys.reader);
    assert.equal(hold.body.shared_as, result.shared_as);
    const seen = await hub.store.findReferencing(listed.id, { kind: 'all' });
    const sighting = seen.map((v) => JSON.parse(v.json) as Json).find((o) => o.type === 'sighting');
    assert.equal(sighting?.sighting_of_ref, listed.id);
    assert.deepEqual(sighting?.where_sighted_refs, [hub.orgs.bank]);
    const other = await http(hub, 'GET', `/objects/${result.shared_as}`, hub.keys.other);
    assert.equal(other.status, 200, 'shared TLP:GREEN with the common community');
  },
);
