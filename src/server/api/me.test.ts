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

interface Me {
  organisation: { id: string; name: string };
  role: string;
  key_id: string;
  communities: { id: string; name: string }[];
}

test('GET /me names the key’s organisation, role, communities and key id, never the secret', async () => {
  const res = await call(hub, 'GET', '/api/v1/me', hub.keys.bankWriter);
  assert.equal(res.statusCode, 200);
  const me = res.json() as Me;
  assert.deepEqual(me.organisation, { id: hub.orgs.bank, name: 'First Bank' });
  assert.equal(me.role, 'contributor');
  assert.deepEqual(me.communities, [{ id: hub.communities.banks, name: 'Banks and Exchanges ISAC' }]);
  assert.equal(`bwk_${me.key_id}_`, hub.keys.bankWriter.slice(0, me.key_id.length + 5));
  // the secret is everything after `bwk_<id>_` (base64url: it may hold `_` itself)
  const secret = hub.keys.bankWriter.slice(me.key_id.length + 5);
  assert.ok(secret.length >= 40 && !res.body.includes(secret), 'the secret is not echoed');
});

test('GET /me answers each organisation about itself only', async () => {
  const me = (await call(hub, 'GET', '/api/v1/me', hub.keys.policeReader)).json() as Me;
  assert.equal(me.organisation.name, 'National Police');
  assert.equal(me.role, 'reader');
  assert.deepEqual(
    me.communities.map((c) => c.name),
    ['Law Enforcement'],
  );
});

test('GET /me without a key is 401 and is listed in the OpenAPI document', async () => {
  assert.equal((await call(hub, 'GET', '/api/v1/me')).statusCode, 401);
  const doc = (await call(hub, 'GET', '/api/v1/openapi.json')).json() as { paths: Record<string, unknown> };
  assert.ok(doc.paths['/api/v1/me']);
});
