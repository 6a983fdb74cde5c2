/**
 * Address strings ↔ dictionary keys for every chain. Key type bytes 1–5 are Bitcoin script types;
 * 0x10 is a 20-byte account (Ethereum and other EVM chains).
 */
import { addressToKey, keyToAddress } from '../bitcoin/script-address.ts';

export const KEY_ACCOUNT = 0x10;

const ACCOUNT = /^0x[0-9a-fA-F]{40}$/;

export function keyToString(key: Uint8Array): string {
  if (key[0] === KEY_ACCOUNT) return `0x${Buffer.from(key.subarray(1)).toString('hex')}`;
  return keyToAddress(key);
}

export function stringToKey(text: string): Uint8Array | undefined {
  if (ACCOUNT.test(text)) {
    const key = new Uint8Array(21);
    key[0] = KEY_ACCOUNT;
    key.set(Buffer.from(text.slice(2), 'hex'), 1);
    return key;
  }
  return addressToKey(text);
}
