import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { address, payments, Transaction } from 'bitcoinjs-lib';
import fc from 'fast-check';
import { BulwarkError } from '../../errors/index.ts';
import { parseBlock } from './block-parser.ts';
import { readBtcdUtxoStore } from './btcd-utxostore.ts';
import { headerMerkleRoot, merkleRoot } from './merkle.ts';
import { reversedHex } from './parsed-block.ts';
import { keyToAddress, MAX_KEY, scriptKey } from './script-address.ts';

const DATA = new URL('../../../data/bitcoin/', import.meta.url);
const fixtures = JSON.parse(readFileSync(new URL('block.json', DATA), 'utf8')) as {
  valid: { description: string; id: string; hex: string; merkleRoot: string; timestamp: number }[];
};

function outputAddress(pb: ReturnType<typeof parseBlock>, o: number): string | undefined {
  const key = new Uint8Array(MAX_KEY);
  const n = scriptKey(pb.bytes, pb.outScriptOffset[o]!, pb.outScriptLength[o]!, key);
  return n === 0 ? undefined : keyToAddress(key.subarray(0, n));
}

test('the genesis block parses to its known hash, coinbase txid and coinbase address', () => {
  const genesis = fixtures.valid.find((b) => b.description === 'Genesis Block')!;
  const pb = parseBlock(Buffer.from(genesis.hex, 'hex'));
  assert.equal(pb.hashHex(), genesis.id);
  assert.equal(pb.txCount, 1);
  assert.equal(pb.txidHex(0), genesis.merkleRoot.match(/../g)!.reverse().join(''));
  assert.ok(pb.isCoinbase(0));
  assert.equal(pb.time, genesis.timestamp);
  assert.equal(pb.outValue[0], 50e8);
  // the genesis output is P2PK: shown as the P2PKH address of its key
  assert.equal(outputAddress(pb, 0), '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
});

test('every full fixture block, segwit included, hashes to its id and its txids to its merkle root', () => {
  let checked = 0;
  for (const b of fixtures.valid) {
    const bytes = Buffer.from(b.hex, 'hex');
    if (bytes.length <= 80) continue;
    const pb = parseBlock(bytes);
    assert.equal(pb.hashHex(), b.id, b.description);
    assert.equal(
      Buffer.from(merkleRoot(pb)).toString('hex'),
      Buffer.from(headerMerkleRoot(pb)).toString('hex'),
      b.description,
    );
    checked++;
  }
  assert.ok(checked >= 4);
});

test('block 277,647 holds 213 transactions whose merkle root matches, and its fees equal the coinbase surplus', () => {
  const file = readFileSync(new URL('277647.dat', DATA));
  const pb = parseBlock(file, 8, 8 + file.readUInt32LE(4));
  assert.equal(pb.txCount, 213);
  assert.deepEqual(merkleRoot(pb), headerMerkleRoot(pb));
  const utxos = readBtcdUtxoStore(readFileSync(new URL('277647.utxostore', DATA)));
  const inBlock = new Map<string, number>();
  for (let t = 0; t < pb.txCount; t++) {
    for (let o = pb.txOutStart[t]!; o < pb.txOutStart[t + 1]!; o++)
      inBlock.set(`${pb.txidHex(t)}:${o - pb.txOutStart[t]!}`, pb.outValue[o]!);
  }
  let spent = 0;
  let paid = 0;
  for (let t = 1; t < pb.txCount; t++) {
    for (let i = pb.txInStart[t]!; i < pb.txInStart[t + 1]!; i++) {
      const at = pb.inPrevOffset[i]!;
      const key = `${reversedHex(pb.bytes, at)}:${pb.bytes[at + 32]! | (pb.bytes[at + 33]! << 8)}`;
      const value = utxos.get(key) ?? inBlock.get(key);
      assert.notEqual(value, undefined, `input ${key} found`);
      spent += value!;
    }
    for (let o = pb.txOutStart[t]!; o < pb.txOutStart[t + 1]!; o++) paid += pb.outValue[o]!;
  }
  let coinbase = 0;
  for (let o = pb.txOutStart[0]!; o < pb.txOutStart[1]!; o++) coinbase += pb.outValue[o]!;
  const subsidy = 25e8; // height 277,647 is in the third halving era (210,000–419,999)
  assert.ok(spent - paid > 0);
  assert.equal(spent - paid, coinbase - subsidy);
});

test('truncated or mutated block bytes fail with BTC_BLOCK_MALFORMED, never another exception', () => {
  const blocks = fixtures.valid.map((b) => Buffer.from(b.hex, 'hex')).filter((b) => b.length > 80);
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: blocks.length - 1 }),
      fc.nat(),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      (which, cut, edits) => {
        const original = blocks[which]!;
        const bytes = Uint8Array.from(original.subarray(0, original.length - 1 - (cut % original.length)));
        for (const [at, v] of edits) if (bytes.length > 0) bytes[at % bytes.length] = v;
        try {
          parseBlock(bytes);
        } catch (error) {
          assert.ok(error instanceof BulwarkError, String(error));
          assert.equal(error.code, 'BULWARK_E_BTC_BLOCK_MALFORMED');
        }
      },
    ),
    { numRuns: 400 },
  );
});

/** A standard script and the address bitcoinjs gives it (P2TR built by hand: bitcoinjs wants an ECC library for it). */
const scriptArb: fc.Arbitrary<[Uint8Array, string | undefined]> = fc.oneof(
  fc
    .uint8Array({ minLength: 20, maxLength: 20 })
    .map((hash) => withAddress(payments.p2pkh({ hash }).output!)),
  fc.uint8Array({ minLength: 20, maxLength: 20 }).map((hash) => withAddress(payments.p2sh({ hash }).output!)),
  fc
    .uint8Array({ minLength: 20, maxLength: 20 })
    .map((hash) => withAddress(payments.p2wpkh({ hash }).output!)),
  fc
    .uint8Array({ minLength: 32, maxLength: 32 })
    .map((hash) => withAddress(payments.p2wsh({ hash }).output!)),
  fc
    .uint8Array({ minLength: 32, maxLength: 32 })
    .map((k): [Uint8Array, string] => [Uint8Array.from([0x51, 0x20, ...k]), address.toBech32(k, 1, 'bc')]),
  fc.uint8Array({ maxLength: 40 }).map((data) => withAddress(payments.embed({ data: [data] }).output!)),
);

function withAddress(script: Uint8Array): [Uint8Array, string | undefined] {
  try {
    return [script, address.fromOutputScript(script)];
  } catch {
    return [script, undefined];
  }
}

const txArb = fc
  .record({
    version: fc.integer({ min: 1, max: 2 }),
    ins: fc.array(
      fc.record({
        hash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
        index: fc.nat(),
        script: fc.uint8Array({ maxLength: 80 }),
        witness: fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    outs: fc.array(fc.tuple(scriptArb, fc.bigInt({ min: 0n, max: 2_100_000_000_000_000n })), {
      minLength: 1,
      maxLength: 5,
    }),
    lock: fc.nat(),
  })
  .map((r) => {
    const tx = new Transaction();
    tx.version = r.version;
    tx.locktime = r.lock;
    for (const i of r.ins) tx.addInput(i.hash, i.index, 0xfffffffe, i.script);
    for (const [[script], value] of r.outs) tx.addOutput(script, value);
    r.ins.forEach((i, k) => {
      tx.ins[k]!.witness = i.witness;
    });
    return { tx, addresses: r.outs.map(([[, a]]) => a) };
  });

test('random bitcoinjs transactions round-trip through the parser: txid, outpoints, values, addresses', () => {
  fc.assert(
    fc.property(fc.array(txArb, { minLength: 1, maxLength: 4 }), (txs) => {
      const body = txs.map((t) => t.tx.toBuffer());
      const block = Buffer.concat([Buffer.alloc(80, 7), Buffer.from([txs.length]), ...body]);
      const pb = parseBlock(block);
      assert.equal(pb.txCount, txs.length);
      let o = 0;
      txs.forEach(({ tx, addresses }, t) => {
        assert.equal(pb.txidHex(t), tx.getId());
        tx.ins.forEach((input, k) => {
          const at = pb.inPrevOffset[pb.txInStart[t]! + k]!;
          assert.equal(
            Buffer.from(pb.bytes.subarray(at, at + 32)).toString('hex'),
            Buffer.from(input.hash).toString('hex'),
          );
        });
        tx.outs.forEach((out, k) => {
          assert.equal(pb.outValue[o], Number(out.value));
          assert.equal(outputAddress(pb, o), addresses[k]);
          o++;
        });
      });
    }),
    { numRuns: 150 },
  );
});
