/**
 * Output scripts → address keys, and keys ↔ address strings.
 *
 * The graph's address dictionary holds binary keys (a type byte and the script's hash or key), not
 * strings: classifying a script is a few byte compares and no base58/bech32 encoding happens on the
 * ingestion hot path. Strings are derived on demand with bitcoinjs-lib.
 *
 * P2PK outputs (most early coinbases) become the P2PKH address of their public key, as GraphSense
 * and block explorers show them: the same key's coins then cluster under one address.
 */
import { hash } from 'node:crypto';
import { address as btcAddress } from 'bitcoinjs-lib';
import { BulwarkError } from '../../errors/index.ts';

export const KEY_P2PKH = 1;
export const KEY_P2SH = 2;
export const KEY_P2WPKH = 3;
export const KEY_P2WSH = 4;
export const KEY_P2TR = 5;

/** The longest key: a type byte and a 32-byte program. */
export const MAX_KEY = 33;

function hash160(data: Uint8Array): Buffer {
  return hash('ripemd160', hash('sha256', data, 'buffer'), 'buffer');
}

function put(out: Uint8Array, type: number, b: Uint8Array, from: number, n: number): number {
  out[0] = type;
  for (let i = 0; i < n; i++) out[1 + i] = b[from + i]!;
  return n + 1;
}

/**
 * Writes the address key of the script b[o, o+len) into `out` and returns its length, or 0 when the
 * script pays no address (OP_RETURN, bare multisig, non-standard).
 */
export function scriptKey(b: Uint8Array, o: number, len: number, out: Uint8Array): number {
  const op = b[o]!;
  if (
    len === 25 &&
    op === 0x76 &&
    b[o + 1] === 0xa9 &&
    b[o + 2] === 0x14 &&
    b[o + 23] === 0x88 &&
    b[o + 24] === 0xac
  )
    return put(out, KEY_P2PKH, b, o + 3, 20);
  if (len === 23 && op === 0xa9 && b[o + 1] === 0x14 && b[o + 22] === 0x87)
    return put(out, KEY_P2SH, b, o + 2, 20);
  if (len === 22 && op === 0x00 && b[o + 1] === 0x14) return put(out, KEY_P2WPKH, b, o + 2, 20);
  if (len === 34 && op === 0x00 && b[o + 1] === 0x20) return put(out, KEY_P2WSH, b, o + 2, 32);
  if (len === 34 && op === 0x51 && b[o + 1] === 0x20) return put(out, KEY_P2TR, b, o + 2, 32);
  if (len === 35 && op === 0x21 && b[o + 34] === 0xac && (b[o + 1] === 2 || b[o + 1] === 3))
    return put(out, KEY_P2PKH, hash160(b.subarray(o + 1, o + 34)), 0, 20);
  if (len === 67 && op === 0x41 && b[o + 66] === 0xac && b[o + 1] === 4)
    return put(out, KEY_P2PKH, hash160(b.subarray(o + 1, o + 66)), 0, 20);
  return 0;
}

/** The address string of a key (mainnet). */
export function keyToAddress(key: Uint8Array): string {
  const body = key.subarray(1);
  switch (key[0]) {
    case KEY_P2PKH:
      return btcAddress.toBase58Check(body, 0x00);
    case KEY_P2SH:
      return btcAddress.toBase58Check(body, 0x05);
    case KEY_P2WPKH:
    case KEY_P2WSH:
      return btcAddress.toBech32(body, 0, 'bc');
    case KEY_P2TR:
      return btcAddress.toBech32(body, 1, 'bc');
    default:
      throw new BulwarkError('GRAPH_CORRUPT', `address key of unknown type ${key[0]}`, {
        hint: 'The address dictionary is damaged; rebuild the graph store from the block files',
      });
  }
}

/** The key of a mainnet address string, or undefined if it is not one Bitcoin addresses take. */
export function addressToKey(text: string): Uint8Array | undefined {
  try {
    if (/^bc1/i.test(text)) {
      const { version, data, prefix } = btcAddress.fromBech32(text);
      if (prefix !== 'bc') return undefined;
      if (version === 0 && data.length === 20) return withType(KEY_P2WPKH, data);
      if (version === 0 && data.length === 32) return withType(KEY_P2WSH, data);
      if (version === 1 && data.length === 32) return withType(KEY_P2TR, data);
      return undefined;
    }
    const { version, hash: h } = btcAddress.fromBase58Check(text);
    if (h.length !== 20) return undefined;
    if (version === 0x00) return withType(KEY_P2PKH, h);
    if (version === 0x05) return withType(KEY_P2SH, h);
  } catch {
    return undefined;
  }
  return undefined;
}

function withType(type: number, body: Uint8Array): Uint8Array {
  const key = new Uint8Array(body.length + 1);
  key[0] = type;
  key.set(body, 1);
  return key;
}
