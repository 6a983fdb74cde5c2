/**
 * The hub's HTTP hardening over real routes of a real store: body limits, per-key rate limits,
 * security headers, CORS, and what a client sees of an internal failure.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createServer, type ServerOptions } from '../../src/server/index.ts';
import { TAXII_MEDIA_TYPE } from '../../src/taxii/index.ts';
import { type ApiHub, openApiHub } from '../api/api-hub.ts';

let hub: ApiHub;
const apps: FastifyInstance[] = [];

before(async () => {
  hub = await openApiHub();
});
after(async () => {
  for (const app of apps) await app.close();
  await hub.close();
});

async function server(options: Omit<ServerOptions, 'store'> = {}): Promise<FastifyInstance> {
  const app = createServer({ store: hub.store, ...options });
  apps.push(app);
  return app;
}

function getAs(app: FastifyInstance, url: string, key?: string, extra: Record<string, string> = {}) {
  return app.inject({
    method: 'GET',
    url,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...extra },
  });
}

describe('request size', () => {
  test('a REST body over the limit is a 413 catalogue error', async () => {
    const app = await server({ bodyLimit: 1024 });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: { authorization: `Bearer ${hub.keys.bankWriter}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ padding: 'x'.repeat(4096) }),
    });
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().code, 'BULWARK_E_PAYLOAD_TOO_LARGE');
  });

  test('a TAXII envelope over the limit is a 413 error resource, and the API root advertises the limit', async () => {
    const app = await server({ bodyLimit: 2048 });
    const root = await getAs(app, '/taxii2/api/', hub.keys.bankReader, { accept: TAXII_MEDIA_TYPE });
    assert.equal(root.json().max_content_length, 2048);
    const collections = await getAs(app, '/taxii2/api/collections/', hub.keys.bankWriter, {
      accept: TAXII_MEDIA_TYPE,
    });
    const id = collections.json().collections[0].id as string;
    const response = await app.inject({
      method: 'POST',
      url: `/taxii2/api/collections/${id}/objects/`,
      headers: {
        authorization: `Bearer ${hub.keys.bankWriter}`,
        accept: TAXII_MEDIA_TYPE,
        'content-type': TAXII_MEDIA_TYPE,
      },
      payload: JSON.stringify({ objects: [], padding: 'x'.repeat(8192) }),
    });
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().http_status, '413');
    assert.equal(response.json().error_code, 'BULWARK_E_PAYLOAD_TOO_LARGE');
  });
});

describe('rate limits', () => {
  const exhaust = async (app: FastifyInstance, url: string, key: string | undefined, n: number) => {
    const answers: LightMyRequestResponse[] = [];
    for (let i = 0; i < n; i++) answers.push(await getAs(app, url, key));
    return answers;
  };

  test('a key over its budget gets 429 with Retry-After, and another key keeps its own budget', async () => {
    const app = await server({ rateLimit: 3 });
    const first = await exhaust(app, '/api/v1/stats', hub.keys.bankReader, 4);
    assert.deepEqual(
      first.map((r) => r.statusCode),
      [200, 200, 200, 429],
    );
    const limited = first[3]!;
    assert.equal(limited.json().code, 'BULWARK_E_RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${limited.headers['retry-after']}`);
    const other = await exhaust(app, '/api/v1/stats', hub.keys.policeReader, 3);
    assert.deepEqual(
      other.map((r) => r.statusCode),
      [200, 200, 200],
    );
  });

  test('under TAXII the 429 is an error resource', async () => {
    const app = await server({ rateLimit: 1 });
    const headers = { accept: TAXII_MEDIA_TYPE };
    assert.equal((await getAs(app, '/taxii2/', hub.keys.bankReader, headers)).statusCode, 200);
    const limited = await getAs(app, '/taxii2/', hub.keys.bankReader, headers);
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().http_status, '429');
    assert.ok(Number(limited.headers['retry-after']) > 0);
  });

  test('anonymous callers share the budget of their address, apart from keyed callers', async () => {
    const app = await server({ rateLimit: 2 });
    const anonymous = await exhaust(app, '/api/v1/stats', undefined, 3);
    assert.equal(anonymous[2]!.statusCode, 429);
    assert.equal((await getAs(app, '/api/v1/stats', hub.keys.bankReader)).statusCode, 200);
  });

  test('without a limit configured nothing is limited', async () => {
    const app = await server();
    const answers = await exhaust(app, '/api/v1/stats', hub.keys.bankReader, 50);
    assert.ok(answers.every((r) => r.statusCode === 200));
    assert.equal(answers[0]!.headers['x-ratelimit-limit'], undefined);
  });
});

describe('answers', () => {
  test('every API answer carries the API security headers: nothing cached, nothing framed or run', async () => {
    const app = await server();
    for (const url of ['/healthz', '/api/v1/stats', '/api/v1/no-such-thing', '/taxii2/']) {
      const response = await getAs(app, url, hub.keys.bankReader, { accept: TAXII_MEDIA_TYPE });
      assert.equal(response.headers['cache-control'], 'no-store', url);
      assert.equal(
        response.headers['content-security-policy'],
        "default-src 'none'; frame-ancestors 'none'",
        url,
      );
      assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(response.headers['x-frame-options'], 'DENY', url);
      assert.equal(response.headers['referrer-policy'], 'no-referrer', url);
      assert.equal(response.headers['cross-origin-resource-policy'], 'same-origin', url);
      assert.ok(response.headers['strict-transport-security'], url);
    }
  });

  test("the console's pages carry helmet's document headers with the console's own policy", async () => {
    const app = await server();
    const response = await app.inject({ method: 'GET', url: '/' });
    assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(response.headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
  });

  test('a failure that is not a Bulwark error is a 500 without its message or stack', async () => {
    const app = await server();
    app.get('/boom', async () => {
      throw new Error('database password is hunter2');
    });
    const response = await app.inject({ method: 'GET', url: '/boom' });
    assert.equal(response.statusCode, 500);
    assert.deepEqual(response.json(), { code: 'BULWARK_E_INTERNAL', message: 'Internal error' });
    assert.doesNotMatch(response.body, /hunter2|at .*\.ts/);
  });

  test('CORS headers are absent unless origins are configured, then only for those origins', async () => {
    const origin = { origin: 'https://console.bank.example' };
    const closed = await server();
    const none = await getAs(closed, '/api/v1/stats', hub.keys.bankReader, origin);
    assert.equal(none.headers['access-control-allow-origin'], undefined);

    const open = await server({ corsOrigins: ['https://console.bank.example'] });
    const allowed = await getAs(open, '/api/v1/stats', hub.keys.bankReader, origin);
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://console.bank.example');
    const preflight = await open.inject({
      method: 'OPTIONS',
      url: '/api/v1/stats',
      headers: { ...origin, 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.statusCode, 204);
    const foreign = await getAs(open, '/api/v1/stats', hub.keys.bankReader, {
      origin: 'https://evil.example',
    });
    assert.equal(foreign.headers['access-control-allow-origin'], undefined);
  });
});
