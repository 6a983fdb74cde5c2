/**
 * A result's address list kept compact until it is read. A trace that spreads (poison) lists ~10^5
 * address × asset pairs; making their objects and strings — a name, two decimal amounts, a labels
 * array each, and the ranking over the names — cost as much as the scan itself, while a caller often
 * reads only the summary, the endpoints or the count. So the trace records each pair in typed
 * arrays with a copy of the address's dictionary key (readable after the graph is closed), and the
 * `TracedAddress` objects are made, ranked, once, on the first read of `addresses`.
 */
import { keyToAddress } from '../chain/index.ts';
import { accountName, nameScratch } from './address-names.ts';
import { rankOrder } from './rank.ts';
import type { TracedAddress, TraceLabel } from './types.ts';

export class AddressList {
  n = 0;
  private id = new Int32Array(64);
  private asset = new Int32Array(64);
  private hops = new Int32Array(64);
  private seed = new Uint8Array(64);
  private received = new Float64Array(64);
  private holding = new Float64Array(64);
  /** Entry i's key is keys[keyEnd[i - 1] .. keyEnd[i]) (from 0 for the first); set by copyKeys. */
  private keyEnd = new Int32Array(0);
  private keys = new Uint8Array(0);
  private readonly assetNames: string[];
  private readonly labels: ReadonlyMap<number, TraceLabel>;

  /** `labels`: the stops' labels by address id (read when the list is made). */
  constructor(assetNames: string[], labels: ReadonlyMap<number, TraceLabel>) {
    this.assetNames = assetNames;
    this.labels = labels;
  }

  /** Lists address `id` in asset `asset` (an index into assetNames); its key is copied by `copyKeys`. */
  add(id: number, asset: number, received: number, holding: number, hops: number, seed: boolean): void {
    if (this.n === this.id.length) this.grow();
    const i = this.n++;
    this.id[i] = id;
    this.asset[i] = asset;
    this.received[i] = received;
    this.holding[i] = holding;
    this.hops[i] = hops;
    this.seed[i] = seed ? 1 : 0;
  }

  /**
   * Copies the listed addresses' keys out of the dictionary (id's key is dictKeys[ends[id - 1] ..
   * ends[id]), from 0 for id 0), so the list can be made after the graph is closed.
   */
  copyKeys(dictKeys: Uint8Array, ends: Uint32Array): void {
    const n = this.n;
    const keyEnd = new Int32Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const id = this.id[i]!;
      total += ends[id]! - (id === 0 ? 0 : ends[id - 1]!);
      keyEnd[i] = total;
    }
    const keys = new Uint8Array(total);
    for (let i = 0, at = 0; i < n; i++) {
      const id = this.id[i]!;
      const end = ends[id]!;
      for (let x = id === 0 ? 0 : ends[id - 1]!; x < end; x++) keys[at++] = dictKeys[x]!;
    }
    this.keys = keys;
    this.keyEnd = keyEnd;
  }

  /** The `TracedAddress` objects: largest received first, then by address (rank.ts). */
  make(amount: (x: number) => string): TracedAddress[] {
    const n = this.n;
    const names: string[] = new Array(n);
    const scratch = nameScratch();
    for (let i = 0; i < n; i++) {
      const start = i === 0 ? 0 : this.keyEnd[i - 1]!;
      const end = this.keyEnd[i]!;
      names[i] = accountName(this.keys, start, end, scratch) ?? keyToAddress(this.keys.slice(start, end));
    }
    const order = rankOrder(this.received.subarray(0, n), names);
    const out: TracedAddress[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const label = this.labels.get(this.id[i]!);
      const labels = label ? [`${label.category}:${label.name}`] : [];
      if (this.seed[i] === 1) labels.push('seed');
      out[k] = {
        address: names[i]!,
        asset: this.assetNames[this.asset[i]!]!,
        received: amount(this.received[i]!),
        holding: amount(this.holding[i]!),
        hops: this.hops[i]!,
        labels,
      };
    }
    return out;
  }

  private grow(): void {
    const m = this.id.length * 2;
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(m);
      b.set(a);
      return b;
    };
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(m);
      b.set(a);
      return b;
    };
    this.id = i32(this.id);
    this.asset = i32(this.asset);
    this.hops = i32(this.hops);
    this.received = f64(this.received);
    this.holding = f64(this.holding);
    const seed = new Uint8Array(m);
    seed.set(this.seed);
    this.seed = seed;
  }
}

/**
 * Gives `result` an `addresses` property that makes the list on its first read (and keeps it; an
 * assignment replaces it). Enumerable and in place, so JSON, spread and deep equality see the
 * objects as they would a plain array.
 */
export function listLazily<T extends { addresses: TracedAddress[] }>(
  result: T,
  make: () => TracedAddress[],
): T {
  let made: TracedAddress[] | undefined;
  let maker: (() => TracedAddress[]) | undefined = make;
  Object.defineProperty(result, 'addresses', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (made === undefined) {
        made = maker!();
        maker = undefined; // the typed arrays can go
      }
      return made;
    },
    set: (v: TracedAddress[]) => {
      made = v;
      maker = undefined;
    },
  });
  return result;
}
