import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openGraph } from '../../src/chain/index.ts';
import { addOrganisation, createCommunity, createKey } from '../../src/hub/index.ts';
import { closeClusterSources } from '../../src/server/api/clusters.ts';
import { createServer } from '../../src/server/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { buildClusters } from '../../src/trace/cluster/index.ts';
import { address } from '../../src/trace/cluster/test-chain.ts';
import { tempDir } from '../support/temp-dir.ts';
import { flagListed, writeCoSpendChain } from './co-spend-world.ts';

const LISTED = address('listed');
const PARTNER = address('partner');
const PAYEE = address('payee');

describe('REST clusters and same-cluster screening', () => {
  const tmp = tempDir();
  let store: Store;
  let app: FastifyInstance;
  let exchangeKey: string;
  let bankKey: string;
  const get = (url: string, key?: string) =>
    app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });

  before(async () => {
    store = await openStore({ data: tmp.path });
    const bank = await addOrganisation(store, 'First Bank');
    const exchange = await addOrganisation(store, 'Coin Exchange');
    await createCommunity(store, 'ISAC', [bank.name, exchange.name]);
    exchangeKey = (await createKey(store, { org: exchange.name, role: 'reader' })).key;
    bankKey = (await createKey(store, { org: bank.name, role: 'reader' })).key;
    // the exchange flags "listed" privately (TLP:AMBER, no community): the bank may not see it
    await flagListed(store, exchange.id, 'amber');
    const graphDir = writeCoSpendChain(tmp.path);
    const g = openGraph(graphDir);
    buildClusters(g);
    g.close();
    app = createServer({ store, graphDir, alerts: { pollMs: 60_000 } });
    await app.ready();
  });
  after(async () => {
    await app.close();
    closeClusterSources();
    await store.close();
    tmp.remove();
  });

  it('GET /api/v1/clusters/{address}: id, size, members, merges, and why two addresses are together', async () => {
    const r = await get(`/api/v1/clusters/${PARTNER}?with=${LISTED}`, bankKey);
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.equal(body.size, 2);
    assert.deepEqual(new Set(body.members), new Set([LISTED, PARTNER]));
    assert.deepEqual(body.merges, { 'multi-input': 1, change: 0, deposit: 0 });
    assert.equal(body.why.length, 1);
    assert.equal(body.why[0].heuristic, 'multi-input');
    assert.equal(body.why[0].block, 1);
    const apart = await get(`/api/v1/clusters/${PAYEE}?with=${LISTED}`, bankKey);
    assert.equal(apart.json().why, null);
    assert.equal(apart.json().size, 1);
  });

  it('answers 404 for an address the graph does not hold, 400 for a bad query, 401 without a key', async () => {
    assert.equal((await get(`/api/v1/clusters/${address('nobody')}`, bankKey)).statusCode, 404);
    assert.equal((await get(`/api/v1/clusters/${PARTNER}?members=-1`, bankKey)).statusCode, 400);
    assert.equal((await get(`/api/v1/clusters/${PARTNER}?extra=1`, bankKey)).statusCode, 400);
    assert.equal((await get(`/api/v1/clusters/${PARTNER}`)).statusCode, 401);
  });

  it('screening gives a same-cluster reason to the reader who sees the label, and nothing to one who does not', async () => {
    const seen = await get(`/api/v1/screen/${PARTNER}`, exchangeKey);
    assert.equal(seen.statusCode, 200, seen.body);
    const result = seen.json();
    assert.equal(result.risk, 'medium', 'one step below the flag (high)');
    assert.equal(result.reasons[0].kind, 'same-cluster');
    assert.equal(result.reasons[0].member, LISTED);
    assert.equal(result.reasons[0].cluster_size, 2);
    const blind = await get(`/api/v1/screen/${PARTNER}`, bankKey);
    assert.deepEqual(blind.json(), { address: PARTNER, risk: 'none', reasons: [] });
  });

  it('lists the route in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/clusters/{address}']);
  });
});
