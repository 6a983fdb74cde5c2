/**
 * A member's admin chooses the webhook URL but the hub makes the request: over REST, private targets
 * are refused unless the operator allowed them, and a refusal stores nothing.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { addOrganisation, createKey } from '../../src/hub/index.ts';
import { testStoreIn } from '../../src/hub/members/test-store.ts';
import { createServer } from '../../src/server/index.ts';

const SECRET = 'a-secret-of-enough-length';

it('PUT /admin/webhook refuses private targets with 422 and keeps the old webhook, unless the hub allows them', async (t) => {
  const { store } = await testStoreIn(t);
  const org = await addOrganisation(store, 'Exchange');
  const key = (await createKey(store, { org: 'Exchange', role: 'admin' })).key;
  const put = async (app: ReturnType<typeof createServer>, url: string) =>
    app.inject({
      method: 'PUT',
      url: '/api/v1/admin/webhook',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ url, secret: SECRET }),
    });

  const strict = createServer({ store, rateLimit: 0 });
  t.after(() => strict.close());
  assert.equal((await put(strict, 'https://hooks.example.org/bulwark')).statusCode, 200);
  for (const url of [
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:5432/',
    'http://localhost/x',
  ]) {
    const r = await put(strict, url);
    assert.equal(r.statusCode, 422, `${url}: ${r.body}`);
    assert.equal(r.json().code, 'BULWARK_E_WEBHOOK_TARGET');
    assert.match(r.json().hint, /--webhook-allow-private/);
  }
  assert.equal((await store.alerts.getWebhook(org.id))?.url, 'https://hooks.example.org/bulwark');

  const open = createServer({ store, rateLimit: 0, alerts: { webhook: { allowPrivate: true } } });
  t.after(() => open.close());
  assert.equal((await put(open, 'http://10.0.0.7:9000/hook')).statusCode, 200);
  assert.equal((await store.alerts.getWebhook(org.id))?.url, 'http://10.0.0.7:9000/hook');
});
