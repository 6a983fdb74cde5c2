/**
 * Address → entry number. Most queries are decided by characters 0 and 2–7 of the address (beside
 * the string's header, so one cache line of the query): a `WindowTable` answers most unlabelled
 * addresses from an empty slot and finds a key given in its own spelling by a JS string compare.
 * Any other spelling (checksummed EVM, upper-case bech32, padded, non-ASCII) goes to an
 * open-addressing (linear probing) table over typed arrays: keys in one packed byte arena, a slot
 * the pair (hash, entry + 1), an entry the pair (arena offset, length), so folding case costs no
 * string and no allocation.
 */
import { normaliseValue } from '../../stix/index.ts';
import { EVM, FOLDED, hashAddress, hashAddressBytes, hashKey, SLOW, slotOf } from './address-key.ts';
import { NO_HASH, UNSURE, WindowTable, windowHash, windowHashBytes } from './window-table.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const DIFFERENT = 0;
const SAME = 1;
const NEEDS_SLOW = 2;
const NOT_HEX = 3;

export class AddressTable {
  readonly size: number;
  private readonly mask: number;
  /** Per slot: [2s] the key's 28-bit hash, [2s + 1] entry number + 1 (0: empty). */
  private readonly slots: Int32Array;
  private readonly arena: Uint8Array;
  /** Per entry: [2e] offset in the arena, [2e + 1] length in bytes. */
  private readonly keys: Uint32Array;
  /** First stop of a string or byte query: most unlabelled ones and most own-spelling hits end there. */
  private readonly window: WindowTable;
  /** Whether any key holds non-ASCII: only then can a fast-path miss hide a slow-path hit. */
  private readonly anyNonAscii: boolean;

  /** `keys` must be distinct and already normalised by the STIX core; entry i is keys[i]. */
  constructor(keys: readonly string[]) {
    this.size = keys.length;
    const encoded = keys.map((k) => encoder.encode(k));
    const total = encoded.reduce((sum, e) => sum + e.length, 0);
    this.arena = new Uint8Array(total);
    this.keys = new Uint32Array(keys.length * 2);
    let capacity = 16;
    while (capacity < keys.length * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * 2);
    this.window = new WindowTable(keys);
    this.anyNonAscii = encoded.some((bytes, i) => bytes.length !== keys[i]!.length);
    let offset = 0;
    for (let i = 0; i < encoded.length; i++) {
      const bytes = encoded[i]!;
      this.arena.set(bytes, offset);
      this.keys[2 * i] = offset;
      this.keys[2 * i + 1] = bytes.length;
      this.insert(i, hashKey(this.arena, offset, bytes.length));
      offset += bytes.length;
    }
  }

  private insert(entry: number, hash: number): void {
    let slot = slotOf(hash, this.mask);
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = entry + 1;
  }

  /** The entry of `address` (any spelling the STIX core normalises to a key), or -1. */
  lookup(address: string): number {
    const h = windowHash(address);
    if (h !== NO_HASH) {
      const e = this.window.find(address, h);
      if (e !== UNSURE) return e; // the entry, or -1: no key has the window, so no spelling is labelled
    }
    // Another spelling, a window the table cannot read, a shared window, or a rare tag collision.
    return this.lookupSpelling(address);
  }

  /**
   * `lookup` of each of `addresses[from, to)` into `out[from, to)`, the same entries, with the
   * window stage of many queries overlapped (`WindowTable.findMany`); allocates nothing.
   */
  lookupMany(addresses: readonly string[], out: Int32Array, from = 0, to = addresses.length): void {
    this.window.findMany(addresses, out, from, to);
    for (let i = from; i < to; i++) if (out[i] === UNSURE) out[i] = this.lookupSpelling(addresses[i]!);
  }

  private lookupSpelling(address: string): number {
    const code = hashAddress(address);
    if (code === SLOW) return this.lookupSlow(address);
    const hash = code >>> 2;
    const how = code & 3;
    const n = address.length;
    let slot = slotOf(hash, this.mask);
    const slots = this.slots;
    for (;;) {
      const e = slots[2 * slot + 1]!;
      if (e === 0) return this.anyNonAscii ? this.lookupSlow(address) : -1;
      if (slots[2 * slot] === hash && this.keys[2 * e - 1] === n) {
        const same = this.compare(e - 1, address, how);
        if (same === SAME) return e - 1;
        if (same === NEEDS_SLOW) return this.lookupSlow(address);
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * The entry of the address spelled by `bytes[start, end)` (UTF-8, e.g. one line of a file or a
   * request body), or -1; the same answer as `lookup` of the decoded string, without making one:
   * bulk screening reads the bytes once and allocates nothing per address.
   */
  lookupBytes(bytes: Uint8Array, start: number, end: number): number {
    const window = windowHashBytes(bytes, start, end);
    if (window !== NO_HASH && !this.window.mayHave(window)) return -1;
    const code = hashAddressBytes(bytes, start, end);
    if (code === SLOW) return this.lookup(decoder.decode(bytes.subarray(start, end)));
    const hash = code >>> 2;
    const how = code & 3;
    const n = end - start;
    const slots = this.slots;
    let slot = slotOf(hash, this.mask);
    for (;;) {
      const e = slots[2 * slot + 1]!;
      if (e === 0) return this.anyNonAscii ? this.lookup(decoder.decode(bytes.subarray(start, end))) : -1;
      if (slots[2 * slot] === hash && this.keys[2 * e - 1] === n) {
        const same = this.compareBytes(e - 1, bytes, start, how);
        if (same === SAME) return e - 1;
        if (same === NEEDS_SLOW) return this.lookup(decoder.decode(bytes.subarray(start, end)));
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private compareBytes(entry: number, b: Uint8Array, start: number, how: number): number {
    const arena = this.arena;
    const at = this.keys[2 * entry]!;
    const n = this.keys[2 * entry + 1]!;
    if (how === EVM) {
      // lower-cased only when all 40 digits are hex, as the core does
      let result = arena[at] === 48 && arena[at + 1] === 120 ? SAME : DIFFERENT;
      let hex = true;
      for (let i = 2; i < 42 && hex; i++) {
        const c = b[start + i]!;
        const l = c | 32;
        const h = c >= 48 && c <= 57 ? c : l >= 97 && l <= 102 ? l : -1;
        if (h < 0) {
          if (c >= 128) return NEEDS_SLOW;
          hex = false;
        } else if (arena[at + i] !== h) result = DIFFERENT;
      }
      if (hex) return result;
    }
    const fold = how === FOLDED;
    for (let i = 0; i < n; i++) {
      let c = b[start + i]!;
      if (c >= 128) return NEEDS_SLOW;
      if (fold && c >= 65 && c <= 90) c |= 32;
      if (arena[at + i] !== c) return DIFFERENT;
    }
    return SAME;
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
    const start = this.keys[2 * entry]!;
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
    const start = this.keys[2 * entry]!;
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
      const e = this.slots[2 * slot + 1]!;
      if (e === 0) return -1;
      if (this.slots[2 * slot] === hash && this.equalsBytes(e - 1, bytes)) return e - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  private equalsBytes(entry: number, bytes: Uint8Array): boolean {
    if (this.keys[2 * entry + 1] !== bytes.length) return false;
    const start = this.keys[2 * entry]!;
    for (let i = 0; i < bytes.length; i++) if (this.arena[start + i] !== bytes[i]) return false;
    return true;
  }

  /** The normalised address of an entry. */
  keyOf(entry: number): string {
    const start = this.keys[2 * entry]!;
    return new TextDecoder().decode(this.arena.subarray(start, start + this.keys[2 * entry + 1]!));
  }
}
