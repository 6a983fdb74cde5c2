import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addOrganisation } from '../organisations/organisations.ts';
import { defaultCommunity, resolveAudience, setDefaultCommunity } from './audience.ts';
import { createCommunity } from './communities.ts';
import { createKey } from './keys.ts';
import { testStore } from './test-store.ts';

async function hub(t: Parameters<typeof testStore>[0]) {
  const store = await testStore(t);
  const a = await addOrganisation(store, 'Bank A');
  const b = await addOrganisation(store, 'Exchange B');
  const first = await createCommunity(store, 'FS-ISAC', ['Bank A', 'Exchange B']);
  await new Promise((r) => setTimeout(r, 5));
  const second = await createCommunity(store, 'Crypto-ISAC', ['Bank A']);
  return { store, a, b, first, second };
}

test('the default community is the first one joined, until the organisation chooses another', async (t) => {
  const { store, a, first, second } = await hub(t);
  assert.equal((await defaultCommunity(store, a.id))?.id, first.id);
  await setDefaultCommunity(store, 'Bank A', 'Crypto-ISAC');
  assert.equal((await defaultCommunity(store, a.id))?.id, second.id);
  const loner = await addOrganisation(store, 'Loner');
  assert.equal(await defaultCommunity(store, loner.id), undefined);
  await assert.rejects(setDefaultCommunity(store, 'Exchange B', 'Crypto-ISAC'), {
    code: 'BULWARK_E_FORBIDDEN',
  });
});

test('GREEN and AMBER without named communities go to the default community; other levels to none', async (t) => {
  const { store, a, first } = await hub(t);
  for (const tlp of ['green', 'amber'] as const) {
    assert.deepEqual(await resolveAudience(store, a, { tlp }), {
      communities: [first.id],
      orgs: [],
      users: [],
    });
  }
  for (const tlp of ['clear', 'amber+strict', 'red'] as const) {
    assert.deepEqual(await resolveAudience(store, a, { tlp }), { communities: [], orgs: [], users: [] });
  }
});

test('named communities replace the default and must include the organisation', async (t) => {
  const { store, a, b, second } = await hub(t);
  assert.deepEqual(
    (await resolveAudience(store, a, { tlp: 'amber', communities: ['Crypto-ISAC'] })).communities,
    [second.id],
  );
  await assert.rejects(resolveAudience(store, b, { tlp: 'amber', communities: ['Crypto-ISAC'] }), {
    code: 'BULWARK_E_FORBIDDEN',
  });
  await assert.rejects(resolveAudience(store, a, { tlp: 'amber', communities: ['Nope'] }), {
    code: 'BULWARK_E_COMMUNITY_NOT_FOUND',
  });
});

test('AMBER+STRICT and RED recipients are resolved to organisation and key ids, and checked', async (t) => {
  const { store, a, b } = await hub(t);
  const { record } = await createKey(store, { org: 'Exchange B', role: 'reader' });
  const audience = await resolveAudience(store, a, {
    tlp: 'red',
    recipientOrgs: ['Exchange B', b.id],
    recipientUsers: [record.id],
  });
  assert.deepEqual(audience, { communities: [], orgs: [b.id], users: [record.id] });
  await assert.rejects(resolveAudience(store, a, { tlp: 'red', recipientUsers: ['f'.repeat(24)] }), {
    code: 'BULWARK_E_KEY_NOT_FOUND',
  });
  await assert.rejects(resolveAudience(store, a, { tlp: 'amber+strict', recipientOrgs: ['Nobody'] }), {
    code: 'BULWARK_E_ORG_NOT_FOUND',
  });
});
