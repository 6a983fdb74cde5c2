/**
 * Address strings for a result, made once per id. A trace that spreads (poison) names ~10^5
 * addresses; `Graph.addressOf` copies the key twice and returns a cons string ("0x" + hex) that
 * the ranking sort flattens on every comparison. Account keys (type byte 0x10 and 20 bytes, see
 * docs/graph-store.md) are written here as ASCII into one scratch buffer and read back as a flat
 * string; Bitcoin keys go through `addressOf` (base58 / bech32).
 */
import type { Graph } from '../chain/index.ts';

const KEY_ACCOUNT = 0x10;
const ACCOUNT_KEY_BYTES = 21;
const DIGITS = new TextEncoder().encode('0123456789abcdef');

export class AddressNames {
  private readonly graph: Graph;
  /** Address id → position in `made` + 1; 0 when not made yet (a Map costs more than the naming). */
  private readonly at: Int32Array;
  private readonly made: string[] = [];
  private readonly scratch = nameScratch();

  constructor(graph: Graph) {
    this.graph = graph;
    this.at = new Int32Array(graph.dict.count);
  }

  /** The address string of dictionary id `id`, as `Graph.addressOf` gives it. */
  of(id: number): string {
    const k = this.at[id]!;
    if (k > 0) return this.made[k - 1]!;
    const dict = this.graph.dict;
    const end = dict.ends.data[id]!;
    const start = id === 0 ? 0 : dict.ends.data[id - 1]!;
    const s = accountName(dict.keys.data, start, end, this.scratch) ?? this.graph.addressOf(id);
    this.made.push(s);
    this.at[id] = this.made.length;
    return s;
  }
}

/** A buffer for `accountName`: "0x" and room for 40 hex digits. */
export function nameScratch(): Buffer {
  const b = Buffer.alloc(2 + 2 * (ACCOUNT_KEY_BYTES - 1));
  b[0] = 0x30; // '0'
  b[1] = 0x78; // 'x'
  return b;
}

/** The "0x…" string of the account key keys[start..end), or undefined for a Bitcoin key. */
export function accountName(
  keys: Uint8Array,
  start: number,
  end: number,
  scratch: Buffer,
): string | undefined {
  if (end - start !== ACCOUNT_KEY_BYTES || keys[start] !== KEY_ACCOUNT) return undefined;
  for (let i = start + 1, o = 2; i < end; i++, o += 2) {
    const b = keys[i]!;
    scratch[o] = DIGITS[b >>> 4]!;
    scratch[o + 1] = DIGITS[b & 15]!;
  }
  return scratch.toString('latin1');
}
