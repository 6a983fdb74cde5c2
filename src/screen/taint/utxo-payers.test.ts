import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { payments } from 'bitcoinjs-lib';
import { type BuiltTx, block, transaction, writeBlockFile } from '../../../test/alerts/bitcoin-blocks.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { ingestBitcoin, openGraph } from '../../chain/index.ts';
import { pathTo } from './taint-exposure.ts';
import { sourceOf } from './taint-route.ts';
import { UtxoTaint } from './utxo-taint.ts';

const BTC = 100_000_000;
const p2pkh = (b: number) => payments.p2pkh({ hash: Buffer.alloc(20, b) }).address!;
const [THIEF, MINER, M, N, X, Y] = [1, 2, 3, 4, 5, 6].map(p2pkh) as [
  string,
  string,
  string,
  string,
  string,
  string,
];

it("a Bitcoin output's payers are the other input addresses, each credited its share; change pays no one", async (t) => {
  const dir = tempDir('bulwark-utxo-payers-');
  t.after(dir.remove);
  // the thief's coinbase; thief → M 30, N 19; N → M 18; M spends both (48) to M 40 (change) and
  // X 7; then M (40), X (7) and the miner's clean 50 go to Y 60 and M 36 (change)
  const loot = transaction([], [{ address: THIEF, value: 50 * BTC }], 0);
  const split = transaction(
    [loot.coin(0)],
    [
      { address: M, value: 30 * BTC },
      { address: N, value: 19 * BTC },
    ],
  );
  const join1 = transaction([split.coin(1)], [{ address: M, value: 18 * BTC }]);
  const peel = transaction(
    [split.coin(0), join1.coin(0)],
    [
      { address: M, value: 40 * BTC },
      { address: X, value: 7 * BTC },
    ],
  );
  const clean = transaction([], [{ address: MINER, value: 50 * BTC }], 1);
  const merge = transaction(
    [peel.coin(0), peel.coin(1), clean.coin(0)],
    [
      { address: Y, value: 60 * BTC },
      { address: M, value: 36 * BTC },
    ],
  );
  // one block per height, each opened by its coinbase (BIP 34)
  const coinbase = (h: number) => transaction([], [{ address: MINER, value: 1 }], h);
  const heights: BuiltTx[][] = [
    [loot],
    [clean, split],
    [coinbase(2), join1],
    [coinbase(3), peel],
    [coinbase(4), merge],
  ];
  let prev: Buffer = Buffer.alloc(32);
  const records = heights.map((txs, h) => {
    const b = block(prev, txs, 1_600_000_000 + 600 * h);
    prev = b.hash;
    return b.record;
  });
  const blocksDir = join(dir.path, 'blocks');
  writeBlockFile(blocksDir, 0, records);
  const graphDir = join(dir.path, 'chain');
  const writer = openGraph(graphDir);
  await ingestBitcoin({ graph: writer, blocksDir });
  writer.close();
  const g = openGraph(graphDir, { readonly: true });
  t.after(() => g.close());

  const taint = new UtxoTaint([THIEF], 6);
  taint.advance(g);
  const l = taint.ledgers[0]!;
  const id = (a: string) => g.addressId(a);
  const payers = (a: string) => {
    const s = l.slotOf[id(a)]!;
    return [
      [l.parent[s]!, l.best[s]!],
      [l.parent2[s]!, l.best2[s]!],
      [l.parent3[s]!, l.best3[s]!],
    ].filter(([p]) => p! >= 0);
  };
  // M: 30 from the thief, 18 from N; its change (40, then 36) pays it nothing, X's share of the merge does
  const m = payers(M);
  assert.deepEqual(
    m.map(([p]) => p),
    [id(THIEF), id(N), id(X)],
  );
  assert.deepEqual(m.slice(0, 2), [
    [id(THIEF), 30 * BTC],
    [id(N), 18 * BTC],
  ]);
  // the merge: M gave 40 and X 7 of taint (all they held); the miner's coin is clean. Of
  // Σ in = 97 BTC, Y's 60 carries floor(47 × 60 / 97) BTC of taint, M's change 36 carries
  // floor(47 × 36 / 97) — paid by X alone (7 of the 47), M's own share is no payment
  const toY = Math.floor((47 * BTC * 60) / 97);
  const toM = Math.floor((47 * BTC * 36) / 97);
  assert.deepEqual(payers(Y), [
    [id(M), (toY * 40) / 47],
    [id(X), (toY * 7) / 47],
  ]);
  assert.equal(m[2]![1], (toM * 7) / 47);
  assert.equal(l.received[l.slotOf[id(Y)]!], toY);
  assert.equal(l.slotOf[id(MINER)], -1, 'the clean input is no payer and holds no taint');
  // before payers excluded the payee, M was its own largest payer (40 > 30) and Y's route began at M
  assert.deepEqual(pathTo(g, taint, 0, id(Y)), [THIEF, M, Y]);
  assert.deepEqual(pathTo(g, taint, 0, id(X)), [THIEF, M, X]);
  assert.equal(sourceOf(taint, 0, id(M)), id(THIEF));
});
