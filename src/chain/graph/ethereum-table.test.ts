import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { isBulwarkError } from '../../errors/index.ts';
import { ingestBitcoin } from '../bitcoin/ingest.ts';
import { dumpEthereum, transfersOf } from '../ethereum/testing/graph-dump.ts';
import type { ChainBlock, ChainTransfer, TransferKind } from '../ethereum/types.ts';
import { openGraph } from './graph.ts';
import { canonical, mainnet0to255, writeBlk } from './test-blocks.ts';

const hex = (n: number, bytes: number) => `0x${n.toString(16).padStart(bytes * 2, '0')}`;
const account = (n: number) => hex(n, 20);
const token = (n: number) => hex(0x7000_0000 + n, 20);

interface Move {
  from: number;
  to: number;
  value: bigint;
  /** 0 ether, else a token. */
  token: number;
  kind: TransferKind;
}

/** A block at `height`, a transaction per group of moves; a different `branch` gives other hashes. */
function block(height: number, txs: readonly Move[][], branch = 0): ChainBlock {
  const transfers: ChainTransfer[] = [];
  const chainTxs = txs.map((moves, i) => {
    const txHash = hex(branch * 2 ** 40 + height * 1000 + i + 1, 32);
    for (const m of moves) {
      const asset = m.token === 0 ? 'ETH' : token(m.token);
      transfers.push({
        from: account(m.from),
        to: account(m.to),
        value: m.value,
        asset,
        txHash,
        kind: m.kind,
      });
    }
    return { hash: txHash, from: account(1), to: account(2), value: 0n, fee: 0n, ok: true };
  });
  const blockHash = (h: number) => hex(0x1000_0000 * (branch + 1) + h, 32);
  return {
    height,
    hash: blockHash(height),
    parentHash: blockHash(height - 1),
    time: 1_700_000_000 + height,
    txs: chainTxs,
    transfers,
  };
}

const BOUNDARIES = [
  0n,
  1n,
  2n ** 32n,
  2n ** 53n + 1n,
  2n ** 63n - 1n,
  2n ** 63n, // the first amount not held inline
  600n * 10n ** 18n, // round: mantissa and exponent
  (2n ** 56n - 1n) * 10n ** 7n,
  2n ** 56n * 10n ** 7n, // mantissa too wide: pooled
  10n ** 63n * 7n,
  10n ** 70n, // exponent beyond 63: pooled
  2n ** 64n + 7n,
  2n ** 256n - 1n,
];
const move = fc.record({
  from: fc.integer({ min: 1, max: 40 }),
  to: fc.integer({ min: 1, max: 40 }),
  value: fc.oneof(fc.constantFrom(...BOUNDARIES), fc.bigInt({ min: 0n, max: 2n ** 256n - 1n })),
  token: fc.integer({ min: 0, max: 3 }),
  kind: fc.constantFrom<TransferKind>('call', 'internal', 'erc20', 'create', 'fee'),
});
const chain = fc.array(fc.array(fc.array(move, { maxLength: 4 }), { maxLength: 4 }), {
  minLength: 1,
  maxLength: 8,
});

function expected(blocks: readonly ChainBlock[]) {
  return blocks.flatMap((b) =>
    b.transfers.map((t) => ({
      from: t.from,
      to: t.to,
      value: t.value,
      asset: t.asset,
      kind: t.kind,
      txHash: t.txHash,
      height: b.height,
    })),
  );
}

test('every transfer reads back exactly after reopening, values across the inline and pooled ranges, found both ways', () => {
  fc.assert(
    fc.property(chain, fc.integer({ min: 1, max: 3 }), (txsPerBlock, commitEvery) => {
      const tmp = tempDir();
      try {
        const blocks = txsPerBlock.map((txs, i) => block(100 + i, txs));
        const g = openGraph(tmp.path);
        blocks.forEach((b, i) => {
          g.ethereum.append(b);
          if ((i + 1) % commitEvery === 0) g.ethereum.commit();
        });
        g.ethereum.commit();
        g.close();
        const r = openGraph(tmp.path, { readonly: true });
        assert.deepEqual(transfersOf(r), expected(blocks));
        for (let row = 0; row < r.ethereum.c.rows; row++) {
          const t = r.ethereum.transfer(row);
          assert.ok(r.outEdges(t.from, 'ethereum').includes(row), `row ${row} out of its payer`);
          assert.ok(r.ethereum.inEdges(t.to).includes(row), `row ${row} into its payee`);
        }
        const outs = new Set<number>();
        for (let id = 0; id < r.dict.count; id++) for (const row of r.ethereum.outEdges(id)) outs.add(row);
        assert.equal(outs.size, r.ethereum.c.rows, 'no row is indexed twice or missing');
        assert.equal(r.head('ethereum')?.height, 100 + blocks.length - 1);
      } finally {
        tmp.remove();
      }
    }),
    { numRuns: 15 },
  );
});

test('a rollback drops the blocks above the fork durably; the new branch gives what a fresh store holds', () => {
  const tmp = tempDir();
  try {
    const m = (from: number, to: number, value: bigint): Move => ({
      from,
      to,
      value,
      token: 0,
      kind: 'call',
    });
    const main = [0, 1, 2, 3, 4].map((h) =>
      block(h, [[m(1, 2, BigInt(h + 1)), m(2, 3, 2n ** 70n + BigInt(h))]]),
    );
    const side = [3, 4, 5].map((h) => block(h, [[m(5, 6, BigInt(h)), m(6, 7, 2n ** 80n)]], 1));
    const g = openGraph(join(tmp.path, 'a'));
    for (const b of main) {
      g.ethereum.append(b);
      g.ethereum.commit();
    }
    g.ethereum.rollback(2);
    assert.equal(g.ethereum.head()?.height, 2);
    assert.equal(g.ethereum.hashAt(3), undefined);
    assert.deepEqual(g.ethereum.outEdges(g.addressId(account(1))).length, 3);
    for (const b of side) g.ethereum.append(b);
    g.ethereum.commit();
    g.close();
    const fresh = openGraph(join(tmp.path, 'b'));
    for (const b of [...main.slice(0, 3), ...side]) fresh.ethereum.append(b);
    fresh.ethereum.commit();
    fresh.close();
    const a = openGraph(join(tmp.path, 'a'), { readonly: true });
    const b = openGraph(join(tmp.path, 'b'), { readonly: true });
    assert.deepEqual(dumpEthereum(a), dumpEthereum(b));
    assert.equal(
      a.ethereum.c.valuePool.length,
      b.ethereum.c.valuePool.length,
      'pooled values of dropped blocks are gone',
    );
    assert.deepEqual(a.ethereum.inEdges(a.addressId(account(7))).length, 3);
    assert.equal(a.ethereum.inEdges(a.addressId(account(2))).length, 3);
  } finally {
    tmp.remove();
  }
});

test('rolling back below the first block empties the chain', () => {
  const tmp = tempDir();
  try {
    const g = openGraph(tmp.path);
    g.ethereum.append(block(7, [[{ from: 1, to: 2, value: 5n, token: 0, kind: 'call' }]]));
    g.ethereum.commit();
    g.ethereum.rollback(6);
    assert.equal(g.ethereum.head(), undefined);
    g.ethereum.append(block(3, []));
    g.ethereum.commit();
    g.close();
    assert.deepEqual(
      dumpEthereum(openGraph(tmp.path, { readonly: true })).blocks.map((b) => b.height),
      [3],
    );
  } finally {
    tmp.remove();
  }
});

test('blocks staged but not committed are gone when the store is reopened, and appending resumes there', () => {
  const tmp = tempDir();
  try {
    const m: Move = { from: 1, to: 2, value: 2n ** 100n, token: 1, kind: 'erc20' };
    const g = openGraph(tmp.path);
    g.ethereum.append(block(0, [[m]]));
    g.ethereum.commit();
    g.ethereum.append(block(1, [[m, m]]));
    g.dict.flush(); // as a commit interrupted before its manifest: bytes beyond the manifest on disk
    g.ethereum.c.flush();
    g.close();
    const again = openGraph(tmp.path);
    assert.equal(again.ethereum.head()?.height, 0);
    assert.equal(again.ethereum.c.rows, 1);
    again.ethereum.append(block(1, [[m, m]]));
    again.ethereum.commit();
    again.close();
    const r = openGraph(tmp.path, { readonly: true });
    assert.deepEqual(transfersOf(r), expected([block(0, [[m]]), block(1, [[m, m]])]));
  } finally {
    tmp.remove();
  }
});

test('token metadata is durable, and a token without a symbol or decimals stays so', () => {
  const tmp = tempDir();
  try {
    const g = openGraph(tmp.path);
    g.ethereum.append(block(0, [[{ from: 1, to: 2, value: 9n, token: 1, kind: 'erc20' }]]));
    const tokens = [
      { address: token(1), symbol: 'USDT', decimals: 6 },
      { address: token(2), symbol: undefined, decimals: undefined },
    ];
    g.ethereum.putTokens(tokens);
    g.ethereum.commit();
    g.close();
    assert.deepEqual(openGraph(tmp.path, { readonly: true }).ethereum.tokens(), tokens);
  } finally {
    tmp.remove();
  }
});

test('refuses a block that does not follow the stored head', () => {
  const tmp = tempDir();
  try {
    const g = openGraph(tmp.path);
    g.ethereum.append(block(0, []));
    assert.throws(
      () => g.ethereum.append(block(2, [])),
      (e) => isBulwarkError(e) && e.code === 'BULWARK_E_ETH_CHAIN_MISMATCH',
    );
    g.close();
  } finally {
    tmp.remove();
  }
});

test('a Bitcoin store gains an Ethereum table and keeps its Bitcoin chain', async () => {
  const tmp = tempDir();
  try {
    writeBlk(join(tmp.path, 'blocks'), 0, mainnet0to255().slice(0, 10));
    const store = join(tmp.path, 'g');
    const g = openGraph(store);
    await ingestBitcoin({ graph: g, blocksDir: join(tmp.path, 'blocks') });
    const before = canonical(g);
    g.ethereum.append(block(0, [[{ from: 1, to: 2, value: 1n, token: 0, kind: 'call' }]]));
    g.ethereum.commit();
    g.close();
    const r = openGraph(store, { readonly: true });
    // the shared dictionary now also lists the two accounts, without Bitcoin edges
    assert.deepEqual(
      canonical(r).filter((line) => !line.startsWith('0x')),
      before,
    );
    assert.equal(r.head()?.height, 9);
    assert.equal(r.head('ethereum')?.height, 0);
  } finally {
    tmp.remove();
  }
});

/**
 * Mainnet-shaped traffic: a fee row per transaction, token and internal transfers, round and
 * full-precision amounts, power-law accounts with about one address per eight transfers (mainnet has
 * roughly one per fifteen: ~300 M addresses, ~5 G value movements including fees).
 */
function generatedChain(blocks: number, txsPerBlock: number): ChainBlock[] {
  let seed = 12345;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const who = () => 100 + Math.floor(8_000 * rand() ** 2);
  const amount = (): bigint => {
    const digits = BigInt(Math.floor(rand() * 1e9));
    const u = rand();
    if (u < 0.4) return digits * 10n ** BigInt(9 + Math.floor(rand() * 10)); // round
    if (u < 0.8) return digits * 10n ** 9n + digits; // full precision, below 2^63
    return digits * 10n ** 12n + digits; // full precision, ~10^21: pooled
  };
  const out: ChainBlock[] = [];
  for (let h = 0; h < blocks; h++) {
    const txs: Move[][] = [];
    for (let i = 0; i < txsPerBlock; i++) {
      const from = who();
      const moves: Move[] = [];
      if (rand() < 0.35)
        moves.push({ from, to: who(), value: amount(), token: 1 + Math.floor(rand() * 3), kind: 'erc20' });
      else moves.push({ from, to: who(), value: amount(), token: 0, kind: 'call' });
      if (rand() < 0.1) moves.push({ from: who(), to: who(), value: amount(), token: 0, kind: 'internal' });
      moves.push({
        from,
        to: 1 + (h % 5),
        value: BigInt(21_000 * (1 + Math.floor(rand() * 50))) * 10n ** 9n,
        token: 0,
        kind: 'fee',
      });
      txs.push(moves);
    }
    out.push(block(h, txs));
  }
  return out;
}

test('generated mainnet-shaped traffic stays within 32 bytes per transfer including both adjacency directions', () => {
  const tmp = tempDir();
  try {
    const g = openGraph(tmp.path);
    const blocks = generatedChain(1000, 20);
    blocks.forEach((b, i) => {
      g.ethereum.append(b);
      if (i % 100 === 99) g.ethereum.commit();
    });
    g.close();
    const r = openGraph(tmp.path, { readonly: true });
    const stats = r.stats().chains.ethereum;
    assert.equal(
      stats.transfers,
      blocks.reduce((n, b) => n + b.transfers.length, 0),
    );
    assert.ok(stats.indexedBytesPerTransfer <= 32, `${stats.indexedBytesPerTransfer} bytes per transfer`);
  } finally {
    tmp.remove();
  }
});

test('tokens first seen after 8,190 others keep their asset (far list), across reopening and a rollback', () => {
  const tmp = tempDir();
  try {
    const g = openGraph(tmp.path);
    const txs = (from: number, to: number) => {
      const moves: Move[][] = [];
      for (let k = from; k < to; k++)
        moves.push([{ from: 1, to: 2, value: BigInt(k), token: k, kind: 'erc20' }]);
      return moves;
    };
    const blocks = [block(0, txs(1, 5000)), block(1, txs(5000, 8500)), block(2, txs(8500, 9000))];
    for (const b of blocks) g.ethereum.append(b);
    g.ethereum.commit();
    g.ethereum.rollback(1);
    g.ethereum.append(block(2, txs(8700, 8800), 1));
    g.ethereum.commit();
    g.close();
    const r = openGraph(tmp.path, { readonly: true });
    assert.deepEqual(transfersOf(r), expected([blocks[0]!, blocks[1]!, block(2, txs(8700, 8800), 1)]));
    assert.equal(r.ethereum.c.farRow.length, 8500 - 8191 + 100);
  } finally {
    tmp.remove();
  }
});

test('a block that cannot be stored (transfer outside its transactions, bad address) leaves nothing staged', () => {
  const tmp = tempDir();
  try {
    const g = openGraph(tmp.path);
    const good = block(0, [[{ from: 1, to: 2, value: 3n, token: 0, kind: 'call' }]]);
    g.ethereum.append(good);
    const stray = block(1, [[{ from: 1, to: 2, value: 2n ** 100n + 1n, token: 0, kind: 'call' }]]);
    stray.transfers.push({ ...stray.transfers[0]!, txHash: hex(999, 32) });
    const badAddress = block(1, [[{ from: 1, to: 2, value: 5n, token: 0, kind: 'call' }]]);
    badAddress.transfers[0]!.to = '0xnot-an-address';
    for (const bad of [stray, badAddress]) {
      assert.throws(
        () => g.ethereum.append(bad),
        (e) => isBulwarkError(e) && e.code === 'BULWARK_E_ETH_RPC_MALFORMED',
      );
      assert.deepEqual(
        [g.ethereum.c.blocks, g.ethereum.c.txs, g.ethereum.c.rows, g.ethereum.c.valuePool.length],
        [1, 1, 1, 0],
      );
    }
    g.ethereum.commit();
    g.close();
    assert.deepEqual(transfersOf(openGraph(tmp.path, { readonly: true })), expected([good]));
  } finally {
    tmp.remove();
  }
});
