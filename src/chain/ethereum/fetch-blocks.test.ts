import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ANVIL_ACCOUNTS, requireAnvil } from '../../../test/support/anvil.ts';
import { probeCapabilities } from './capabilities.ts';
import { fetchBlocks, tokensIn } from './fetch-blocks.ts';
import { RpcClient } from './rpc-client.ts';
import { address, str, uint } from './scenario/abi.ts';
import { ChainDriver } from './scenario/driver.ts';
import { TokenRegistry } from './token-metadata.ts';
import type { ChainBlock, ChainTransfer, NodeCapabilities } from './types.ts';

const [a0, a1, a2, a3, a4, a5, a6] = ANVIL_ACCOUNTS;
const ETH = 10n ** 18n;

interface World {
  rpc: RpcClient;
  caps: NodeCapabilities;
  blocks: ChainBlock[];
  token: string;
  bare: string;
  splitter: string;
  rejecter: string;
  factory: string;
  failedTx: string;
  child: string;
}

function moves(blocks: readonly ChainBlock[], kind?: ChainTransfer['kind']): ChainTransfer[] {
  return blocks.flatMap((b) => b.transfers).filter((t) => kind === undefined || t.kind === kind);
}

function key(t: ChainTransfer): string {
  return `${t.kind} ${t.from}>${t.to} ${t.value} ${t.asset}`;
}

describe('Ethereum extraction from a real node (anvil)', () => {
  let world: World | undefined;

  before(async (t) => {
    const node = await requireAnvil(t);
    if (!node) return;
    const rpc = new RpcClient({ url: node.url });
    const d = new ChainDriver(rpc);
    const token = await d.deploy(a0, 'Token', [str('Heist Token'), str('HST'), uint(6n)]);
    const bare = await d.deploy(a0, 'BareToken');
    const splitter = await d.deploy(a0, 'Splitter');
    const rejecter = await d.deploy(a0, 'Rejecter');
    const factory = await d.deploy(a0, 'Factory');
    await d.send({ from: a0, to: a1, value: 1n * ETH });
    await d.send({ from: a0, to: splitter, value: 3n * ETH, data: splitData([a2, a3], [ETH, 2n * ETH]) });
    await d.invoke(
      a0,
      splitter,
      'Splitter',
      'forwardAndTry(address,address)',
      [address(a4), address(rejecter)],
      2n * ETH,
    );
    const failed = await d.invoke(a0, splitter, 'Splitter', 'mustFail(address)', [address(a5)], ETH, 200_000);
    assert.equal(failed.ok, false);
    await d.invoke(a0, token, 'Token', 'mint(address,uint256)', [address(a0), uint(1000_000000n)]);
    await d.invoke(a0, token, 'Token', 'transfer(address,uint256)', [address(a6), uint(250_000000n)]);
    await d.invoke(a0, bare, 'BareToken', 'mint(address,uint256)', [address(a1), uint(7n)]);
    await d.invoke(a1, factory, 'Factory', 'make()', [], 5n * ETH);
    const caps = await probeCapabilities(rpc);
    const blocks = await fetchBlocks(rpc, caps, 1, await d.head());
    const made = moves(blocks, 'create').find((t) => t.from === factory);
    world = {
      rpc,
      caps,
      blocks,
      token,
      bare,
      splitter,
      rejecter,
      factory,
      failedTx: failed.hash,
      child: made?.to ?? '',
    };
    // Stopped by requireAnvil when the suite ends.
  });

  it('prefers trace_block on anvil and reads receipts per block', (t) => {
    if (!world) return t.skip('no anvil');
    assert.equal(world.caps.trace, 'trace_block');
    assert.equal(world.caps.blockReceipts, true);
  });

  it('records plain ether transfers and the fee each transaction paid', (t) => {
    if (!world) return t.skip('no anvil');
    const call = moves(world.blocks, 'call').find((m) => m.to === a1);
    assert.deepEqual(call && key(call), `call ${a0}>${a1} ${ETH} ETH`);
    const tx = world.blocks.flatMap((b) => b.txs).find((x) => x.hash === call?.txHash);
    assert.ok(tx && tx.fee > 0n);
    assert.ok(
      moves(world.blocks, 'fee').some(
        (m) => m.txHash === call?.txHash && m.value === tx.fee && m.from === a0,
      ),
    );
  });

  it('finds internal transfers made by contract code', (t) => {
    if (!world) return t.skip('no anvil');
    const internal = moves(world.blocks, 'internal').map(key);
    assert.ok(internal.includes(`internal ${world.splitter}>${a2} ${ETH} ETH`));
    assert.ok(internal.includes(`internal ${world.splitter}>${a3} ${2n * ETH} ETH`));
    assert.ok(internal.includes(`internal ${world.splitter}>${a4} ${ETH} ETH`));
  });

  it('drops value moved in a reverted frame of a successful transaction', (t) => {
    if (!world) return t.skip('no anvil');
    assert.equal(
      moves(world.blocks).filter((m) => m.to === world?.rejecter && m.kind !== 'create').length,
      0,
    );
  });

  it('keeps nothing of a failed transaction but its fee', (t) => {
    if (!world) return t.skip('no anvil');
    const ofFailed = moves(world.blocks).filter((m) => m.txHash === world?.failedTx);
    assert.deepEqual(
      ofFailed.map((m) => m.kind),
      ['fee'],
    );
    const tx = world.blocks.flatMap((b) => b.txs).find((x) => x.hash === world?.failedTx);
    assert.equal(tx?.ok, false);
  });

  it('reads ERC-20 transfers with the token address, and its symbol and decimals', async (t) => {
    if (!world) return t.skip('no anvil');
    const erc20 = moves(world.blocks, 'erc20').map(key);
    assert.ok(erc20.includes(`erc20 0x${'0'.repeat(40)}>${a0} 1000000000 ${world.token}`));
    assert.ok(erc20.includes(`erc20 ${a0}>${a6} 250000000 ${world.token}`));
    assert.ok(erc20.includes(`erc20 0x${'0'.repeat(40)}>${a1} 7 ${world.bare}`));
    const registry = new TokenRegistry();
    await registry.learn(world.rpc, tokensIn(world.blocks), world.blocks.length);
    assert.deepEqual(registry.get(world.token), { address: world.token, symbol: 'HST', decimals: 6 });
    assert.deepEqual(registry.get(world.bare), {
      address: world.bare,
      symbol: undefined,
      decimals: undefined,
    });
  });

  it('records contract creations, by transactions and by contracts', (t) => {
    if (!world) return t.skip('no anvil');
    const created = world.blocks
      .flatMap((b) => b.txs)
      .filter((x) => x.created)
      .map((x) => x.created);
    for (const c of [world.token, world.bare, world.splitter, world.rejecter, world.factory])
      assert.ok(created.includes(c));
    assert.match(world.child, /^0x[0-9a-f]{40}$/);
    assert.ok(
      moves(world.blocks, 'create')
        .map(key)
        .includes(`create ${world.factory}>${world.child} ${5n * ETH} ETH`),
    );
  });

  it('gives the same transfers through debug_traceBlockByNumber as through trace_block', async (t) => {
    if (!world) return t.skip('no anvil');
    const viaGeth = await fetchBlocks(
      world.rpc,
      { ...world.caps, trace: 'debug_traceBlockByNumber' },
      1,
      world.blocks.length,
    );
    assert.deepEqual(moves(viaGeth).map(key), moves(world.blocks).map(key));
  });

  it('gives the same result with receipts fetched per transaction', async (t) => {
    if (!world) return t.skip('no anvil');
    const perTx = await fetchBlocks(
      world.rpc,
      { ...world.caps, blockReceipts: false },
      1,
      world.blocks.length,
    );
    assert.deepEqual(perTx, world.blocks);
  });

  it('rebuilds the same transactions from receipts and trace top frames as from full bodies', async (t) => {
    if (!world) return t.skip('no anvil');
    const n = world.blocks.length;
    assert.deepEqual(await fetchBlocks(world.rpc, world.caps, 1, n, { bodies: 'full' }), world.blocks);
    const geth = { ...world.caps, trace: 'debug_traceBlockByNumber' as const };
    assert.deepEqual(
      await fetchBlocks(world.rpc, geth, 1, n, { bodies: 'full' }),
      await fetchBlocks(world.rpc, geth, 1, n),
    );
  });

  it('without a tracer keeps every transfer except the internal ones', async (t) => {
    if (!world) return t.skip('no anvil');
    const bare = await fetchBlocks(world.rpc, { ...world.caps, trace: 'none' }, 1, world.blocks.length);
    const expected = moves(world.blocks).filter(
      (m) => m.kind !== 'internal' && !(m.kind === 'create' && m.from === world?.factory),
    );
    assert.deepEqual(moves(bare).map(key), expected.map(key));
  });
});

function splitData(to: string[], amounts: bigint[]): string {
  return `0x2a526d58${encodeArrays(to, amounts)}`;
}

function encodeArrays(to: string[], amounts: bigint[]): string {
  const w = (n: bigint): string => n.toString(16).padStart(64, '0');
  const head = w(64n) + w(BigInt(64 + 32 + 32 * to.length));
  const first = w(BigInt(to.length)) + to.map((a) => a.slice(2).padStart(64, '0')).join('');
  const second = w(BigInt(amounts.length)) + amounts.map(w).join('');
  return head + first + second;
}
