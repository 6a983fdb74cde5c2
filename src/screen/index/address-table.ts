/**
 * An open-addressing (linear probing) table from address to entry number, over typed arrays: keys
 * live in one packed byte arena, each slot holds the key's hash and entry number, so a lookup touches
 * two typed arrays and the arena and allocates nothing.
 */
import { normaliseValue } from '../../stix/index.ts';
import { EVM, FOLDED, hashAddress, hashKey, SLOW, slotOf } from './address-key.ts';

const encoder = new TextEncoder();
const DIFFERENT = 0;
const SAME = 1;
const NEEDS_SLOW = 2;
const NOT_HEX = 3;

export class AddressTable {
  readonly size: number;
  private readonly mask: number;
  /** Entry number + 1 per slot; 0 is empty. */
  private readonly slots: Int32Array;
  private readonly slotHashes: Uint32Array;
  private readonly arena: Uint8Array;
  private readonly keyStart: Uint32Array;
  private readonly keyLength: Uint32Array;
  /** Whether any key holds non-ASCII: only then can a fast-path miss hide a slow-path hit. */
  private readonly anyNonAscii: boolean;

  /** `keys` must be distinct and already normalised by the STIX core; entry i is keys[i]. */
  constructor(keys: readonly string[]) {
    this.size = keys.length;
    const encoded = keys.map((k) => encoder.encode(k));
    const total = encoded.reduce((sum, e) => sum + e.length, 0);
    this.arena = new Uint8Array(total);
    this.keyStart = new Uint32Array(keys.length);
    this.keyLength = new Uint32Array(keys.length);
    let capacity = 16;
    while (capacity < keys.length * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity);
    this.slotHashes = new Uint32Array(capacity);
    this.anyNonAscii = encoded.some((bytes, i) => bytes.length !== keys[i]!.length);
    let offset = 0;
    for (let i = 0; i < encoded.length; i++) {
      const bytes = encoded[i]!;
      this.arena.set(bytes, offset);
      this.keyStart[i] = offset;
      this.keyLength[i] = bytes.length;
      offset += bytes.length;
      this.insert(i, hashKey(this.arena, this.keyStart[i]!, bytes.length));
    }
  }

  private insert(entry: number, hash: number): void {
    let slot = slotOf(hash, this.mask);
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = entry + 1;
    this.slotHashes[slot] = hash;
  }

  /** The entry of `address` (any spelling the STIX core normalises to a key), or -1. */
  lookup(address: string): number {
    const code = hashAddress(address);
    if (code === SLOW) return this.lookupSlow(address);
    const hash = code >>> 2;
    const how = code & 3;
    const n = address.length;
    let slot = slotOf(hash, this.mask);
    for (;;) {
      const e = this.slots[slot]!;
      if (e === 0) return this.anyNonAscii ? this.lookupSlow(address) : -1;
      if (this.slotHashes[slot] === hash && this.keyLength[e - 1] === n) {
        const same = this.compare(e - 1, address, how);
        if (same === SAME) return e - 1;
        if (same === NEEDS_SLOW) return this.lookupSlow(address);
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private compare(entry: number, s: string, how: number): number {
    if (how === EVM) {
      const folded = this.compareEvm(entry, s);
      return folded === NOT_HEX ? this.compareChars(entry, s, false) : folded;
    }
    return this.compareChars(entry, s, how === FOLDED);
  }

  /** Compares an `0x` + 40-char query lower-cased, as the core does when it is all hex. */
  private compareEvm(entry: number, s: string): number {
    const arena = this.arena;
    const start = this.keyStart[entry]!;
    let result = arena[start] === 48 && arena[start + 1] === 120 ? SAME : DIFFERENT;
    for (let i = 2; i < 42; i++) {
      const c = s.charCodeAt(i);
      const l = c | 32;
      const hex = c >= 48 && c <= 57 ? c : l >= 97 && l <= 102 ? l : -1;
      if (hex < 0) return c >= 128 ? NEEDS_SLOW : NOT_HEX;
      if (arena[start + i] !== hex) result = DIFFERENT;
    }
    return result;
  }

  private compareChars(entry: number, s: string, fold: boolean): number {
    const arena = this.arena;
    const start = this.keyStart[entry]!;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c >= 128) return NEEDS_SLOW;
      if (fold && c >= 65 && c <= 90) c |= 32;
      if (arena[start + i] !== c) return DIFFERENT;
    }
    return SAME;
  }

  private lookupSlow(address: string): number {
    const bytes = encoder.encode(normaliseValue('cryptocurrency-wallet', address));
    const hash = hashKey(bytes, 0, bytes.length);
    let slot = slotOf(hash, this.mask);
    for (;;) {
      const e = this.slots[slot]!;
      if (e === 0) return -1;
      if (this.slotHashes[slot] === hash && this.equalsBytes(e - 1, bytes)) return e - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  private equalsBytes(entry: number, bytes: Uint8Array): boolean {
    if (this.keyLength[entry] !== bytes.length) return false;
    const start = this.keyStart[entry]!;
    for (let i = 0; i < bytes.length; i++) if (this.arena[start + i] !== bytes[i]) return false;
    return true;
  }

  /** The normalised address of an entry. */
  keyOf(entry: number): string {
    const start = this.keyStart[entry]!;
    return new TextDecoder().decode(this.arena.subarray(start, start + this.keyLength[entry]!));
  }
}
