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
  private readonly scratch = Buffer.alloc(2 + 2 * (ACCOUNT_KEY_BYTES - 1));

  constructor(graph: Graph) {
    this.graph = graph;
    this.at = new Int32Array(graph.dict.count);
    this.scratch[0] = 0x30; // '0'
    this.scratch[1] = 0x78; // 'x'
  }

  /** The address string of dictionary id `id`, as `Graph.addressOf` gives it. */
  of(id: number): string {
    const k = this.at[id]!;
    if (k > 0) return this.made[k - 1]!;
    let s: string;
    const dict = this.graph.dict;
    const keys = dict.keys.data;
    const end = dict.ends.data[id]!;
    const start = id === 0 ? 0 : dict.ends.data[id - 1]!;
    if (end - start === ACCOUNT_KEY_BYTES && keys[start] === KEY_ACCOUNT) {
      const out = this.scratch;
      for (let i = start + 1, o = 2; i < end; i++, o += 2) {
        const b = keys[i]!;
        out[o] = DIGITS[b >>> 4]!;
        out[o + 1] = DIGITS[b & 15]!;
      }
      s = out.toString('latin1');
    } else s = this.graph.addressOf(id);
    this.made.push(s);
    this.at[id] = this.made.length;
    return s;
  }
}
