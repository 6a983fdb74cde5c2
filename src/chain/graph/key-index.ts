/**
 * An open-addressing hash index from byte keys to dense ids, over keys held in a column (fixed-size
 * records, or variable-length keys with an end-offset column). Rebuilt in memory on open: the keys
 * are random hashes, so a rebuild is one pass of hashing and linear probing.
 */
import type { BytesColumn, U32Column } from './column.ts';

/**
 * Word-at-a-time multiplicative hash with a per-process random seed: keys are hashes an adversary
 * can grind (txids, vanity addresses), and an unknown seed keeps them from aiming at one probe run.
 */
const SEED = (Math.random() * 0x100000000) | 0;

function fnv(b: Uint8Array, off: number, len: number): number {
  let h = SEED ^ len;
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = off + i;
    const w = b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24);
    h = Math.imul(h ^ w, 0x9e3779b1);
    h ^= h >>> 15;
  }
  for (; i < len; i++) h = Math.imul(h ^ b[off + i]!, 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

export class KeyIndex {
  private table = new Uint32Array(1024);
  private mask = 1023;
  private used = 0;
  private readonly keys: BytesColumn;
  private readonly ends: U32Column | undefined;
  private readonly keyLength: number;

  /**
   * Fixed keys: `keyLength` bytes at the start of each `keys` record. Variable keys (`ends` given):
   * key i is keys[ends[i-1], ends[i]).
   */
  constructor(keys: BytesColumn, ends?: U32Column, keyLength = keys.width) {
    this.keys = keys;
    this.ends = ends;
    this.keyLength = keyLength;
  }

  private start(id: number): number {
    if (this.ends) return id === 0 ? 0 : this.ends.data[id - 1]!;
    return id * this.keys.width;
  }

  private len(id: number): number {
    if (this.ends) return this.ends.data[id]! - this.start(id);
    return this.keyLength;
  }

  private equals(id: number, src: Uint8Array, off: number, len: number): boolean {
    if (this.len(id) !== len) return false;
    const d = this.keys.data;
    const s = this.start(id);
    for (let i = 0; i < len; i++) if (d[s + i] !== src[off + i]) return false;
    return true;
  }

  /** The id of the key src[off, off+len), or -1. With duplicates, the most recently put one. */
  find(src: Uint8Array, off: number, len: number): number {
    let i = fnv(src, off, len) & this.mask;
    for (;;) {
      const e = this.table[i]!;
      if (e === 0) return -1;
      if (this.equals(e - 1, src, off, len)) return e - 1;
      i = (i + 1) & this.mask;
    }
  }

  /** Indexes id (whose key is already stored); an equal key's slot is taken over by the newer id. */
  put(id: number): void {
    if ((this.used + 1) * 2 > this.table.length) this.grow();
    const d = this.keys.data;
    const s = this.start(id);
    const len = this.len(id);
    let i = fnv(d, s, len) & this.mask;
    for (;;) {
      const e = this.table[i]!;
      if (e === 0) {
        this.table[i] = id + 1;
        this.used++;
        return;
      }
      if (this.equals(e - 1, d, s, len)) {
        this.table[i] = id + 1;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** Indexes ids [0, count) afresh (open, rollback). */
  rebuild(count: number): void {
    let size = 1024;
    while (size < count * 2 + 2) size *= 2;
    this.table = new Uint32Array(size);
    this.mask = size - 1;
    this.used = 0;
    for (let id = 0; id < count; id++) this.put(id);
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.mask = this.table.length - 1;
    this.used = 0;
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.reinsert(old[i]! - 1);
  }

  private reinsert(id: number): void {
    const s = this.start(id);
    let i = fnv(this.keys.data, s, this.len(id)) & this.mask;
    while (this.table[i] !== 0) i = (i + 1) & this.mask;
    this.table[i] = id + 1;
    this.used++;
  }
}
