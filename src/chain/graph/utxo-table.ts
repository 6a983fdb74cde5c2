/**
 * A UTXO chain in the graph store: appending parsed blocks (resolving inputs through the
 * transaction index, parking unresolved ones until their outputs arrive), the adjacency segments,
 * rollback, and the read accessors tracing uses.
 */
import { join } from 'node:path';
import type { ParsedBlock } from '../bitcoin/parsed-block.ts';
import { MAX_KEY, scriptKey } from '../bitcoin/script-address.ts';
import type { AddressDict } from './address-dict.ts';
import { EMPTY_ROWS, rowsOf } from './adjacency.ts';
import { NO_ADDRESS, type SegmentEntry, UNKNOWN_HEIGHT, UNRESOLVED, type UtxoManifest } from './format.ts';
import { KeyIndex } from './key-index.ts';
import { readSegment, removeUnlistedSegments, type Segment, writeSegment } from './segment.ts';
import { buildSegment, mergePlan } from './segment-builder.ts';
import { UtxoColumns } from './utxo-columns.ts';

export interface AppendResult {
  added: boolean;
  transactions: number;
  inputs: number;
  outputs: number;
  /** Inputs that spend an output (coinbase inputs are not counted: they spend nothing). */
  /** Inputs of earlier blocks resolved by this block's outputs. */
  resolved: number;
}

const keyScratch = new Uint8Array(MAX_KEY);

export class UtxoTable {
  readonly chain: string;
  readonly c: UtxoColumns;
  private readonly dir: string;
  private readonly dict: AddressDict;
  private readonly txIndex: KeyIndex;
  private readonly blockIndex: KeyIndex;
  private readonly pendIndex: KeyIndex;
  /** Per pending entry, the previous entry spending from the same txid (-1 none). In memory only. */
  private pendNext = new Int32Array(1024);
  /** Rows that were appended unresolved: the segments leave them to `late`. In memory only. */
  private wasPending = new Uint8Array(1024);
  /** Resolved pending inputs by spending address. */
  private late = new Map<number, number[]>();
  segments: Segment[] = [];
  private unresolvedCount = 0;

  constructor(dir: string, chain: string, dict: AddressDict) {
    this.dir = dir;
    this.chain = chain;
    this.dict = dict;
    this.c = new UtxoColumns(dir, chain);
    this.txIndex = new KeyIndex(this.c.txHash);
    this.blockIndex = new KeyIndex(this.c.blockHash);
    this.pendIndex = new KeyIndex(this.c.pendOutpoint, undefined, 32);
  }

  load(m: UtxoManifest, writable: boolean): void {
    this.c.load(m, writable);
    this.segments = m.segments.map((s) => readSegment(join(this.dir, s.file), s));
    this.replayPatches(0);
    if (writable) this.rebuildIndexes();
  }

  /** Applies patches [from, end) to the rows and the late adjacency. */
  private replayPatches(from: number): void {
    const c = this.c;
    for (let p = from; p < c.patchRow.length; p++) {
      const row = c.patchRow.data[p]!;
      c.rowAddr.data[row] = c.patchAddr.data[p]!;
      c.rowValue.data[row] = c.patchValue.data[p]!;
      this.addLate(c.patchAddr.data[p]!, row);
    }
  }

  private addLate(addr: number, row: number): void {
    if (addr >= UNRESOLVED) return;
    const list = this.late.get(addr);
    if (list) list.push(row);
    else this.late.set(addr, [row]);
  }

  private rebuildIndexes(): void {
    const c = this.c;
    this.txIndex.rebuild(c.txs);
    this.blockIndex.rebuild(c.blocks);
    this.pendIndex.rebuild(0);
    this.pendNext = new Int32Array(Math.max(1024, c.pendRow.length * 2));
    this.wasPending = new Uint8Array(Math.max(1024, c.rows * 2));
    this.unresolvedCount = 0;
    for (let p = 0; p < c.pendRow.length; p++) {
      this.indexPending(p);
      if (c.rowAddr.data[c.pendRow.data[p]!] === UNRESOLVED) this.unresolvedCount++;
    }
  }

  private indexPending(p: number): void {
    const c = this.c;
    const row = c.pendRow.data[p]!;
    this.ensureRowFlags(row + 1);
    this.wasPending[row] = 1;
    if (p >= this.pendNext.length) {
      const next = new Int32Array(this.pendNext.length * 2 + p);
      next.set(this.pendNext);
      this.pendNext = next;
    }
    this.pendNext[p] = this.pendIndex.find(c.pendOutpoint.data, p * 36, 32);
    this.pendIndex.put(p);
  }

  private ensureRowFlags(n: number): void {
    if (n <= this.wasPending.length) return;
    const next = new Uint8Array(Math.max(n, this.wasPending.length * 2));
    next.set(this.wasPending);
    this.wasPending = next;
  }

  hasBlock(hash: Uint8Array): boolean {
    return this.blockIndex.find(hash, 0, 32) >= 0;
  }

  /** Appends a parsed block at `height` (UNKNOWN_HEIGHT if unknown); a block already held adds nothing. */
  appendBlock(pb: ParsedBlock, height: number): AppendResult {
    const result: AppendResult = { added: false, transactions: 0, inputs: 0, outputs: 0, resolved: 0 };
    if (this.hasBlock(pb.hash)) return result;
    const c = this.c;
    c.blockHash.push(pb.hash, 0);
    c.blockPrev.push(pb.bytes, pb.prevOffset);
    c.blockHeight.push(height);
    c.blockTime.push(pb.time);
    c.blockBits.push(pb.bits);
    c.blockTx.push(c.txs);
    c.blockPending.push(c.pendRow.length);
    c.blockPatch.push(c.patchRow.length);
    this.blockIndex.put(c.blocks - 1);
    c.rowAddr.reserve(c.rows + pb.inputCount + pb.outputCount);
    c.rowValue.reserve(c.rows + pb.inputCount + pb.outputCount);
    c.rowTx.reserve(c.rows + pb.inputCount + pb.outputCount);
    this.ensureRowFlags(c.rows + pb.inputCount + pb.outputCount);
    const rowsBefore = c.rows;
    for (let t = 0; t < pb.txCount; t++) result.resolved += this.appendTx(pb, t);
    result.added = true;
    result.transactions = pb.txCount;
    result.inputs = c.rows - rowsBefore - pb.outputCount;
    result.outputs = pb.outputCount;
    return result;
  }

  private appendTx(pb: ParsedBlock, t: number): number {
    const c = this.c;
    const tx = c.txs;
    c.txHash.push(pb.txids, t * 32);
    c.txRow.push(c.rows);
    if (!pb.isCoinbase(t)) {
      for (let i = pb.txInStart[t]!; i < pb.txInStart[t + 1]!; i++)
        this.appendInput(pb.bytes, pb.inPrevOffset[i]!, tx);
    }
    c.txOut.push(c.rows);
    for (let o = pb.txOutStart[t]!; o < pb.txOutStart[t + 1]!; o++) {
      const len = scriptKey(pb.bytes, pb.outScriptOffset[o]!, pb.outScriptLength[o]!, keyScratch);
      c.rowAddr.push(len === 0 ? NO_ADDRESS : this.dict.intern(keyScratch, 0, len));
      c.rowValue.push(pb.outValue[o]!);
      c.rowTx.push(tx);
    }
    this.txIndex.put(tx);
    return this.unresolvedCount > 0 ? this.resolvePending(tx) : 0;
  }

  private appendInput(b: Uint8Array, prev: number, tx: number): void {
    const c = this.c;
    const row = c.rows;
    const spent = this.txIndex.find(b, prev, 32);
    let addr = UNRESOLVED;
    let value = Number.NaN;
    if (spent >= 0) {
      const vout =
        (b[prev + 32]! | (b[prev + 33]! << 8) | (b[prev + 34]! << 16) | (b[prev + 35]! << 24)) >>> 0;
      const out = c.txOut.data[spent]! + vout;
      // an outpoint past the transaction's outputs is invalid: it pays from nowhere
      addr = out < this.txEnd(spent) ? c.rowAddr.data[out]! : NO_ADDRESS;
      value = out < this.txEnd(spent) ? c.rowValue.data[out]! : Number.NaN;
    } else {
      c.pendOutpoint.push(b, prev);
      c.pendRow.push(row);
      this.indexPending(c.pendRow.length - 1);
      this.unresolvedCount++;
    }
    c.rowAddr.push(addr);
    c.rowValue.push(value);
    c.rowTx.push(tx);
  }

  /** Resolves the pending inputs that spend outputs of `tx`, which has just arrived. */
  private resolvePending(tx: number): number {
    const c = this.c;
    let p = this.pendIndex.find(c.txHash.data, tx * 32, 32);
    let resolved = 0;
    for (; p >= 0; p = this.pendNext[p]!) {
      const row = c.pendRow.data[p]!;
      if (c.rowAddr.data[row] !== UNRESOLVED) continue;
      const o = p * 36 + 32;
      const ob = c.pendOutpoint.data;
      const vout = (ob[o]! | (ob[o + 1]! << 8) | (ob[o + 2]! << 16) | (ob[o + 3]! << 24)) >>> 0;
      const out = c.txOut.data[tx]! + vout;
      if (out >= this.txEnd(tx)) continue;
      const addr = c.rowAddr.data[out]!;
      const value = c.rowValue.data[out]!;
      c.rowAddr.data[row] = addr;
      c.rowValue.data[row] = value;
      c.patchRow.push(row);
      c.patchAddr.push(addr);
      c.patchValue.push(value);
      this.addLate(addr, row);
      this.unresolvedCount--;
      resolved++;
    }
    return resolved;
  }

  /** One past the last row of tx. */
  txEnd(tx: number): number {
    return tx + 1 < this.c.txs ? this.c.txRow.data[tx + 1]! : this.c.rows;
  }

  /** Writes the uncommitted tails (unresolved rows as appended, not as patched) and new segments. */
  flush(): UtxoManifest {
    const c = this.c;
    const restore: number[] = [];
    for (let p = c.pendRow.committed; p < c.pendRow.length; p++) {
      const row = c.pendRow.data[p]!;
      if (row < c.rowAddr.committed) continue;
      restore.push(row, c.rowAddr.data[row]!, c.rowValue.data[row]!);
      c.rowAddr.data[row] = UNRESOLVED;
      c.rowValue.data[row] = Number.NaN;
    }
    c.flush();
    for (let i = 0; i < restore.length; i += 3) {
      c.rowAddr.data[restore[i]!] = restore[i + 1]!;
      c.rowValue.data[restore[i]!] = restore[i + 2]!;
    }
    this.indexNewRows();
    return this.manifest();
  }

  manifest(): UtxoManifest {
    const c = this.c;
    return {
      blocks: c.blocks,
      txs: c.txs,
      rows: c.rows,
      pending: c.pendRow.length,
      patches: c.patchRow.length,
      segments: this.segments.map(({ file, txStart, txEnd, rowStart, rowEnd }) => ({
        file,
        txStart,
        txEnd,
        rowStart,
        rowEnd,
      })),
    };
  }

  /** A segment for the transactions no segment covers, then merges that keep sizes geometric. */
  private indexNewRows(): void {
    const last = this.segments.at(-1);
    const from = last ? last.txEnd : 0;
    if (from < this.c.txs) this.segments.push(this.build(from, this.c.txs));
    for (let plan = mergePlan(this.segments); plan; plan = mergePlan(this.segments)) {
      const [a, b] = [this.segments[plan - 1]!, this.segments[plan]!];
      this.segments.splice(plan - 1, 2, this.build(a.txStart, b.txEnd));
    }
  }

  private build(txStart: number, txEnd: number): Segment {
    const seg = buildSegment(this.c, this.wasPending, txStart, txEnd);
    const file = `${this.chain}.seg.${txStart}-${txEnd}`;
    const full = { ...seg, file };
    writeSegment(join(this.dir, file), full);
    return full;
  }

  segmentFiles(): Set<string> {
    return new Set(this.segments.map((s) => s.file));
  }

  /**
   * Keeps blocks [0, keep): drops later rows, transactions, pending inputs and their resolutions.
   * Call through Graph.rollbackBitcoin, which orders it with the manifest.
   */
  rollback(keep: number): void {
    const c = this.c;
    if (keep >= c.blocks) return;
    const txs = c.blockTx.data[keep]!;
    const rows = txs < c.txs ? c.txRow.data[txs]! : c.rows;
    const pending = c.blockPending.data[keep]!;
    const patches = c.blockPatch.data[keep]!;
    for (let p = patches; p < c.patchRow.length; p++) {
      const row = c.patchRow.data[p]!;
      c.rowAddr.data[row] = UNRESOLVED;
      c.rowValue.data[row] = Number.NaN;
    }
    c.truncate(keep, txs, rows, pending, patches);
    this.late = new Map();
    this.replayPatches(0);
    const kept: Segment[] = [];
    for (const s of this.segments) {
      if (s.txEnd <= txs) kept.push(s);
      else if (s.txStart < txs) kept.push(this.build(s.txStart, txs));
    }
    this.segments = kept;
    this.rebuildIndexes();
  }

  /** Deletes segment files of this chain the manifest no longer lists. */
  removeSegmentFiles(files: readonly string[]): void {
    removeUnlistedSegments(this.dir, this.chain, files, this.segmentFiles());
  }

  // ---- reading ----

  /** Input rows where `addr` spends (address → transaction). */
  outEdges(addr: number): Uint32Array {
    return this.gather(addr, true);
  }

  /** Output rows paying `addr` (transaction → address). */
  inEdges(addr: number): Uint32Array {
    return this.gather(addr, false);
  }

  private gather(addr: number, out: boolean): Uint32Array {
    const parts: Uint32Array[] = [];
    let total = 0;
    for (const s of this.segments) {
      const r = rowsOf(out ? s.out : s.in, addr);
      if (r.length > 0) {
        parts.push(r);
        total += r.length;
      }
    }
    const late = out ? this.late.get(addr) : undefined;
    if (!late && parts.length === 1) return parts[0]!;
    if (!late && parts.length === 0) return EMPTY_ROWS;
    const all = new Uint32Array(total + (late?.length ?? 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    if (late) all.set(late, at);
    if (late) all.sort();
    return all;
  }

  /** The block (append index) holding tx. */
  blockOf(tx: number): number {
    const starts = this.c.blockTx.data;
    let lo = 0;
    let hi = this.c.blocks - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= tx) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** A coinbase spends nothing: it is the only kind of transaction without input rows. */
  isCoinbase(tx: number): boolean {
    return this.c.txRow.data[tx] === this.c.txOut.data[tx];
  }

  /** Satoshi paid in fees: inputs minus outputs; NaN for a coinbase or while an input is unresolved. */
  txFee(tx: number): number {
    if (this.isCoinbase(tx)) return Number.NaN;
    const c = this.c;
    const outs = c.txOut.data[tx]!;
    let fee = 0;
    for (let r = c.txRow.data[tx]!; r < outs; r++) fee += c.rowValue.data[r]!;
    for (let r = outs; r < this.txEnd(tx); r++) fee -= c.rowValue.data[r]!;
    return fee;
  }

  isInputRow(row: number): boolean {
    return row < this.c.txOut.data[this.c.rowTx.data[row]!]!;
  }

  /** Inputs whose spent output the store has not seen. */
  unresolved(): number {
    const c = this.c;
    let n = 0;
    for (let p = 0; p < c.pendRow.length; p++) if (c.rowAddr.data[c.pendRow.data[p]!] === UNRESOLVED) n++;
    return n;
  }

  /** Records the height of a stored block whose height was unknown (its ancestors arrived later). */
  learnHeight(block: number, height: number): void {
    if (this.c.blockHeight.data[block] === UNKNOWN_HEIGHT && height >= 0)
      this.c.blockHeight.overwrite(block, height);
  }

  heightOf(block: number): number {
    const h = this.c.blockHeight.data[block]!;
    return h === UNKNOWN_HEIGHT ? -1 : h;
  }
}

export type { SegmentEntry };
