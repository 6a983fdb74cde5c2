import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addOrganisation, createKey } from '../../src/hub/index.ts';
import { publishService } from '../../src/screen/taint/test-labels.ts';
import { closeServedGraphs } from '../../src/server/api/trace-graph.ts';
import { createServer } from '../../src/server/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import type { TraceResult } from '../../src/trace/index.ts';
import { addr, buildGraph } from '../../src/trace/test-graph.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const ETH = 10n ** 18n;

/**
 * `bulwark trace --json` and `POST /api/v1/trace` through a mixer and a bridge, over one data
 * directory (hub store + graph). The mixer's label is Exchange A's alone (TLP:AMBER, no audience);
 * the bridge's is TLP:CLEAR.
 */
describe('trace through mixers and bridges, from the CLI and over REST', () => {
  const dir = tempDir('bulwark-through-e2e-');
  const data = join(dir.path, 'data');
  let store: Store;
  let app: FastifyInstance;
  let base = '';
  const keys = { a: '', b: '' };

  before(async () => {
    const g = buildGraph(join(data, 'chain'), [
      [{ from: 'v', to: 'a', value: 3n * ETH }],
      [{ from: 'a', to: 'x', value: ETH }], // into the mixer x
      [{ from: 'c', to: 'x', value: ETH }],
      [{ from: 'x', to: 'w', value: ETH }], // the withdrawal: half the anonymity set was tainted
      [{ from: 'w', to: 'y', value: ETH }],
      [{ from: 'a', to: 'b', value: ETH }], // into the bridge's address b
      [{ from: 'd', to: 'r', value: 1_000_000n, asset: 't' }], // its address d releases 1 t (6 decimals)
      [{ from: 'r', to: 'u', value: 1_000_000n, asset: 't' }],
    ]);
    g.ethereum.putTokens([{ address: addr('t'), symbol: 'WETH6', decimals: 6 }]);
    g.ethereum.commit();
    g.close();
    store = await openStore({ data });
    const a = await addOrganisation(store, 'Exchange A');
    const b = await addOrganisation(store, 'Bank B');
    keys.a = (await createKey(store, { org: a.name, role: 'reader' })).key;
    keys.b = (await createKey(store, { org: b.name, role: 'reader' })).key;
    await publishService(store, a.id, addr('x'), 'Tornado', 'mixer', 'amber');
    await publishService(store, a.id, addr('b'), 'Wormhole', 'bridge');
    await publishService(store, a.id, addr('d'), 'Wormhole', 'bridge');
    app = createServer({ store, graphDir: join(data, 'chain') });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app.close();
    closeServedGraphs();
    await store.close();
    dir.remove();
  });

  const cli = async (...args: string[]): Promise<TraceResult> => {
    const r = await runCli(['trace', addr('a'), '--hops', '8', '--json', '--data', data, ...args]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as TraceResult;
  };
  const rest = async (key: string, body: Record<string, unknown> = {}): Promise<TraceResult> => {
    const response = await post(key, { seeds: [addr('a')], hops: 8, ...body });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as TraceResult;
  };
  const post = (key: string, body: unknown) =>
    fetch(`${base}/api/v1/trace`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });
  const links = (r: TraceResult) =>
    r.links.map((l) => [l.kind, l.service, l.withdrawal.to, l.confidence, l.carried]);
  const MIXER = ['mixer', 'Tornado', addr('w'), 0.5, String(ETH / 2n)];
  const BRIDGE = ['bridge', 'Wormhole', addr('r'), 1, '1000000'];

  function assertThroughBoth(r: TraceResult): void {
    assert.deepEqual(links(r), [MIXER, BRIDGE]);
    const marked = r.transfers.filter((t) => t.link).map((t) => [t.to, t.link!.kind, t.link!.confidence]);
    assert.deepEqual(marked, [
      [addr('w'), 'mixer', 0.5],
      [addr('r'), 'bridge', 1],
    ]);
    // the services are endpoints (what went in); the paths beyond them carry the crossings
    assert.deepEqual(
      r.endpoints.map((e) => [e.address, e.category]),
      [
        [addr('x'), 'mixer'],
        [addr('b'), 'bridge'],
      ],
    );
    const held = r.summary.filter((d) => d.category === 'held').flatMap((d) => d.paths);
    assert.deepEqual(held.find((p) => p.to === addr('y'))?.crossings, [
      { at: 2, kind: 'mixer', confidence: 0.5 },
    ]);
    assert.deepEqual(held.find((p) => p.to === addr('u'))?.crossings, [
      { at: 2, kind: 'bridge', confidence: 1 },
    ]);
    const mixer = r.summary.find((d) => d.category === 'mixer')!;
    assert.deepEqual(
      [mixer.received, mixer.passedOn, mixer.value],
      [String(ETH), String(ETH / 2n), String(ETH / 2n)],
    );
  }

  it('bulwark trace --json goes through both for a reader who sees both labels (the operator, or Exchange A)', async () => {
    assertThroughBoth(await cli());
    assertThroughBoth(await cli('--as-org', 'Exchange A'));
    const text = await runCli(['trace', addr('a'), '--hops', '8', '--data', data]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /through mixers and bridges \(2 matched links\)/);
    assert.match(text.stdout, /mixer Tornado: → 0x7777.* confidence 0\.500 \(2 candidates\)/);
    assert.match(text.stdout, /went in 1000000000000000000; left by matched links 500000000000000000/);
  });

  it('bulwark trace: a reader who cannot see the mixer label gets no crossing through it; --no-through-mixers stops there', async () => {
    const b = await cli('--as-org', 'Bank B');
    assert.deepEqual(links(b), [BRIDGE]);
    assert.ok(b.summary.every((d) => d.category !== 'mixer'));
    assert.equal(JSON.stringify(b).includes('Tornado'), false);
    const off = await cli('--no-through-mixers', '--no-through-bridges');
    assert.deepEqual(off.links, []);
    assert.equal(off.summary.find((d) => d.category === 'mixer')?.value, String(ETH));
    assert.equal(
      off.addresses.some((a) => a.address === addr('w') || a.address === addr('u')),
      false,
    );
    const short = await cli('--mixer-window', '12');
    assert.deepEqual(links(short), [BRIDGE]);
    const bad = await runCli(['trace', addr('a'), '--mixer-window', '0', '--data', data]);
    assert.equal(bad.code, 2);
  });

  it('POST /api/v1/trace: the same links for Exchange A, none through the mixer for Bank B, switchable', async () => {
    assertThroughBoth(await rest(keys.a));
    const b = await rest(keys.b);
    assert.deepEqual(links(b), [BRIDGE]);
    assert.equal(JSON.stringify(b).includes('Tornado'), false);
    assert.deepEqual(links(await rest(keys.a, { through_mixers: false })), [BRIDGE]);
    assert.deepEqual(links(await rest(keys.a, { through_bridges: false })), [MIXER]);
    assert.deepEqual(links(await rest(keys.a, { mixer_window: 12 })), [BRIDGE]);
    assert.equal((await post(keys.a, { seeds: [addr('a')], mixer_window: 0 })).status, 400);
    assert.equal((await post(keys.a, { seeds: [addr('a')], bridge_fee: 2 })).status, 400);
  });

  it('documents the switches and the links in the OpenAPI document', async () => {
    const doc = JSON.stringify(await (await fetch(`${base}/api/v1/openapi.json`)).json());
    for (const field of [
      'through_mixers',
      'mixer_window',
      'through_bridges',
      'bridge_window',
      'passedOn',
      'crossings',
    ])
      assert.ok(doc.includes(field), field);
  });
});
