import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importElements } from '../../src/hub/index.ts';
import { type ApiHub, call, openApiHub } from '../api/api-hub.ts';
import { walletFlag } from '../support/stix-fixtures.ts';

const PRIVATE = '0x5555555555555555555555555555555555555555';
const SHARED = 'bc1qsharedflaggedaddress000000000000000';

describe('REST screening', () => {
  let hub: ApiHub;
  before(async () => {
    hub = await openApiHub();
    const flag = walletFlag;
    const put = async (value: object, audience: { communities: string[] }) => {
      async function* one() {
        yield [{ value, place: { index: 0, line: 0 } }];
      }
      await importElements(one(), {
        store: hub.store,
        authorOrg: hub.orgs.exchange,
        defaultTlp: audience.communities.length ? 'green' : 'amber',
        audience: { ...audience, orgs: [], users: [] },
      });
    };
    await put(flag('indicator--0d6f1e2a-3b4c-4d5e-8f60-718293a4b5c6', PRIVATE), { communities: [] });
    await put(flag('indicator--1e7a2f3b-4c5d-4e6f-9071-8293a4b5c6d7', SHARED), {
      communities: [hub.communities.banks],
    });
  });
  after(() => hub.close());

  it('GET /api/v1/screen/{address} answers the DESIGN.md shape for what the caller may read', async () => {
    const own = await call(
      hub,
      'GET',
      `/api/v1/screen/${PRIVATE.toUpperCase().replace('0X', '0x')}`,
      hub.keys.exchangeWriter,
    );
    assert.equal(own.statusCode, 200, own.body);
    const result = own.json();
    assert.equal(result.address, PRIVATE);
    assert.equal(result.risk, 'high');
    assert.equal(result.reasons[0].kind, 'direct');
    assert.equal(typeof result.reasons[0].source, 'string');
    assert.equal(typeof result.reasons[0].detail, 'string');
    const other = await call(hub, 'GET', `/api/v1/screen/${PRIVATE}`, hub.keys.bankReader);
    assert.deepEqual(other.json(), { address: PRIVATE, risk: 'none', reasons: [] });
  });

  it('POST /api/v1/screen answers every address in order', async () => {
    const response = await call(hub, 'POST', '/api/v1/screen', hub.keys.bankReader, {
      addresses: [SHARED.toUpperCase(), PRIVATE, 'unknown'],
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(
      response.json().results.map((r: { address: string; risk: string }) => [r.address, r.risk]),
      [
        [SHARED, 'high'],
        [PRIVATE, 'none'],
        ['unknown', 'none'],
      ],
    );
  });

  it('refuses callers without a key (401) and empty batches (400)', async () => {
    assert.equal((await call(hub, 'GET', `/api/v1/screen/${PRIVATE}`)).statusCode, 401);
    const empty = await call(hub, 'POST', '/api/v1/screen', hub.keys.bankReader, { addresses: [] });
    assert.equal(empty.statusCode, 400);
  });
});
