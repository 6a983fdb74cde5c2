import { ipv6Range, packedIpv4 } from '../pattern/ip.ts';
import { type Posting, PostingBuilder } from './postings.ts';

/** Per prefix length: sorted network numbers and, for each, its entry codes (CSR layout). */
interface V4Level {
  readonly prefix: number;
  readonly nets: Float64Array;
  readonly starts: Int32Array;
  readonly codes: Int32Array;
}

/**
 * Address blocks of one path. IPv4: one sorted typed array per prefix length in use, probed by binary
 * search, so a look-up allocates nothing and costs at most 33 searches (usually a few). IPv6: a map per
 * prefix length keyed by the network as a BigInt (IPv6 is rare in the logs this scans).
 */
export class CidrIndex {
  private readonly v4: V4Level[];
  private readonly v6: { prefix: number; nets: Map<bigint, Posting> }[];

  constructor(blocks: readonly { block: string; code: number }[]) {
    const v4 = new Map<number, [number, number][]>();
    const v6 = new Map<number, PostingBuilder<bigint>>();
    for (const { block, code } of blocks) {
      const packed = packedIpv4(block);
      if (packed >= 0) {
        const prefix = packed % 64;
        const net = (packed - prefix) / 64 / 2 ** (32 - prefix);
        const list = v4.get(prefix) ?? [];
        list.push([net, code]);
        v4.set(prefix, list);
        continue;
      }
      const range = ipv6Range(block);
      if (range === undefined) continue;
      const prefix = 128 - bitLength(range.hi - range.lo);
      const builder = v6.get(prefix) ?? new PostingBuilder<bigint>();
      builder.add(range.lo >> BigInt(128 - prefix), code);
      v6.set(prefix, builder);
    }
    this.v4 = [...v4].sort((a, b) => a[0] - b[0]).map(([prefix, list]) => level(prefix, list));
    this.v6 = [...v6].map(([prefix, b]) => ({ prefix, nets: b.build() }));
  }

  /** A CidrIndex as a worker receives it (structured clone keeps the arrays and maps, not the prototype). */
  static revive(data: CidrIndex): CidrIndex {
    return Object.setPrototypeOf(data, CidrIndex.prototype) as CidrIndex;
  }

  /** Calls `hit` with each code whose block holds `value` (an address or a block inside it). */
  lookup(value: string, hit: (code: number) => void): void {
    const packed = packedIpv4(value);
    if (packed >= 0) {
      this.lookupV4(packed, hit);
      return;
    }
    if (this.v6.length === 0 || value.indexOf(':') < 0) return;
    const range = ipv6Range(value);
    if (range === undefined) return;
    const valuePrefix = 128 - bitLength(range.hi - range.lo);
    for (const { prefix, nets } of this.v6) {
      if (prefix > valuePrefix) continue;
      const posting = nets.get(range.lo >> BigInt(128 - prefix));
      if (posting === undefined) continue;
      if (typeof posting === 'number') hit(posting);
      else for (let i = 0; i < posting.length; i++) hit(posting[i]!);
    }
  }

  /** Does any block hold the packed IPv4 address or block (as `packedIpv4` gives it)? */
  containsV4(packed: number): boolean {
    const valuePrefix = packed % 64;
    const address = (packed - valuePrefix) / 64;
    const levels = this.v4;
    for (let l = 0; l < levels.length; l++) {
      const { prefix, nets } = levels[l]!;
      if (prefix > valuePrefix) break;
      const net = Math.floor(address / 2 ** (32 - prefix));
      let lo = 0;
      let hi = nets.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const m = nets[mid]!;
        if (m < net) lo = mid + 1;
        else if (m > net) hi = mid - 1;
        else return true;
      }
    }
    return false;
  }

  /** Does any block hold `value` (the test `lookup` makes)? */
  contains(value: string): boolean {
    let found = false;
    this.lookup(value, () => {
      found = true;
    });
    return found;
  }

  /** The IPv4 blocks: per prefix length in use, the sorted network numbers. */
  get v4Blocks(): readonly { readonly prefix: number; readonly nets: Float64Array }[] {
    return this.v4;
  }

  get hasV6(): boolean {
    return this.v6.length > 0;
  }

  private lookupV4(packed: number, hit: (code: number) => void): void {
    const valuePrefix = packed % 64;
    const address = (packed - valuePrefix) / 64;
    const levels = this.v4;
    for (let l = 0; l < levels.length; l++) {
      const { prefix, nets, starts, codes } = levels[l]!;
      if (prefix > valuePrefix) break;
      const net = Math.floor(address / 2 ** (32 - prefix));
      let lo = 0;
      let hi = nets.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const m = nets[mid]!;
        if (m < net) lo = mid + 1;
        else if (m > net) hi = mid - 1;
        else {
          for (let i = starts[mid]!; i < starts[mid + 1]!; i++) hit(codes[i]!);
          break;
        }
      }
    }
  }
}

function level(prefix: number, list: [number, number][]): V4Level {
  list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const nets: number[] = [];
  const starts: number[] = [];
  const codes = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const [net, code] = list[i]!;
    if (nets.length === 0 || nets[nets.length - 1] !== net) {
      nets.push(net);
      starts.push(i);
    }
    codes[i] = code;
  }
  starts.push(list.length);
  return { prefix, nets: Float64Array.from(nets), starts: Int32Array.from(starts), codes };
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}
