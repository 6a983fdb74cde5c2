import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mainnet0to255, writeBlk } from '../../src/chain/graph/test-blocks.ts';
import { type Graph, ingestBitcoin, NO_ADDRESS, openGraph } from '../../src/chain/index.ts';
import { type Model, trace } from '../../src/trace/index.ts';
import { tempDir } from '../support/temp-dir.ts';

/** Block 9's coinbase: the coins of the first transaction between people (block 170, to Hal Finney). */
const SATOSHI = '12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S';
const HAL = '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3';

/**
 * An independent address-level haircut over the raw rows, in bigint: what the engine must agree
 * with exactly (satoshi are integers, so the doubles of the engine are exact too).
 */
function referenceHaircut(g: Graph, seed: number): Map<number, { received: bigint; holding: bigint }> {
  const c = g.bitcoin.c;
  const bal = new Map<number, bigint>();
  const taint = new Map<number, bigint>();
  const received = new Map<number, bigint>();
  for (let tx = 0; tx < c.txs; tx++) {
    const [r0, mid, r1] = [
      c.txRow.data[tx]!,
      c.txOut.data[tx]!,
      tx + 1 < c.txs ? c.txRow.data[tx + 1]! : c.rows,
    ];
    let sumIn = 0n;
    let taintIn = 0n;
    for (let r = r0; r < mid; r++) {
      const a = c.rowAddr.data[r]!;
      const v = BigInt(c.rowValue.data[r]!);
      const b = bal.get(a) ?? 0n;
      const t = b > 0n ? (v * (taint.get(a) ?? 0n)) / b : 0n;
      bal.set(a, b - v);
      taint.set(a, (taint.get(a) ?? 0n) - t);
      sumIn += v;
      taintIn += t;
    }
    let sumOut = 0n;
    for (let r = mid; r < r1; r++) sumOut += BigInt(c.rowValue.data[r]!);
    const den = sumIn > sumOut ? sumIn : sumOut;
    for (let r = mid; r < r1; r++) {
      const a = c.rowAddr.data[r]!;
      if (a === NO_ADDRESS) continue;
      const v = BigInt(c.rowValue.data[r]!);
      const t = a === seed ? v : den > 0n ? (taintIn * v) / den : 0n;
      bal.set(a, (bal.get(a) ?? 0n) + v);
      taint.set(a, (taint.get(a) ?? 0n) + t);
      if (t > 0n) received.set(a, (received.get(a) ?? 0n) + t);
    }
  }
  const out = new Map<number, { received: bigint; holding: bigint }>();
  for (const [a, r] of received) out.set(a, { received: r, holding: taint.get(a)! });
  return out;
}

describe('tracing real Bitcoin blocks 0–255', () => {
  const tmp = tempDir();
  let g: Graph;
  after(() => {
    g?.close();
    tmp.remove();
  });
  before(async () => {
    writeBlk(join(tmp.path, 'blocks'), 0, mainnet0to255());
    const w = openGraph(join(tmp.path, 'g'));
    await ingestBitcoin({ graph: w, blocksDir: join(tmp.path, 'blocks') });
    w.close();
    g = openGraph(join(tmp.path, 'g'), { readonly: true });
  });

  it('haircut agrees exactly with an independent bigint computation over the same rows', () => {
    const r = trace({ graph: g, seeds: [SATOSHI], model: 'haircut', direction: 'forward', hops: 100 });
    const ref = referenceHaircut(g, g.addressId(SATOSHI));
    const got = new Map(r.addresses.map((a) => [g.addressId(a.address), a]));
    assert.ok(ref.size >= 2, `${ref.size} tainted addresses`);
    assert.deepEqual(
      [...got.entries()].map(([a, x]) => [a, x.received, x.holding]).sort(),
      [...ref.entries()].map(([a, x]) => [a, String(x.received), String(x.holding)]).sort(),
    );
    const hal = r.addresses.find((a) => a.address === HAL);
    assert.equal(hal?.hops, 1, 'Hal Finney is one hop from Satoshi');
    assert.ok(
      r.transfers.some((t) => t.to === HAL && t.taint === t.value),
      'block 170 pays Hal wholly tainted coins',
    );
  });

  it('every model reaches Hal Finney forward, and backward from Hal reaches Satoshi', () => {
    for (const model of ['poison', 'haircut', 'fifo'] as Model[]) {
      const r = trace({ graph: g, seeds: [SATOSHI], model, direction: 'forward', hops: 3 });
      assert.ok(
        r.addresses.some((a) => a.address === HAL),
        `${model} reaches Hal`,
      );
      const back = trace({ graph: g, seeds: [HAL], model, direction: 'backward', hops: 3 });
      assert.ok(
        back.addresses.some((a) => a.address === SATOSHI && a.hops === 1),
        `${model} backward reaches Satoshi`,
      );
    }
  });

  it('starting after the payment (since) traces nothing to Hal', () => {
    const t170 = g.transfer(g.inEdges(g.addressId(HAL))[0]!).time;
    const r = trace({
      graph: g,
      seeds: [SATOSHI],
      model: 'poison',
      direction: 'forward',
      hops: 3,
      since: t170 + 1,
    });
    assert.ok(!r.addresses.some((a) => a.address === HAL));
  });
});
