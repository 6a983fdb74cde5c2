import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openGraph } from '../../src/chain/index.ts';
import { addOrganisation, createKey } from '../../src/hub/index.ts';
import { publishService } from '../../src/screen/taint/test-labels.ts';
import { closeServedGraphs } from '../../src/server/api/trace-graph.ts';
import { createServer } from '../../src/server/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { type TraceResult, traceRequest } from '../../src/trace/index.ts';
import { addr, buildGraph } from '../../src/trace/test-graph.ts';
import { tempDir } from '../support/temp-dir.ts';

interface Paths {
  found: boolean;
  steps: { from: string; to: string; row: number }[];
  paths: {
    hops: number;
    asset: string;
    bottleneck: string;
    addresses: { address: string; labels: string[] }[];
    transfers: { tx: string; time: number; from: string; to: string; asset: string; value: string }[];
  }[];
  truncated: boolean;
}
const traced = async (r: Response) => (await r.json()) as TraceResult;
const pathsOf = async (r: Response) => (await r.json()) as Paths;
const codeOf = async (r: Response) => ((await r.json()) as { code: string }).code;

describe('REST tracing over a real server and graph store', () => {
  const dir = tempDir('bulwark-api-trace-');
  const graphDir = join(dir.path, 'chain');
  let store: Store;
  let app: FastifyInstance;
  let base = '';
  const keys = { a: '', b: '' };
  // v pays the seed a; a → b → x (Exchange A's hot wallet) → y; a → c later; then y → b (too late for c)
  const steps = [
    [{ from: 'v', to: 'a', value: 1000n }],
    [{ from: 'a', to: 'b', value: 600n }],
    [{ from: 'b', to: 'x', value: 600n }],
    [{ from: 'x', to: 'y', value: 300n }],
    [{ from: 'a', to: 'c', value: 400n }],
  ];

  before(async () => {
    mkdirSync(dir.path, { recursive: true });
    buildGraph(graphDir, steps).close();
    store = await openStore({ data: dir.path });
    const a = await addOrganisation(store, 'Exchange A');
    const b = await addOrganisation(store, 'Bank B');
    keys.a = (await createKey(store, { org: a.name, role: 'reader' })).key;
    keys.b = (await createKey(store, { org: b.name, role: 'reader' })).key;
    // Exchange A's private label (TLP:AMBER, shared with nobody): x is its hot wallet
    await publishService(store, a.id, addr('x'), 'Exchange A hot wallets', 'exchange', 'amber');
    app = createServer({ store, graphDir });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app.close();
    closeServedGraphs();
    await store.close();
    dir.remove();
  });

  const post = (key: string | undefined, body: unknown) =>
    fetch(`${base}/api/v1/trace`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });
  const get = (key: string, path: string) =>
    fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });

  it('answers the trace --json shape, stopping at the exchange the caller labelled', async () => {
    const response = await post(keys.a, { seeds: [addr('a')], model: 'haircut', hops: 6 });
    assert.equal(response.status, 200, await response.clone().text());
    const r = await traced(response);
    assert.equal(r.model, 'haircut');
    assert.deepEqual(r.seeds, [addr('a')]);
    const byAddress = new Map(r.addresses.map((a) => [a.address, a]));
    assert.deepEqual(byAddress.get(addr('x')), {
      address: addr('x'),
      asset: 'ETH',
      received: '600',
      holding: '600',
      hops: 2,
      labels: ['exchange:Exchange A hot wallets'],
    });
    assert.equal(byAddress.has(addr('y')), false, 'nothing is followed out of the exchange');
    assert.deepEqual(
      r.endpoints.map((e) => [e.address, e.category, e.path]),
      [[addr('x'), 'exchange', [addr('a'), addr('b'), addr('x')]]],
    );
    const exchange = r.summary.find((d) => d.category === 'exchange')!;
    assert.equal(exchange.value, '600');
    assert.equal(exchange.name, 'Exchange A hot wallets');
    assert.ok(r.transfers.length >= 3);
  });

  it("shows another organisation neither Exchange A's private label nor its effect", async () => {
    const response = await post(keys.b, { seeds: [addr('a')] });
    assert.equal(response.status, 200);
    const r = await traced(response);
    const x = r.addresses.find((a) => a.address === addr('x'))!;
    assert.deepEqual(x.labels, []);
    assert.ok(
      r.addresses.some((a) => a.address === addr('y')),
      'followed past x',
    );
    assert.deepEqual(r.endpoints, []);
    assert.equal(JSON.stringify(r).includes('Exchange A'), false);
    // the very function `bulwark trace` calls gives the same answer without labels
    const graph = openGraph(graphDir, { readonly: true });
    try {
      assert.deepEqual(r, JSON.parse(JSON.stringify(traceRequest(graph, { seeds: [addr('a')] }))));
    } finally {
      graph.close();
    }
  });

  it('traces backward and with every model', async () => {
    for (const model of ['poison', 'haircut', 'fifo']) {
      const r = await traced(await post(keys.b, { seeds: [addr('y')], model, direction: 'backward' }));
      assert.equal(r.direction, 'backward');
      assert.ok(
        r.addresses.some((a) => a.address === addr('v')),
        model,
      );
      assert.equal(
        r.addresses.some((a) => a.address === addr('c')),
        false,
        'c was paid after y',
      );
    }
  });

  it('finds a time-ordered path between two addresses, and none that would go back in time', async () => {
    const found = await pathsOf(
      await get(keys.b, `/api/v1/trace/paths?from=${addr('a')}&to=${addr('y')}&hops=4`),
    );
    assert.equal(found.found, true);
    assert.deepEqual(
      found.steps.map((s) => [s.from, s.to]),
      [
        [addr('a'), addr('b')],
        [addr('b'), addr('x')],
        [addr('x'), addr('y')],
      ],
    );
    const short = await pathsOf(
      await get(keys.b, `/api/v1/trace/paths?from=${addr('a')}&to=${addr('y')}&hops=2`),
    );
    assert.equal(short.found, false);
    const back = await pathsOf(await get(keys.b, `/api/v1/trace/paths?from=${addr('c')}&to=${addr('y')}`));
    assert.deepEqual(back.steps, []);
    assert.equal(back.found, false);
  });

  it('lists the top-k paths with their transfers, bottleneck and the labels the caller may read', async () => {
    const url = `/api/v1/trace/paths?from=${addr('a')}&to=${addr('y')}&hops=4&k=3&asset=ETH`;
    const seen = await pathsOf(await get(keys.a, url));
    assert.equal(seen.found, true);
    assert.equal(seen.truncated, false);
    assert.equal(seen.paths.length, 1, 'a → c came after, and c never paid anyone');
    const [p] = seen.paths;
    assert.equal(p!.hops, 3);
    assert.equal(p!.asset, 'ETH');
    assert.equal(p!.bottleneck, '300', 'the least of 600, 600 and 300');
    assert.deepEqual(
      p!.transfers.map((t) => [t.from, t.to, t.value, t.asset, t.time]),
      [
        [addr('a'), addr('b'), '600', 'ETH', 1_700_000_000 + 12],
        [addr('b'), addr('x'), '600', 'ETH', 1_700_000_000 + 24],
        [addr('x'), addr('y'), '300', 'ETH', 1_700_000_000 + 36],
      ],
    );
    assert.match(p!.transfers[0]!.tx, /^0x[0-9a-f]{64}$/);
    const labelsOfX = (r: Paths) => r.paths[0]!.addresses.find((x) => x.address === addr('x'))!.labels;
    assert.deepEqual(labelsOfX(seen), ['exchange:Exchange A hot wallets']);
    // Bank B may not read Exchange A's private label: the same path, unlabelled
    assert.deepEqual(labelsOfX(await pathsOf(await get(keys.b, url))), []);
    const since = await pathsOf(
      await get(keys.b, `/api/v1/trace/paths?from=${addr('a')}&to=${addr('y')}&since=${1_700_000_000 + 13}`),
    );
    assert.equal(since.found, false, 'a → b is before `since`');
    assert.equal(
      (await get(keys.b, `/api/v1/trace/paths?from=${addr('a')}&to=${addr('y')}&k=0`)).status,
      400,
    );
  });

  it('refuses bad requests (400), callers without a key (401) and unknown seeds (404)', async () => {
    assert.equal((await post(keys.b, { seeds: [] })).status, 400);
    assert.equal((await post(keys.b, { seeds: [addr('a')], hops: -1 })).status, 400);
    assert.equal((await post(keys.b, { seeds: [addr('a')], model: 'magic' })).status, 400);
    assert.equal((await post(keys.b, { seeds: [addr('a')], extra: 1 })).status, 400);
    assert.equal((await post(undefined, { seeds: [addr('a')] })).status, 401);
    const unknown = await post(keys.b, { seeds: [addr('q')] });
    assert.equal(unknown.status, 404);
    assert.equal(await codeOf(unknown), 'BULWARK_E_TRACE_ADDRESS');
    assert.equal((await get(keys.b, '/api/v1/trace/paths?from=x')).status, 400);
  });

  it('sees blocks an ingest commits after the server opened the graph', async () => {
    const before = await traced(await post(keys.b, { seeds: [addr('a')] }));
    assert.equal(
      before.addresses.some((a) => a.address === addr('z')),
      false,
    );
    const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
    const i = steps.length;
    const writer = openGraph(graphDir);
    try {
      writer.ethereum.append({
        height: i,
        hash: hash(i + 1),
        parentHash: hash(i),
        time: 1_700_000_000 + 12 * i,
        txs: [{ hash: hash(1000 + i), from: addr('y'), to: addr('z'), value: 100n, fee: 0n, ok: true }],
        transfers: [
          { from: addr('y'), to: addr('z'), value: 100n, asset: 'ETH', txHash: hash(1000 + i), kind: 'call' },
        ],
      });
      writer.ethereum.commit();
    } finally {
      writer.close();
    }
    const after = await traced(await post(keys.b, { seeds: [addr('a')] }));
    assert.ok(after.addresses.some((a) => a.address === addr('z')));
  });

  it('lists both resources in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    assert.ok(doc.paths['/api/v1/trace']?.post);
    assert.ok(doc.paths['/api/v1/trace/paths']?.get);
  });
});

describe('REST tracing without a graph', () => {
  it('answers 409 GRAPH_MISSING and keeps serving', async () => {
    const dir = tempDir('bulwark-api-trace-none-');
    const store = await openStore({ data: dir.path });
    const org = await addOrganisation(store, 'Bank B');
    const key = (await createKey(store, { org: org.name, role: 'reader' })).key;
    const app = createServer({ store, graphDir: join(dir.path, 'chain') });
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const response = await fetch(`${base}/api/v1/trace`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ seeds: [addr('a')] }),
      });
      assert.equal(response.status, 409);
      assert.equal(await codeOf(response), 'BULWARK_E_GRAPH_MISSING');
      assert.equal((await fetch(`${base}/healthz`)).status, 200);
    } finally {
      await app.close();
      await store.close();
      dir.remove();
    }
  });
});
