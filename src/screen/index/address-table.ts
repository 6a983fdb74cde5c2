/**
 * An open-addressing (linear probing) table from address to entry number, over typed arrays: keys
 * live in one packed byte arena, each slot holds the key's hash and entry number, so a lookup touches
 * two typed arrays and the arena and allocates nothing.
 */
import { normaliseValue } from '../../stix/index.ts';
import { foldedCase, hashAddress, hashBytes, SLOW, slotOf } from './address-key.ts';

const encoder = new TextEncoder();

export class AddressTable {
  readonly size: number;
  private readonly mask: number;
  /** Entry number + 1 per slot; 0 is empty. */
  private readonly slots: Int32Array;
  private readonly slotHashes: Uint32Array;
  private readonly arena: Uint8Array;
  private readonly keyStart: Uint32Array;
  private readonly keyLength: Uint32Array;

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
    let offset = 0;
    for (let i = 0; i < encoded.length; i++) {
      const bytes = encoded[i]!;
      this.arena.set(bytes, offset);
      this.keyStart[i] = offset;
      this.keyLength[i] = bytes.length;
      offset += bytes.length;
      this.insert(i, hashBytes(this.arena, this.keyStart[i]!, bytes.length));
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
    const hash = hashAddress(address);
    if (hash === SLOW) return this.lookupSlow(address);
    const fold = foldedCase;
    const n = address.length;
    let slot = slotOf(hash, this.mask);
    for (;;) {
      const e = this.slots[slot]!;
      if (e === 0) return -1;
      if (
        this.slotHashes[slot] === hash &&
        this.keyLength[e - 1] === n &&
        this.equalsChars(e - 1, address, fold)
      ) {
        return e - 1;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private equalsChars(entry: number, s: string, fold: boolean): boolean {
    const arena = this.arena;
    const start = this.keyStart[entry]!;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (fold && c >= 65 && c <= 90) c |= 32;
      if (arena[start + i] !== c) return false;
    }
    return true;
  }

  private lookupSlow(address: string): number {
    const bytes = encoder.encode(normaliseValue('cryptocurrency-wallet', address));
    const hash = hashBytes(bytes, 0, bytes.length);
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
