import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type ApiHub, call, openApiHub } from '../../../test/api/api-hub.ts';

let hub: ApiHub;
before(async () => {
  hub = await openApiHub();
});
after(async () => {
  await hub.close();
});

interface Activity {
  days: { day: string; total: number; by_tlp: Record<string, number> }[];
  by_community: { id: string; name: string; count: number }[];
}

async function activity(key: string, days = 7): Promise<Activity> {
  const res = await call(hub, 'GET', `/api/v1/stats/activity?days=${days}`, key);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Activity;
}

const today = () => new Date().toISOString().slice(0, 10);
const todayOf = (a: Activity) => a.days.find((d) => d.day === today())!;

async function share(key: string, name: string, tlp: string) {
  const body = { name, tlp, indicators: [{ type: 'ipv4-addr', value: '203.0.113.9' }] };
  const res = await call(hub, 'POST', '/api/v1/incidents', key, body);
  assert.equal(res.statusCode, 201, res.body);
}

test('activity lists every day of the window, oldest first, ending today', async () => {
  const a = await activity(hub.keys.bankReader, 5);
  assert.equal(a.days.length, 5);
  assert.equal(a.days.at(-1)!.day, today());
  const sorted = [...a.days].map((d) => d.day).sort();
  assert.deepEqual(
    a.days.map((d) => d.day),
    sorted,
  );
});

test('a shared incident counts today for its community, not for an outside organisation', async () => {
  const [bankBefore, policeBefore] = [
    await activity(hub.keys.bankReader),
    await activity(hub.keys.policeReader),
  ];
  await share(hub.keys.exchangeWriter, 'Amber activity test', 'amber');
  const bank = todayOf(await activity(hub.keys.bankReader));
  const police = todayOf(await activity(hub.keys.policeReader));
  const added = bank.by_tlp.amber! - todayOf(bankBefore).by_tlp.amber!;
  assert.ok(added >= 2, `the incident and its indicator are new AMBER objects for the bank (${added})`);
  assert.equal(bank.total - todayOf(bankBefore).total, added);
  assert.deepEqual(police, todayOf(policeBefore), 'the police community sees no change');
  const isac = (a: Activity) => a.by_community.find((c) => c.id === hub.communities.banks)?.count ?? -1;
  assert.equal(isac(await activity(hub.keys.bankReader)) - isac(bankBefore), added, 'counted for the ISAC');
  const policeCommunities = (await activity(hub.keys.policeReader)).by_community;
  assert.deepEqual(
    policeCommunities.map((c) => c.name),
    ['Law Enforcement'],
    'a caller sees only its own communities',
  );
});

test('days outside 1..366 are refused with 400', async () => {
  assert.equal(
    (await call(hub, 'GET', '/api/v1/stats/activity?days=0', hub.keys.bankReader)).statusCode,
    400,
  );
  assert.equal(
    (await call(hub, 'GET', '/api/v1/stats/activity?days=999', hub.keys.bankReader)).statusCode,
    400,
  );
});
