import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { requireAnvil } from '../../../../test/support/anvil.ts';
import { tempDir } from '../../../../test/support/temp-dir.ts';
import { ingestEthereum } from '../ingest.ts';
import { JournalSink } from '../journal-sink.ts';
import { RpcClient } from '../rpc-client.ts';
import type { ChainBlock } from '../types.ts';
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

/** Value transfers as ingested: what a tracer sees (fees are zero on this chain; creations move nothing). */
function ingestedFlows(blocks: readonly ChainBlock[]): Flow[] {
  return blocks.flatMap((b) => b.transfers).filter((t) => t.value > 0n && t.kind !== 'fee');
}

describe('heist scenario on anvil', () => {
  let s: HeistScenario | undefined;
  let blocks: ChainBlock[] = [];

  before(async (t) => {
    const node = await requireAnvil(t, { args: HEIST_ANVIL_ARGS });
    if (!node) return;
    s = await runHeistScenario(new RpcClient({ url: node.url }));
    const dir = tempDir();
    const sink = new JournalSink(dir.path);
    await ingestEthereum({ rpc: node.url, graph: sink });
    blocks = [...sink.blocks()];
    sink.close();
    dir.remove();
  });

  it('is found whole by ingestion: every transfer of every scenario transaction', (t) => {
    if (!s) return t.skip('no anvil');
    assert.ok(s.flows.length > 100, `${s.flows.length} flows`);
    assert.deepEqual(byTx(ingestedFlows(blocks)), byTx(s.flows));
  });

  it('has a ground truth that the ingested chain alone reproduces', (t) => {
    if (!s) return t.skip('no anvil');
    const fromChain = haircut({
      flows: ingestedFlows(blocks),
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
