import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HEIST_ANVIL_ARGS, type HeistScenario, runHeistScenario } from '../../src/chain/ethereum/index.ts';
import { RpcClient } from '../../src/chain/ethereum/rpc-client.ts';
import { ingestInto } from '../../src/chain/ethereum/testing/graph-dump.ts';
import { type Graph, openGraph } from '../../src/chain/index.ts';
import { trace, traceThroughMixers } from '../../src/trace/index.ts';
import { requireAnvil } from '../support/anvil.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('tracing the heist scenario on anvil', () => {
  let s: HeistScenario | undefined;
  let g: Graph | undefined;
  const dir = tempDir();
  after(() => {
    g?.close();
    dir.remove();
  });

  before(async (t) => {
    const node = await requireAnvil(t, { args: HEIST_ANVIL_ARGS });
    if (!node) return;
    s = await runHeistScenario(new RpcClient({ url: node.url }));
    await ingestInto(dir.path, { rpc: node.url });
    g = openGraph(dir.path, { readonly: true });
  });

  it('haircut finds every address that received stolen value, with amounts within 1 %, and marks no other', (t) => {
    if (!s || !g) return t.skip('no anvil');
    const r = trace({
      graph: g,
      seeds: s.attackers,
      model: 'haircut',
      direction: 'forward',
      hops: 1000,
      swaps: [s.contracts.swap],
    });
    const found = new Map(r.addresses.map((a) => [`${a.address} ${a.asset}`, a]));
    const truth = new Map(s.truth.map((e) => [`${e.address} ${e.asset}`, e]));
    const hit = [...truth.keys()].filter((k) => found.has(k)).length;
    const extra = [...found.keys()].filter((k) => !truth.has(k));
    assert.ok(truth.size > 50, `${truth.size} tainted addresses in the truth`);
    assert.ok(hit / truth.size >= 0.99, `recall ${hit}/${truth.size}`);
    assert.deepEqual(extra, [], 'addresses that never received stolen value');
    for (const [k, e] of truth) {
      const f = found.get(k);
      if (!f) continue;
      const off = (x: string, y: bigint) => Math.abs(Number(BigInt(x) - y)) / Math.max(1, Number(y));
      assert.ok(off(f.received, e.received) <= 0.01, `${k} received ${f.received}, truth ${e.received}`);
      // a holding the truth has at zero must be zero, not merely small
      if (e.holding === 0n) assert.equal(f.holding, '0', `${k} holds nothing`);
      else assert.ok(off(f.holding, e.holding) <= 0.01, `${k} holds ${f.holding}, truth ${e.holding}`);
    }
  });

  it('poison reaches every address haircut or FIFO reaches', (t) => {
    if (!s || !g) return t.skip('no anvil');
    const run = (model: 'poison' | 'haircut' | 'fifo') =>
      new Set(
        trace({
          graph: g!,
          seeds: s!.attackers,
          model,
          direction: 'forward',
          hops: 1000,
          swaps: [s!.contracts.swap],
        }).addresses.map((a) => `${a.address} ${a.asset}`),
      );
    const [poison, haircut, fifo] = [run('poison'), run('haircut'), run('fifo')];
    for (const k of haircut) assert.ok(poison.has(k), `poison reaches ${k}`);
    for (const k of fifo) assert.ok(poison.has(k), `poison reaches ${k}`);
    assert.ok(poison.size >= haircut.size);
  });

  it('backward from the attackers finds the victim one hop back', (t) => {
    if (!s || !g) return t.skip('no anvil');
    const r = trace({ graph: g, seeds: s.attackers, model: 'poison', direction: 'backward', hops: 2 });
    assert.ok(
      r.addresses.some((a) => a.address === s!.victim && a.hops === 1),
      'the victim paid the attackers',
    );
  });

  it('mixer matching recovers the withdrawals a trace stopping at the mixer loses', (t) => {
    if (!s || !g) return t.skip('no anvil');
    const base = {
      graph: g,
      seeds: s.attackers,
      model: 'haircut' as const,
      direction: 'forward' as const,
      hops: 1000,
      swaps: [s.contracts.swap],
    };
    const truth = new Map(
      s.truth
        .filter((e) => s!.labels[e.address] === 'mixer-withdrawal' && e.asset === 'ETH')
        .map((e) => [e.address, e]),
    );
    const tainted = new Set(s.truth.map((e) => e.address));
    const mixer = s.contracts.mixer;
    const stopped = trace({
      ...base,
      stopAt: (id) => (id === g!.addressId(mixer) ? { category: 'mixer', name: 'mixer' } : undefined),
    });
    const lost = [...truth.keys()].filter((a) => !stopped.addresses.some((x) => x.address === a));
    const { result, links } = traceThroughMixers(base, [mixer], 7 * 24 * 3600);
    const found = new Map(result.addresses.filter((a) => a.asset === 'ETH').map((a) => [a.address, a]));
    const recovered = [...truth.keys()].filter((a) => found.has(a));
    const errors = recovered.map(
      (a) =>
        Math.abs(Number(BigInt(found.get(a)!.received) - truth.get(a)!.received)) /
        Number(truth.get(a)!.received),
    );
    const wrong = result.addresses.filter((a) => !tainted.has(a.address)).map((a) => a.address);
    console.log(
      JSON.stringify({
        withdrawals: truth.size,
        lostWhenStopped: lost.length,
        links: links.length,
        recovered: recovered.length,
        maxAmountError: Math.max(...errors),
        wrong: wrong.length,
        confidences: links.map((l) => l.confidence.toFixed(3)),
      }),
    );
    assert.equal(lost.length, truth.size, 'stopping at the mixer loses every withdrawal');
    assert.ok(recovered.length / truth.size >= 0.99, `recovered ${recovered.length}/${truth.size}`);
    assert.ok(Math.max(...errors) <= 0.01, `amount error ${Math.max(...errors)}`);
    assert.deepEqual(wrong, []);
  });
});
