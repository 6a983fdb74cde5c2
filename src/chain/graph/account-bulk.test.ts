import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { isBulwarkError } from '../../errors/index.ts';
import { AccountBulkWriter, KIND } from './account-bulk.ts';
import { openGraph } from './graph.ts';

const bytes = (fill: number, n: number) => new Uint8Array(n).fill(fill);

test('bulk rows are the rows a reader sees after commit and reopen, with their kinds, assets and amounts', () => {
  const d = tempDir();
  try {
    const g = openGraph(d.path);
    const w = new AccountBulkWriter(g);
    const alice = w.account(bytes(1, 20), 0);
    const bob = w.account(bytes(2, 20), 0);
    const tokenId = w.account(bytes(3, 20), 0);
    assert.equal(w.account(bytes(1, 20), 0), alice, 'an address is interned once');
    const asset = w.asset(tokenId);
    w.block(100, bytes(9, 32), 0, 1_700_000_000);
    w.tx(bytes(8, 32), 0);
    w.row(alice, bob, 0, 1000, KIND.call, 0);
    w.row(bob, alice, 0, 7, KIND.erc20, asset);
    const big = new Uint8Array([0x01, 0, 0, 0, 0, 0, 0, 0, 0, 1]); // 2^72 + 1
    w.pooledRow(alice, bob, big, 10, KIND.internal, 0);
    w.row(alice, bob, 0, 21, KIND.fee, 0);
    g.commit();
    g.close();
    const r = openGraph(d.path, { readonly: true });
    const e = r.ethereum;
    assert.equal(e.c.rows, 4);
    const t = [0, 1, 2, 3].map((row) => e.transfer(row));
    assert.deepEqual(
      t.map((x) => [x.from, x.to, x.value, x.kind, x.height, x.time]),
      [
        [alice, bob, 1000n, 'call', 100, 1_700_000_000],
        [bob, alice, 7n, 'erc20', 100, 1_700_000_000],
        [alice, bob, (1n << 72n) + 1n, 'internal', 100, 1_700_000_000],
        [alice, bob, 21n, 'fee', 100, 1_700_000_000],
      ],
    );
    assert.equal(t[1]!.asset, tokenId);
    assert.deepEqual([...e.outEdges(alice)], [0, 2, 3]);
    assert.deepEqual([...e.inEdges(alice)], [1]);
    r.close();
  } finally {
    d.remove();
  }
});

test('a bulk block must follow the stored head, and a read-only graph takes no bulk writer', () => {
  const d = tempDir();
  try {
    const g = openGraph(d.path);
    const w = new AccountBulkWriter(g);
    w.block(5, bytes(1, 32), 0, 1);
    assert.throws(
      () => w.block(7, bytes(2, 32), 0, 2),
      (e) => isBulwarkError(e) && e.spec.code === 'BULWARK_E_ETH_CHAIN_MISMATCH',
    );
    g.commit();
    g.close();
    const r = openGraph(d.path, { readonly: true });
    assert.throws(
      () => new AccountBulkWriter(r),
      (e) => isBulwarkError(e) && e.spec.code === 'BULWARK_E_GRAPH_READONLY',
    );
    r.close();
  } finally {
    d.remove();
  }
});
