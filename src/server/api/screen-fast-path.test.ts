/**
 * The screening fast path answers exactly as fastify does: the same requests — good and odd addresses,
 * no key, refused keys, another organisation's private label, a spent budget — sent over real HTTP to
 * a server with the fast path and to one without get the same status, headers (in order) and bytes.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type ApiHub, openApiHub } from '../../../test/api/api-hub.ts';
import { walletFlag } from '../../../test/support/stix-fixtures.ts';
import { createKey, importElements, revokeKey } from '../../hub/index.ts';
import { createServer } from '../create-server.ts';

const PRIVATE = '0x5555555555555555555555555555555555555555';
const SHARED = 'bc1qsharedflaggedaddress000000000000000';
const LIMIT = 4;

interface Answer {
  status: number;
  /** Raw header lines in order, Date left out (the clock's). */
  headers: string[];
  body: string;
}

interface Served {
  app: FastifyInstance;
  port: number;
  /** Requests that went through fastify's hooks. */
  framework: number;
}

function send(port: number, method: string, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = res.rawHeaders;
        const lines: string[] = [];
        for (let i = 0; i < raw.length; i += 2) if (raw[i] !== 'Date') lines.push(`${raw[i]}: ${raw[i + 1]}`);
        resolve({
          status: res.statusCode ?? 0,
          headers: lines,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** The victim's key id with a secret that is not its own. */
function forged(key: string): string {
  const id = /^bwk_([0-9a-f]{24})_/.exec(key)?.[1];
  assert.ok(id);
  return `bwk_${id}_${'A'.repeat(43)}`;
}

/** A rate-limit header line's seconds, or undefined for any other line. */
function seconds(line: string): number | undefined {
  const m = /^(x-ratelimit-reset|retry-after): (\d+)$/.exec(line);
  return m ? Number(m[2]) : undefined;
}

/**
 * Equal, except that the seconds left in a window may differ by one: each server's window starts at
 * its own first request, a few milliseconds apart, and a second boundary may fall between them.
 */
function assertSame(fast: Answer, framework: Answer, what: string): void {
  assert.equal(fast.status, framework.status, `${what}: status`);
  assert.equal(
    fast.headers.length,
    framework.headers.length,
    `${what}: headers ${fast.headers} / ${framework.headers}`,
  );
  let shifted = false;
  fast.headers.forEach((line, i) => {
    const other = framework.headers[i]!;
    const [a, b] = [seconds(line), seconds(other)];
    if (a !== undefined && b !== undefined && a !== b) {
      assert.equal(Math.abs(a - b), 1, `${what}: ${line} / ${other}`);
      shifted = true;
    } else assert.equal(line, other, `${what}: header ${i}`);
  });
  const unshift = (body: string) => (shifted ? body.replace(/Retry after [^,]*,/, 'Retry after …,') : body);
  assert.equal(unshift(fast.body), unshift(framework.body), `${what}: body`);
}

describe('screening fast path', () => {
  let hub: ApiHub;
  let fast: Served;
  let framework: Served;
  const keys: Record<string, string> = {};

  async function serve(screenFastPath: boolean): Promise<Served> {
    const app = createServer({ store: hub.store, rateLimit: LIMIT, screenFastPath });
    const served: Served = { app, port: 0, framework: 0 };
    app.addHook('onRequest', (_request, _reply, done) => {
      served.framework++;
      done();
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    served.port = (app.server.address() as AddressInfo).port;
    return served;
  }

  before(async () => {
    hub = await openApiHub();
    const flag = walletFlag;
    const put = async (value: object, communities: string[]) => {
      async function* one() {
        yield [{ value, place: { index: 0, line: 0 } }];
      }
      await importElements(one(), {
        store: hub.store,
        authorOrg: hub.orgs.exchange,
        defaultTlp: communities.length ? 'green' : 'amber',
        audience: { communities, orgs: [], users: [] },
      });
    };
    await put(flag('indicator--0d6f1e2a-3b4c-4d5e-8f60-718293a4b5c6', PRIVATE), []);
    await put(flag('indicator--1e7a2f3b-4c5d-4e6f-9071-8293a4b5c6d7', SHARED), [hub.communities.banks]);
    // keys of their own, so each case below has a budget of its own
    for (const [name, org, role] of [
      ['author', 'Coin Exchange', 'contributor'],
      ['bank', 'First Bank', 'reader'],
      ['police', 'National Police', 'reader'],
      ['odd', 'First Bank', 'admin'],
      ['revoked', 'First Bank', 'reader'],
      ['audited', 'First Bank', 'reader'],
    ] as const) {
      const created = await createKey(hub.store, { org, role });
      keys[name] = created.key;
      if (name === 'revoked') await revokeKey(hub.store, created.record.id);
    }
    fast = await serve(true);
    framework = await serve(false);
  });
  after(async () => {
    await fast.app.close();
    await framework.app.close();
    await hub.close();
  });

  test('answers every request as fastify does, and takes the plain successes itself', async () => {
    const cases: [string, string, string, Record<string, string>][] = [
      // the author sees its own TLP:AMBER label, in any spelling of the address
      [
        'own private label',
        'GET',
        `/api/v1/screen/${PRIVATE.toUpperCase().replace('0X', '0x')}`,
        bearer(keys.author!),
      ],
      ['own private label, lower case', 'GET', `/api/v1/screen/${PRIVATE}`, bearer(keys.author!)],
      ['unknown address', 'GET', '/api/v1/screen/unknown', bearer(keys.author!)],
      // another organisation does not; a community member sees the community's label
      ["other org's private label", 'GET', `/api/v1/screen/${PRIVATE}`, bearer(keys.bank!)],
      ['community label', 'GET', `/api/v1/screen/${SHARED}`, bearer(keys.bank!)],
      ['community label again', 'GET', `/api/v1/screen/${SHARED}`, bearer(keys.bank!)],
      ['last of the budget', 'GET', `/api/v1/screen/${SHARED}`, bearer(keys.bank!)],
      ['budget spent', 'GET', `/api/v1/screen/${SHARED}`, bearer(keys.bank!)],
      ['budget still spent', 'GET', `/api/v1/screen/${SHARED}`, bearer(keys.bank!)],
      ['outside the community', 'GET', `/api/v1/screen/${SHARED}`, bearer(keys.police!)],
      ['over the router parameter limit', 'GET', `/api/v1/screen/${'a'.repeat(150)}`, bearer(keys.police!)],
      ['percent-escaped address', 'GET', '/api/v1/screen/a%20b', bearer(keys.police!)],
      ['query string', 'GET', `/api/v1/screen/${SHARED}?x=1`, bearer(keys.police!)],
      ['no address', 'GET', '/api/v1/screen/', bearer(keys.odd!)],
      ['trailing slash', 'GET', `/api/v1/screen/${SHARED}/`, bearer(keys.odd!)],
      ['HEAD', 'HEAD', `/api/v1/screen/${SHARED}`, bearer(keys.odd!)],
      ['POST', 'POST', `/api/v1/screen/${SHARED}`, bearer(keys.odd!)],
      // refused and anonymous callers draw on their address's budget
      ['no key', 'GET', `/api/v1/screen/${SHARED}`, {}],
      ['forged secret', 'GET', `/api/v1/screen/${SHARED}`, bearer(forged(keys.bank!))],
      ['revoked key', 'GET', `/api/v1/screen/${SHARED}`, bearer(keys.revoked!)],
      ['not a key', 'GET', `/api/v1/screen/${SHARED}`, { authorization: 'Bearer not-a-key' }],
      ['address budget spent', 'GET', `/api/v1/screen/${SHARED}`, {}],
    ];
    const statuses: number[] = [];
    const bodies: string[] = [];
    for (const [what, method, path, headers] of cases) {
      const a = await send(fast.port, method, path, headers);
      const b = await send(framework.port, method, path, headers);
      assertSame(a, b, what);
      statuses.push(a.status);
      bodies.push(a.body);
    }
    // the cases say what they claim to
    assert.deepEqual(
      statuses,
      [
        200, 200, 200, 200, 200, 200, 200, 429, 429, 200, 404, 200, 200, 400, 404, 200, 404, 401, 401, 401,
        401, 429,
      ],
    );
    const risk = (n: number) => (JSON.parse(bodies[n]!) as { risk: string }).risk;
    assert.deepEqual([risk(0), risk(3), risk(4), risk(9)], ['high', 'none', 'high', 'none']);
    // the eight plain successes it takes (not the escaped address, the query string, HEAD) never
    // reached fastify's hooks on the fast server; everything else did, on both
    assert.equal(framework.framework - fast.framework, 8);
  });

  test('without a limiter too; a refused key is audited once, though both paths look at it', async () => {
    const unlimited = [
      createServer({ store: hub.store, rateLimit: 0 }),
      createServer({ store: hub.store, rateLimit: 0, screenFastPath: false }),
    ];
    try {
      for (const app of unlimited) await app.listen({ host: '127.0.0.1', port: 0 });
      const [fastPort, slowPort] = unlimited.map((app) => (app.server.address() as AddressInfo).port) as [
        number,
        number,
      ];
      const path = `/api/v1/screen/${SHARED}`;
      const answer = await send(fastPort, 'GET', path, bearer(keys.audited!));
      assertSame(answer, await send(slowPort, 'GET', path, bearer(keys.audited!)), 'answer');
      assert.equal(answer.status, 200);
      const refusals = async () => (await hub.store.members.queryAudit({ action: 'auth.refused' })).length;
      const before = await refusals();
      const refused = await send(fastPort, 'GET', path, bearer(forged(keys.audited!)));
      assert.equal(refused.status, 401);
      assert.equal((await refusals()) - before, 1);
    } finally {
      for (const app of unlimited) await app.close();
    }
  });
});
