/**
 * Hand-made Bitcoin blocks for the freeze-alert tests: transactions that pay chosen addresses from
 * chosen outputs, in real block format (BIP 34 coinbase height, merkle root, blk-file framing with
 * mainnet magic), so they are ingested by the same `ingestBitcoin` as a node's block files. Scripts
 * are not signed: ingestion, like an indexer behind a validating node, does not check them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_P2PKH, KEY_P2SH, KEY_P2TR } from '../../src/chain/bitcoin/script-address.ts';
import { addressToKey, blkFileName, blockRecord, sha256d, u32, u64, varint } from '../../src/chain/index.ts';

export interface Coin {
  /** Internal byte order (as in the spending input). */
  txid: Buffer;
  vout: number;
  value: number;
}

export interface BuiltTx {
  bytes: Buffer;
  txid: Buffer;
  /** The txid as nodes and explorers print it. */
  id: string;
  /** Output n as a coin to spend. */
  coin(vout: number): Coin;
}

/** A legacy-serialised transaction; no inputs makes it the coinbase of block `height`. */
export function transaction(
  spends: readonly Coin[],
  outs: readonly { address: string; value: number }[],
  height = 0,
): BuiltTx {
  const heightPush = u32(height).subarray(0, 3);
  const ins =
    spends.length === 0
      ? [
          Buffer.concat([
            Buffer.alloc(32),
            u32(0xffffffff),
            // BIP 34: the height first, then a tag so two coinbases of one height differ
            varint(8),
            Buffer.from([3]),
            heightPush,
            Buffer.from('btc!'),
            u32(0xffffffff),
          ]),
        ]
      : spends.map((c) => Buffer.concat([c.txid, u32(c.vout), varint(1), Buffer.from([0]), u32(0xfffffffe)]));
  const scripts = outs.map((o) => outputScript(o.address));
  const bytes = Buffer.concat([
    u32(2),
    varint(ins.length),
    ...ins,
    varint(outs.length),
    ...outs.flatMap((o, i) => [u64(o.value), varint(scripts[i]!.length), scripts[i]!]),
    u32(0),
  ]);
  const txid = sha256d(bytes);
  return {
    bytes,
    txid,
    id: Buffer.from(txid).reverse().toString('hex'),
    coin: (vout) => ({ txid, vout, value: outs[vout]!.value }),
  };
}

/** The standard output script paying a mainnet address (the inverse of the graph's `scriptKey`). */
function outputScript(address: string): Buffer {
  const key = addressToKey(address);
  if (!key) throw new Error(`not a mainnet address: ${address}`);
  const body = key.subarray(1);
  if (key[0] === KEY_P2PKH)
    return Buffer.concat([Buffer.from([0x76, 0xa9, 20]), body, Buffer.from([0x88, 0xac])]);
  if (key[0] === KEY_P2SH) return Buffer.concat([Buffer.from([0xa9, 20]), body, Buffer.from([0x87])]);
  // witness v0 (P2WPKH, P2WSH) or v1 (P2TR): the version opcode, then the program
  return Buffer.concat([Buffer.from([key[0] === KEY_P2TR ? 0x51 : 0x00, body.length]), body]);
}

/** A block record (magic, size, block) on `prev` (internal byte order); returns it and its hash. */
export function block(prev: Buffer, txs: readonly BuiltTx[], time: number): { record: Buffer; hash: Buffer } {
  return blockRecord(prev, txs, time);
}

export function writeBlockFile(dir: string, index: number, records: readonly Buffer[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, blkFileName(index)), Buffer.concat(records));
}
