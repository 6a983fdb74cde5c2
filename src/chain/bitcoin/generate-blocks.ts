/**
 * Deterministic (seeded) generator of real-format Bitcoin block files for tests and benchmarks:
 * blk*.dat records with mainnet magic, headers chained by hash with correct merkle roots, and
 * transactions that spend earlier outputs into standard scripts (P2PKH, P2SH, P2WPKH, P2WSH, P2TR,
 * some OP_RETURN) built with bitcoinjs-lib. Serialisation is ours, segwit inputs included. Address
 * reuse follows a power law so the graph has hubs. No proof of work: bits is the regtest limit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { payments } from 'bitcoinjs-lib';
import { sha256d } from './block-parser.ts';
import { blkFileName, blockRecord, u32, u64, varint } from './block-writer.ts';

export interface GenerateOptions {
  dir: string;
  transactions: number;
  txPerBlock?: number;
  seed?: number;
  addresses?: number;
}

export interface GenerateResult {
  blocks: number;
  transactions: number;
  bytes: number;
}

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    let s = this.s;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.s = s >>> 0;
    return this.s / 0x100000000;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
}

function scriptPool(rng: Rng, n: number): Buffer[] {
  const pool: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const kind = rng.int(10);
    if (kind < 4) pool.push(Buffer.from(payments.p2pkh({ hash: rng.bytes(20) }).output!));
    else if (kind < 6) pool.push(Buffer.from(payments.p2wpkh({ hash: rng.bytes(20) }).output!));
    else if (kind < 8) pool.push(Buffer.from(payments.p2sh({ hash: rng.bytes(20) }).output!));
    else if (kind < 9) pool.push(Buffer.from(payments.p2wsh({ hash: rng.bytes(32) }).output!));
    else pool.push(Buffer.concat([Buffer.from([0x51, 0x20]), rng.bytes(32)]));
  }
  return pool;
}

interface Coin {
  txid: Buffer;
  vout: number;
  value: number;
  segwit: boolean;
}

/** Serialises one transaction; returns its bytes and txid. */
function serialiseTx(rng: Rng, spends: Coin[], outs: { script: Buffer; value: number }[], coinbase: boolean) {
  const segwit = spends.some((c) => c.segwit);
  const ins = coinbase
    ? [Buffer.concat([Buffer.alloc(32), u32(0xffffffff), varint(8), rng.bytes(8), u32(0xffffffff)])]
    : spends.map((c) =>
        Buffer.concat([
          c.txid,
          u32(c.vout),
          ...(c.segwit ? [varint(0)] : [varint(107), rng.bytes(107)]),
          u32(0xfffffffe),
        ]),
      );
  const body = Buffer.concat([
    varint(ins.length),
    ...ins,
    varint(outs.length),
    ...outs.flatMap((o) => [u64(o.value), varint(o.script.length), o.script]),
  ]);
  const version = u32(2);
  const lock = u32(0);
  const txid = sha256d(Buffer.concat([version, body, lock]));
  if (!segwit) return { bytes: Buffer.concat([version, body, lock]), txid };
  const witness = spends.map((c) =>
    c.segwit ? Buffer.concat([varint(2), varint(72), rng.bytes(72), varint(33), rng.bytes(33)]) : varint(0),
  );
  return { bytes: Buffer.concat([version, Buffer.from([0, 1]), body, ...witness, lock]), txid };
}

export function generateBlockFiles(opts: GenerateOptions): GenerateResult {
  const rng = new Rng(opts.seed ?? 1);
  const pool = scriptPool(rng, opts.addresses ?? Math.max(100, Math.floor(opts.transactions / 2)));
  const pick = () => pool[Math.floor(pool.length * rng.next() ** 3)]!; // power law: low indexes are hubs
  const perBlock = opts.txPerBlock ?? 2000;
  const unspent: Coin[] = [];
  mkdirSync(opts.dir, { recursive: true });
  let prev: Buffer = Buffer.alloc(32);
  let made = 0;
  let blocks = 0;
  let bytes = 0;
  let file: Buffer[] = [];
  let fileBytes = 0;
  let fileIndex = 0;
  const flush = () => {
    writeFileSync(join(opts.dir, blkFileName(fileIndex++)), Buffer.concat(file));
    file = [];
    fileBytes = 0;
  };
  while (made < opts.transactions) {
    const n = Math.min(perBlock, opts.transactions - made);
    const txs: Buffer[] = [];
    const ids: Buffer[] = [];
    for (let t = 0; t < n; t++) {
      const coinbase = t === 0;
      const spends: Coin[] = [];
      const k = coinbase ? 0 : 1 + rng.int(3);
      for (let i = 0; i < k && unspent.length > 1; i++) {
        const at = rng.int(unspent.length);
        spends.push(unspent[at]!);
        unspent[at] = unspent[unspent.length - 1]!;
        unspent.pop();
      }
      if (!coinbase && spends.length === 0) spends.push(unspent.pop()!);
      const total = coinbase ? 50e8 : spends.reduce((s, c) => s + c.value, 0);
      // a coinbase refills the pool of coins so every later transaction has inputs to spend
      const nOut = coinbase
        ? Math.max(1, Math.min(2000, 3 * n - unspent.length))
        : rng.int(10) === 0
          ? 3
          : 1 + rng.int(2);
      const outs = Array.from({ length: nOut }, () => ({
        script: pick(),
        value: Math.floor(total / (nOut + 1)),
      }));
      if (rng.int(50) === 0) outs.push({ script: Buffer.from([0x6a, 4, 1, 2, 3, 4]), value: 0 });
      const { bytes: raw, txid } = serialiseTx(rng, spends, outs, coinbase);
      txs.push(raw);
      ids.push(txid);
      outs.forEach((o, vout) => {
        if (o.value > 0) unspent.push({ txid, vout, value: o.value, segwit: o.script[0] === 0 });
      });
    }
    const { record, hash } = blockRecord(
      prev,
      txs.map((bytes, i) => ({ bytes, txid: ids[i]! })),
      1_600_000_000 + blocks * 600,
      blocks,
    );
    prev = hash;
    file.push(record);
    fileBytes += record.length;
    bytes += record.length;
    if (fileBytes > 128 * 1024 * 1024) flush();
    made += n;
    blocks++;
  }
  if (file.length > 0) flush();
  return { blocks, transactions: made, bytes };
}
