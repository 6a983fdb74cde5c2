import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { requireAnvil } from '../../../../test/support/anvil.ts';
import { tempDir } from '../../../../test/support/temp-dir.ts';
import { NO_ADDRESS } from '../../graph/format.ts';
import { type Graph, openGraph } from '../../graph/graph.ts';
import { RpcClient } from '../rpc-client.ts';
import { type DumpedTransfer, ingestInto, transfersOf } from '../testing/graph-dump.ts';
import { type Flow, haircut } from './haircut.ts';
import { HEIST_ANVIL_ARGS, runHeistScenario } from './heist.ts';
import type { HeistScenario } from './heist-types.ts';

const E = 10n ** 18n;
const U = 10n ** 6n;

function byTx(flows: readonly Flow[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const f of flows) {
    const list = m.get(f.txHash) ?? [];
    list.push(`${f.from}>${f.to} ${f.value} ${f.asset}`);
    m.set(f.txHash, list);
  }
  for (const list of m.values()) list.sort();
  return m;
}

/** Value transfers as the graph holds them: what a tracer sees (fees are zero on this chain; creations move nothing). */
function ingestedFlows(rows: readonly DumpedTransfer[]): Flow[] {
  return rows
    .filter((t) => t.value > 0n && t.kind !== 'fee')
    .map(({ txHash, from, to, value, asset }) => ({ txHash, from, to, value, asset }));
}

describe('heist scenario on anvil', () => {
  let s: HeistScenario | undefined;
  let g: Graph | undefined;
  let rows: DumpedTransfer[] = [];
  const dir = tempDir();
  after(dir.remove);

  before(async (t) => {
    const node = await requireAnvil(t, { args: HEIST_ANVIL_ARGS });
    if (!node) return;
    s = await runHeistScenario(new RpcClient({ url: node.url }));
    await ingestInto(dir.path, { rpc: node.url });
    g = openGraph(dir.path, { readonly: true });
    rows = transfersOf(g);
  });

  it('is found whole by ingestion: every transfer of every scenario transaction', (t) => {
    if (!s) return t.skip('no anvil');
    assert.ok(s.flows.length > 100, `${s.flows.length} flows`);
    assert.deepEqual(byTx(ingestedFlows(rows)), byTx(s.flows));
  });

  it('is held by the graph store: every ground-truth transfer is a row with its exact value and asset, reached from both ends', (t) => {
    if (!s || !g) return t.skip('no anvil');
    const e = g.ethereum;
    const txOf = new Map<string, number>();
    for (let tx = 0; tx < e.c.txs; tx++) txOf.set(e.txHash(tx), tx);
    const used = new Set<number>();
    for (const f of s.flows) {
      const from = g.addressId(f.from);
      const to = g.addressId(f.to);
      const asset = f.asset === 'ETH' ? NO_ADDRESS : g.addressId(f.asset);
      assert.ok(from >= 0 && to >= 0 && asset >= 0, `addresses of ${f.txHash} are in the dictionary`);
      const tx = txOf.get(f.txHash);
      // the flow's row: paid by `from`, in its transaction, to `to`, of its asset and value, not matched before
      const row = g.outEdges(from, 'ethereum').find((r) => {
        const x = e.transfer(r);
        return x.tx === tx && x.to === to && x.asset === asset && x.value === f.value && !used.has(r);
      });
      assert.ok(row !== undefined, `${f.from} → ${f.to} ${f.value} ${f.asset} in ${f.txHash}`);
      assert.ok(g.inEdges(to, 'ethereum').includes(row), `row ${row} is found from its payee`);
      used.add(row);
    }
    const token = e.tokens().find((x) => x.address === s?.contracts.token);
    assert.deepEqual([token?.symbol, token?.decimals], [s.token.symbol, s.token.decimals]);
    assert.equal(used.size, s.flows.length);
  });

  it('has a ground truth that the ingested chain alone reproduces', (t) => {
    if (!s) return t.skip('no anvil');
    const fromChain = haircut({
      flows: ingestedFlows(rows),
      seedTxs: new Set(s.theftTxs),
      swaps: new Set([s.contracts.swap]),
    });
    assert.deepEqual(fromChain, s.truth);
  });

  it('conserves the stolen value across swaps, up to rounding', (t) => {
    if (!s) return t.skip('no anvil');
    const held = (asset: string) =>
      s?.truth.filter((e) => e.asset === asset).reduce((n, e) => n + e.holding, 0n) ?? 0n;
    const slack = BigInt(s.flows.length);
    const eth = 600n * E - 30n * E + 250n * E;
    const token = 800_000n * U + 60_000n * U - 500_000n * U;
    assert.ok(eth - held('ETH') >= 0n && eth - held('ETH') <= slack, `ETH held ${held('ETH')}`);
    assert.ok(token - held(s.contracts.token) >= 0n && token - held(s.contracts.token) <= slack);
  });

  it('follows the money to mixers, bridges, exchange hot wallets and dormant wallets, not to the victim or the swap', (t) => {
    if (!s) return t.skip('no anvil');
    const roles = new Set(s.truth.map((e) => s?.labels[e.address]));
    for (const role of [
      'attacker',
      'fan-out',
      'peel-chain',
      'peel-off',
      'mixer',
      'mixer-withdrawal',
      'bridge',
      'exchange-deposit',
      'exchange-hot-wallet',
      'dormant',
      'user',
    ]) {
      assert.ok(roles.has(role as never), `no ${role} in the ground truth`);
    }
    const addresses = new Set(s.truth.map((e) => e.address));
    assert.ok(!addresses.has(s.victim) && !addresses.has(s.contracts.swap));
    const bridge = s.truth.filter((e) => e.address === s?.contracts.bridge);
    assert.deepEqual(
      bridge.map((e) => [e.asset, e.received]).sort(),
      [
        ['ETH', 30n * E],
        [s.contracts.token, 20_000n * U],
      ].sort(),
    );
  });

  it('is deterministic: a second run on a fresh node gives the same addresses and ground truth', async (t) => {
    if (!s) return t.skip('no anvil');
    const node = await requireAnvil(t, { args: HEIST_ANVIL_ARGS });
    if (!node) return;
    const again = await runHeistScenario(new RpcClient({ url: node.url }));
    assert.deepEqual(again.truth, s.truth);
    assert.deepEqual(again.contracts, s.contracts);
    assert.deepEqual(again.labels, s.labels);
  });
});
