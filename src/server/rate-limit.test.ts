/**
 * The limiter charges a request to the budget of the key it verified, never to a key id merely named:
 * wrong secrets sent with a victim key's id spend the sender's address budget, not the victim's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type ApiHub, openApiHub } from '../../test/api/api-hub.ts';
import { createServer } from './create-server.ts';

let hub: ApiHub;
let app: FastifyInstance;

before(async () => {
  hub = await openApiHub();
  app = createServer({ store: hub.store, rateLimit: 3 });
  await app.ready();
});
after(async () => {
  await app.close();
  await hub.close();
});

const get = (key: string | undefined, ip = '10.0.0.1') =>
  app.inject({
    method: 'GET',
    url: '/api/v1/stats',
    remoteAddress: ip,
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });

/** The victim's key id with a secret that is not its own. */
function forged(key: string): string {
  const id = /^bwk_([0-9a-f]{24})_/.exec(key)?.[1];
  assert.ok(id);
  return `bwk_${id}_${'A'.repeat(43)}`;
}

describe('rate-limit buckets', () => {
  test('wrong secrets with a victim key id do not spend the victim key budget', async () => {
    const attack = [];
    for (let i = 0; i < 5; i++)
      attack.push((await get(forged(hub.keys.policeReader), '10.6.6.6')).statusCode);
    assert.deepEqual(attack, [401, 401, 401, 429, 429]);
    const victim = [];
    for (let i = 0; i < 3; i++) victim.push((await get(hub.keys.policeReader, '10.6.6.6')).statusCode);
    assert.deepEqual(victim, [200, 200, 200]);
  });

  test('a verified key keeps one budget whatever address it calls from', async () => {
    const answers = [];
    for (const ip of ['10.1.0.1', '10.1.0.2', '10.1.0.3', '10.1.0.4']) {
      answers.push((await get(hub.keys.bankReader, ip)).statusCode);
    }
    assert.deepEqual(answers, [200, 200, 200, 429]);
  });

  test('refused keys and anonymous callers from one address share that address budget', async () => {
    const answers = [(await get(undefined, '10.2.0.1')).statusCode];
    answers.push((await get(forged(hub.keys.bankWriter), '10.2.0.1')).statusCode);
    answers.push((await get('not-a-key', '10.2.0.1')).statusCode);
    answers.push((await get(undefined, '10.2.0.1')).statusCode);
    assert.deepEqual(answers, [401, 401, 401, 429]);
  });
});
