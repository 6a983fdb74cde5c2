import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import Fastify from 'fastify';
import { AlertEngine, type AlertJson } from '../../alerts/index.ts';
import { addOrganisation, createKey } from '../../hub/index.ts';
import { testStoreIn } from '../../hub/members/test-store.ts';
import { TaintRegistry } from '../../screen/index.ts';
import { attachAlertEngine } from './alerts-context.ts';
import { registerAlertStream } from './alerts-stream.ts';

const alert = (id: string): AlertJson => ({
  id,
  created: '2026-01-01T00:00:00.000Z',
  status: 'open',
  chain: 'ethereum',
  address: `0x${'44'.repeat(20)}`,
  wallet_role: 'deposit',
  asset: 'ETH',
  amount: '1',
  tx: `0x${'00'.repeat(32)}`,
  block: 1,
  sources: [],
  sighting_ref: null,
});

it("streams the organisation's alerts as events between heartbeat comments, and no other organisation's", async (t) => {
  const { store, data } = await testStoreIn(t);
  const a = await addOrganisation(store, 'Exchange A');
  const b = await addOrganisation(store, 'Exchange B');
  const key = (await createKey(store, { org: 'Exchange A', role: 'reader' })).key;
  const engine = new AlertEngine({ store, registry: new TaintRegistry({ graphDir: join(data, 'chain') }) });
  attachAlertEngine(store, engine);
  const app = Fastify();
  app.register(async (api) => registerAlertStream(api, { store }, 20), { prefix: '/api/v1' });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const abort = new AbortController();
  t.after(async () => {
    abort.abort();
    await app.close();
  });
  const res = await fetch(`${base}/api/v1/alerts/stream`, {
    headers: { authorization: `Bearer ${key}` },
    signal: abort.signal,
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = res.body!.getReader();
  let text = '';
  const readUntil = async (want: RegExp) => {
    while (!want.test(text)) text += new TextDecoder().decode((await reader.read()).value);
  };
  await readUntil(/: heartbeat\n\n/);
  engine.bus.publish(b.id, alert('for-b'));
  engine.bus.publish(a.id, alert('for-a'));
  await readUntil(/event: alert\ndata: .*\n\n/);
  assert.match(text, /id: for-a\nevent: alert\ndata: \{"id":"for-a"/);
  assert.doesNotMatch(text, /for-b/);
  const anonymous = await fetch(`${base}/api/v1/alerts/stream`);
  assert.equal(anonymous.status, 401);
});

it('documents the alert resources, the stream included, in the OpenAPI document', async (t) => {
  const { store } = await testStoreIn(t);
  const { createServer } = await import('../create-server.ts');
  const app = createServer({ store });
  t.after(() => app.close());
  const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  for (const [path, method] of [
    ['/api/v1/alerts', 'get'],
    ['/api/v1/alerts/{id}/acknowledge', 'post'],
    ['/api/v1/alerts/stream', 'get'],
    ['/api/v1/admin/webhook', 'put'],
    ['/api/v1/wallets', 'post'],
  ] as const) {
    assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
  }
});
