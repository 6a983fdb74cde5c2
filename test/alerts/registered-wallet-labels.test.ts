/**
 * An exchange's registered deposit and hot wallets are labels of its own: its screen says so (low
 * risk, TLP:RED, source "registered wallets"), its trace stops there and names them, over REST and
 * with `--as-org`; another organisation sees neither the label nor its effect; registering and
 * removing are reflected in the next screen and trace.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { registerWallet } from '../../src/alerts/index.ts';
import { openGraph } from '../../src/chain/index.ts';
import { addOrganisation, type Caller, createKey } from '../../src/hub/index.ts';
import {
  buildScreeningIndex,
  type ClusterReason,
  clusterExposureFor,
  ScreenerCache,
  type ScreenResult,
} from '../../src/screen/index.ts';
import { closeServedGraphs } from '../../src/server/api/trace-graph.ts';
import { createServer } from '../../src/server/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { buildClusters, openClusters } from '../../src/trace/cluster/index.ts';
import { address, TestChain } from '../../src/trace/cluster/test-chain.ts';
import type { TraceResult } from '../../src/trace/index.ts';
import { addr, buildGraph } from '../../src/trace/test-graph.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

// v pays the seed a; a → b → x (Exchange One's wallet, once registered) → y
const STEPS = [
  [{ from: 'v', to: 'a', value: 1000n }],
  [{ from: 'a', to: 'b', value: 600n }],
  [{ from: 'b', to: 'x', value: 600n }],
  [{ from: 'x', to: 'y', value: 300n }],
];
const X = addr('x');

const member = (org: { id: string; name: string }): Caller => ({
  kind: 'member',
  orgId: org.id,
  orgName: org.name,
  userId: `key-${org.name}`,
  role: 'reader',
  communityIds: [],
});

describe('registered wallets as labels (in process)', () => {
  const dir = tempDir('bulwark-wallet-labels-');
  let store: Store;
  const callers: Record<'one' | 'b', Caller> = {} as never;

  before(async () => {
    store = await openStore({ data: dir.path });
    callers.one = member(await addOrganisation(store, 'Exchange One'));
    callers.b = member(await addOrganisation(store, 'Bank B'));
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  it("labels the organisation's own wallet for it alone, low risk and TLP:RED", async () => {
    const orgId = (callers.one as { orgId: string }).orgId;
    await registerWallet(store, orgId, X, 'deposit');
    const own = (await buildScreeningIndex(store, callers.one)).screen(X);
    assert.equal(own.risk, 'low', 'an exchange is who holds the address, not a finding against it');
    assert.equal(own.reasons.length, 1);
    const [reason] = own.reasons as (ScreenResult['reasons'][number] & Record<string, unknown>)[];
    assert.deepEqual(
      [reason!.kind, reason!.category, reason!.source, reason!.detail, reason!.marking, reason!.author],
      ['direct', 'exchange', 'registered wallets', 'registered deposit wallet', 'red', 'Exchange One'],
    );
    assert.deepEqual(reason!.entities, [
      { id: orgId, type: 'identity', name: 'Exchange One (your deposit wallet)' },
    ]);
    for (const other of [callers.b, { kind: 'operator' } as Caller]) {
      const seen = (await buildScreeningIndex(store, other)).screen(X);
      assert.deepEqual([seen.risk, seen.reasons], ['none', []]);
    }
    assert.equal(await store.alerts.removeWallet(orgId, X), true);
  });

  it('a refresh notices a registration, a change of role and a removal', async () => {
    const orgId = (callers.one as { orgId: string }).orgId;
    const screener = await buildScreeningIndex(store, callers.one);
    assert.equal(screener.screen(X).reasons.length, 0);
    await registerWallet(store, orgId, X, 'hot');
    // the one-seek look (no recount) does not read the wallets; the recount does
    assert.equal(await screener.refresh({ recount: false }), false);
    assert.equal(await screener.refresh(), true);
    assert.equal(screener.screen(X).reasons[0]?.detail, 'registered hot wallet');
    assert.equal(await screener.refresh(), false, 'nothing changed since');
    await registerWallet(store, orgId, X, 'deposit');
    assert.equal(await screener.refresh({ recount: false, wallets: true }), true);
    assert.equal(screener.screen(X).reasons[0]?.detail, 'registered deposit wallet');
    await store.alerts.removeWallet(orgId, X);
    assert.equal(await screener.refresh(), true);
    assert.deepEqual(screener.screen(X).reasons, []);
  });

  it("ScreenerCache.walletsChanged rebuilds the organisation's screeners before it resolves, no one else's", async () => {
    const orgId = (callers.one as { orgId: string }).orgId;
    // checks far apart: only walletsChanged can make the change visible within this test
    const cache = new ScreenerCache(store, { checkEveryMs: 3_600_000, recountEveryMs: 3_600_000 });
    const one = await cache.forCaller(callers.one);
    const b = await cache.forCaller(callers.b);
    assert.equal(one.screen(X).reasons.length, 0);
    await registerWallet(store, orgId, X, 'deposit');
    assert.equal((await cache.forCaller(callers.one)).screen(X).reasons.length, 0, 'not yet told');
    await cache.walletsChanged(orgId);
    assert.equal((await cache.forCaller(callers.one)).screen(X).reasons[0]?.category, 'exchange');
    assert.equal(cache.readyFor(callers.one)?.screen(X).risk, 'low', 'the fast path sees it too');
    assert.deepEqual(b.screen(X).reasons, []);
    await store.alerts.removeWallet(orgId, X);
    await cache.walletsChanged(orgId);
    assert.deepEqual((await cache.forCaller(callers.one)).screen(X).reasons, []);
    await cache.idle();
  });

  it("a wallet's cluster partner is informational same-cluster exposure for the organisation only", async () => {
    const orgId = (callers.one as { orgId: string }).orgId;
    const g = openGraph(join(dir.path, 'chain'));
    try {
      // 'deposit' and 'partner' are spent together: one cluster
      const chain = new TestChain();
      const [a, b] = chain.append(g, [
        { ins: [], outs: [{ to: 'deposit', value: 100_000_000 }] },
        { ins: [], outs: [{ to: 'partner', value: 100_000_001 }] },
      ]);
      chain.append(g, [
        {
          ins: [
            [a!, 0],
            [b!, 0],
          ],
          outs: [{ to: 'payee', value: 200_000_000 }],
        },
      ]);
      buildClusters(g, { change: false });
      const view = openClusters(g);
      const exposureFor = clusterExposureFor(() => view);
      await registerWallet(store, orgId, address('deposit'), 'deposit');
      const own = (await buildScreeningIndex(store, callers.one, { exposureFor })).screen(address('partner'));
      const reason = own.reasons[0] as ClusterReason | undefined;
      assert.equal(reason?.kind, 'same-cluster');
      assert.equal(reason?.source, 'registered wallets');
      assert.equal(reason?.member, address('deposit'));
      assert.equal(own.risk, 'none', 'one step below an exchange label: informational');
      const other = (await buildScreeningIndex(store, callers.b, { exposureFor })).screen(address('partner'));
      assert.deepEqual(other.reasons, []);
      await store.alerts.removeWallet(orgId, address('deposit'));
    } finally {
      g.close();
    }
  });
});

describe('registered wallets as labels over REST and the CLI', () => {
  const dir = tempDir('bulwark-wallet-labels-api-');
  const graphDir = join(dir.path, 'chain');
  let store: Store;
  let app: FastifyInstance;
  let base = '';
  const keys = { oneAdmin: '', one: '', b: '', bAdmin: '' };

  before(async () => {
    mkdirSync(dir.path, { recursive: true });
    buildGraph(graphDir, STEPS).close();
    store = await openStore({ data: dir.path });
    const one = await addOrganisation(store, 'Exchange One');
    const b = await addOrganisation(store, 'Bank B');
    keys.oneAdmin = (await createKey(store, { org: one.name, role: 'admin' })).key;
    keys.one = (await createKey(store, { org: one.name, role: 'reader' })).key;
    keys.b = (await createKey(store, { org: b.name, role: 'reader' })).key;
    keys.bAdmin = (await createKey(store, { org: b.name, role: 'admin' })).key;
    app = createServer({ store, graphDir });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app.close();
    closeServedGraphs();
    await store.close();
    dir.remove();
  });

  const call = (key: string, method: string, path: string, body?: unknown) =>
    fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const screen = async (key: string) => {
    const r = await call(key, 'GET', `/screen/${X}`);
    assert.equal(r.status, 200, await r.clone().text());
    return (await r.json()) as ScreenResult;
  };
  const trace = async (key: string) => {
    const r = await call(key, 'POST', '/trace', { seeds: [addr('a')], hops: 6 });
    assert.equal(r.status, 200, await r.clone().text());
    return (await r.json()) as TraceResult;
  };

  it('the next screen and trace after registering stop at the wallet for its organisation only', async () => {
    // both organisations' screeners are built (and cached) before the registration
    assert.deepEqual((await screen(keys.one)).reasons, []);
    assert.ok((await trace(keys.one)).addresses.some((a) => a.address === addr('y')));
    assert.deepEqual((await screen(keys.b)).reasons, []);

    const registered = await call(keys.oneAdmin, 'POST', '/wallets', { address: X, role: 'hot' });
    assert.equal(registered.status, 201, await registered.clone().text());

    const own = await screen(keys.one);
    assert.equal(own.risk, 'low');
    assert.deepEqual(
      own.reasons.map((r) => [r.category, r.source, r.detail]),
      [['exchange', 'registered wallets', 'registered hot wallet']],
    );
    const traced = await trace(keys.one);
    assert.equal(
      traced.addresses.some((a) => a.address === addr('y')),
      false,
      'stops at its own wallet',
    );
    assert.deepEqual(traced.addresses.find((a) => a.address === X)?.labels, [
      'exchange:Exchange One (your hot wallet)',
    ]);
    const ended = traced.summary.find((d) => d.category === 'exchange');
    assert.equal(ended?.name, 'Exchange One (your hot wallet)');
    assert.equal(ended?.value, '600');

    const other = await screen(keys.b);
    assert.deepEqual([other.risk, other.reasons], ['none', []]);
    const otherTrace = await trace(keys.b);
    assert.ok(
      otherTrace.addresses.some((a) => a.address === addr('y')),
      'followed past x',
    );
    assert.deepEqual(otherTrace.endpoints, []);
    assert.equal(JSON.stringify(otherTrace).includes('Exchange One'), false);
  });

  it('with --as-org the CLI stops at the wallet for its organisation only, and not once removed', async () => {
    const cli = (args: string[]) => runCli([...args, '--data', dir.path]);
    const asOne = await cli(['trace', addr('a'), '--as-org', 'Exchange One']);
    assert.equal(asOne.code, 0, asOne.stderr);
    assert.match(asOne.stdout, /exchange Exchange One \(your hot wallet\): 600 ETH/);
    const asB = await cli(['trace', addr('a'), '--as-org', 'Bank B']);
    assert.equal(asB.code, 0, asB.stderr);
    assert.doesNotMatch(asB.stdout, /Exchange One/);
    assert.match(asB.stdout, new RegExp(addr('y')));
    const screenOne = await cli(['screen', X, '--json', '--as-org', 'Exchange One']);
    assert.equal(screenOne.code, 0, screenOne.stderr);
    assert.equal((JSON.parse(screenOne.stdout) as ScreenResult).reasons[0]?.source, 'registered wallets');
    const screenB = await cli(['screen', X, '--json', '--as-org', 'Bank B']);
    assert.deepEqual((JSON.parse(screenB.stdout) as ScreenResult).reasons, []);

    const removed = await cli(['wallets', 'remove', X, '--org', 'Exchange One']);
    assert.equal(removed.code, 0, removed.stderr);
    const after = await cli(['trace', addr('a'), '--as-org', 'Exchange One']);
    assert.equal(after.code, 0, after.stderr);
    assert.doesNotMatch(after.stdout, /Exchange One/);
    assert.match(after.stdout, new RegExp(addr('y')));
  });

  it('DELETE /wallets/{address} removes only its own organisation’s wallet, and the label with it at once', async () => {
    const registered = await call(keys.oneAdmin, 'POST', '/wallets', { address: X, role: 'deposit' });
    assert.equal(registered.status, 201, await registered.clone().text());
    assert.equal((await screen(keys.one)).reasons[0]?.detail, 'registered deposit wallet');

    assert.equal((await call(keys.one, 'DELETE', `/wallets/${X}`)).status, 403, 'a reader may not remove');
    const otherOrg = await call(keys.bAdmin, 'DELETE', `/wallets/${X}`);
    assert.equal(otherOrg.status, 404, 'another organisation neither removes it nor learns of it');
    assert.equal((await screen(keys.one)).reasons.length, 1, 'still registered');

    const removed = await call(keys.oneAdmin, 'DELETE', `/wallets/${X.toUpperCase().replace('0X', '0x')}`);
    assert.equal(removed.status, 200, await removed.clone().text());
    assert.deepEqual(
      [((await removed.json()) as { address: string; role: string }).address, 'deposit'],
      [X, 'deposit'],
    );
    assert.deepEqual((await screen(keys.one)).reasons, [], 'the next screen no longer sees it');
    assert.equal((await call(keys.oneAdmin, 'GET', `/wallets/${X}`)).status, 404);
    assert.equal((await call(keys.oneAdmin, 'DELETE', `/wallets/${X}`)).status, 404, 'a second removal');
  });
});
