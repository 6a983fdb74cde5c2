/** Quantities and data as the Ethereum JSON-RPC encodes them (0x-prefixed hex). */
import { BulwarkError } from '../../errors/index.ts';

const QUANTITY = /^0x[0-9a-fA-F]{1,64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HASH = /^0x[0-9a-fA-F]{64}$/;

function malformed(what: string, value: unknown, path: string): BulwarkError {
  return new BulwarkError('ETH_RPC_MALFORMED', `expected ${what}, got ${JSON.stringify(value)}`, {
    path,
    hint: 'The node answered a value outside the JSON-RPC encoding; check the node implementation',
  });
}

export function toBigInt(value: unknown, path: string): bigint {
  if (typeof value !== 'string' || !QUANTITY.test(value)) throw malformed('a hex quantity', value, path);
  return BigInt(value);
}

export function toNumber(value: unknown, path: string): number {
  const n = toBigInt(value, path);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw malformed('a safe integer', value, path);
  return Number(n);
}

export function toAddress(value: unknown, path: string): string {
  if (typeof value !== 'string' || !ADDRESS.test(value)) throw malformed('a 20-byte address', value, path);
  return value.toLowerCase();
}

export function toHash(value: unknown, path: string): string {
  if (typeof value !== 'string' || !HASH.test(value)) throw malformed('a 32-byte hash', value, path);
  return value.toLowerCase();
}

export function toQuantity(n: number | bigint): string {
  return `0x${n.toString(16)}`;
}

/** The address held in the low 20 bytes of a 32-byte topic or word. */
export function wordToAddress(word: string, path: string): string {
  if (!HASH.test(word)) throw malformed('a 32-byte word', word, path);
  return `0x${word.slice(26).toLowerCase()}`;
}
