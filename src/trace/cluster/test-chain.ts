/**
 * Hand-built Bitcoin chains for the clustering tests: transactions named by index, outputs paying
 * named addresses (P2PKH unless a type is given), serialised as real blocks and appended through
 * the graph store's own parser and table, so the tests read the rows ingestion writes.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { payments } from 'bitcoinjs-lib';
import { tempDir } from '../../../test/support/temp-dir.ts';
import {
  blockBytes,
  type Graph,
  openGraph,
  parseBlock,
  sha256d,
  u32,
  u64,
  varint,
} from '../../chain/index.ts';

export type ScriptType = 'p2pkh' | 'p2wpkh' | 'p2sh';

export interface Out {
  to: string;
  value: number;
  type?: ScriptType;
}

/** A transaction: spends outputs of earlier ones ([tx index, vout]); none makes it a coinbase. */
export interface TxSpec {
  ins: readonly (readonly [number, number])[];
  outs: readonly Out[];
}

function hash20(name: string): Buffer {
  return createHash('sha256').update(name).digest().subarray(0, 20);
}

export function address(name: string, type: ScriptType = 'p2pkh'): string {
  const hash = hash20(name);
  if (type === 'p2wpkh') return payments.p2wpkh({ hash }).address!;
  if (type === 'p2sh') return payments.p2sh({ hash }).address!;
  return payments.p2pkh({ hash }).address!;
}

function script(name: string, type: ScriptType = 'p2pkh'): Buffer {
  const h = hash20(name);
  if (type === 'p2wpkh') return Buffer.concat([Buffer.from([0x00, 0x14]), h]);
  if (type === 'p2sh') return Buffer.concat([Buffer.from([0xa9, 0x14]), h, Buffer.from([0x87])]);
  return Buffer.concat([Buffer.from([0x76, 0xa9, 0x14]), h, Buffer.from([0x88, 0xac])]);
}

/** A chain being built: every transaction ever added, by index, and the head's hash. */
export class TestChain {
  readonly txids: Buffer[] = [];
  private prev = Buffer.alloc(32);
  private height = 0;
  private nonce = 0;

  /** Serialises one block of `txs` and appends it to `graph` (committed). Returns the txids' indexes. */
  append(graph: Graph, txs: readonly TxSpec[]): number[] {
    const { block, indexes } = this.make(txs);
    graph.bitcoin.appendBlock(parseBlock(block), this.height - 1);
    graph.commit();
    return indexes;
  }

  /** Serialises the next block without appending it (to append later, out of order: `appendRaw`). */
  make(txs: readonly TxSpec[]): { block: Buffer; height: number; indexes: number[] } {
    const raws: Buffer[] = [];
    const ids: Buffer[] = [];
    const first = this.txids.length;
    for (const tx of txs) {
      const ins =
        tx.ins.length === 0
          ? [
              Buffer.concat([
                Buffer.alloc(32),
                u32(0xffffffff),
                varint(8),
                u64(this.nonce++),
                u32(0xffffffff),
              ]),
            ]
          : tx.ins.map(([t, vout]) => Buffer.concat([this.txid(t), u32(vout), varint(0), u32(0xffffffff)]));
      const outs = tx.outs.flatMap((o) => {
        const s = script(o.to, o.type);
        return [u64(o.value), varint(s.length), s];
      });
      const raw = Buffer.concat([
        u32(1),
        varint(ins.length),
        ...ins,
        varint(tx.outs.length),
        ...outs,
        u32(0),
      ]);
      const id = sha256d(raw);
      raws.push(raw);
      ids.push(Buffer.from(id));
      this.txids.push(Buffer.from(id));
    }
    const { block, hash } = blockBytes(
      this.prev,
      raws.map((bytes, i) => ({ bytes, txid: ids[i]! })),
      1_600_000_000 + this.height * 600,
      this.height,
      1,
    );
    this.prev = Buffer.from(hash);
    return { block, height: this.height++, indexes: txs.map((_, i) => first + i) };
  }

  static appendRaw(graph: Graph, made: { block: Buffer; height: number }): void {
    graph.bitcoin.appendBlock(parseBlock(made.block), made.height);
    graph.commit();
  }

  private txid(t: number): Buffer {
    const id = this.txids[t];
    if (!id) throw new Error(`transaction ${t} is not in the chain yet`);
    return id;
  }
}

/** A fresh graph store in a temporary directory with a new chain to append to, removed after the test. */
export function testChainGraph(t: { after: (f: () => void) => void }): {
  g: Graph;
  chain: TestChain;
  dir: string;
} {
  const tmp = tempDir();
  const g = openGraph(join(tmp.path, 'g'));
  t.after(() => {
    g.close();
    tmp.remove();
  });
  return { g, chain: new TestChain(), dir: tmp.path };
}
