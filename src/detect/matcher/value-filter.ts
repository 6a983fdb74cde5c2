import { CidrIndex } from './cidr-index.ts';
import { FoldSet, finishFold, foldHashBytes, foldHashString } from './fold-hash.ts';
import type { IndicatorMatcher } from './indicator-matcher.ts';

/**
 * The IPv6 normaliser (stix's `normaliseIpv6`), taken from the matcher when a filter is built. This file
 * imports nothing from stix, so a prefiltering thread loads only the prefilter's code; one whose
 * filter holds IPv6 values loads the normaliser itself and hands it over (`setIpv6Form`). A function
 * cannot travel in a message, hence a module variable rather than a field.
 */
let ipv6Form: ((text: string) => string) | undefined;

export function setIpv6Form(form: (text: string) => string): void {
  ipv6Form = form;
}

/**
 * A necessary condition for an event to hit an indicator, tested on the raw string values of a JSON
 * line: some value (or the part a mapping transform takes: the name after the last `/` or `\`, a
 * digest after `=` in a `,` list) folds to an indicator value's fold, or holds an address inside an
 * indicator's block. Lines that pass go through the full parse, map and match, which decides; lines
 * that fail cannot hit, so they cost one pass over their bytes. `exhaustive` is false when some
 * indicator cannot be decided this way (LIKE / MATCHES, patterns with no anchor, rewritten types):
 * the scan then also keeps every line holding a key of a field those indicators read
 * (src/detect/scan/presence-fields.ts), so it stays a necessary condition.
 */
export class ValueFilter {
  readonly exhaustive: boolean;
  private readonly folds: FoldSet;
  /** Bit n: some folded indicator value has n characters (n ≥ 255 in bit 255). */
  private readonly lengths = new Uint32Array(8);
  private readonly cidrs: readonly CidrIndex[];
  /** Every IPv4 block as a hash of (prefix, network) in one set, and the prefix lengths in use. */
  private readonly blocks: FoldSet;
  private readonly prefixes: Int32Array;
  /** Bit n: some block overlaps the /16 numbered n (8 KB, so most addresses outside every block cost one cached read). */
  private readonly sixteens = new Int32Array(2048);
  private readonly cidrV6: boolean;
  /** Exact values on IPv6-normalised paths: IPv6-looking strings are also probed in RFC 5952 form. */
  private readonly ipv6: boolean;
  /**
   * Fold hashes `probe` left for `resolveDeferred`, and that pass's scratch (this thread's own: a
   * scanning thread's copy of the filter has its own).
   */
  private deferred = new Int32Array(256);
  private deferredFound = new Uint8Array(256);
  private deferredScratch = new Int32Array(256);
  /** How many hashes `deferred` holds. */
  deferredCount = 0;

  constructor(matcher: IndicatorMatcher) {
    const classes = matcher.pathFoldClasses;
    ipv6Form ??= matcher.ipv6Form;
    this.folds = new FoldSet(matcher.exact.size);
    let other = false;
    let ipv6 = false;
    const table = matcher.exact;
    const { folds, foldLengths } = table;
    for (let e = 0; e < table.size; e++) {
      this.folds.add(folds[e]!);
      const n = foldLengths[e]!;
      this.lengths[n >>> 5]! |= 1 << (n & 31);
    }
    // the classes of the paths that hold exact values
    table.forEachPath((path) => {
      const c = classes[path]!;
      if (c === 'other') other = true;
      else if (c === 'ipv6') ipv6 = true;
    });
    this.ipv6 = ipv6;
    this.cidrs = matcher.cidrIndexes;
    const levels = this.cidrs.flatMap((c) => c.v4Blocks);
    this.blocks = new FoldSet(levels.reduce((n, l) => n + l.nets.length, 0));
    for (const { prefix, nets } of levels) for (const net of nets) this.blocks.add(blockHash(prefix, net));
    this.prefixes = Int32Array.from(new Set(levels.map((l) => l.prefix)));
    for (const { prefix, nets } of levels) {
      // a block of prefix p ≥ 16 lies in one /16; a shorter one spans 2 ** (16 - p) of them
      const span = prefix >= 16 ? 1 : 2 ** (16 - prefix);
      for (const net of nets) {
        const first = prefix >= 16 ? Math.floor(net / 2 ** (prefix - 16)) : net * span;
        for (let n = first; n < first + span; n++) this.sixteens[n >>> 5]! |= 1 << (n & 31);
      }
    }
    this.cidrV6 = this.cidrs.some((c) => c.hasV6);
    this.exhaustive = !other && !matcher.hasRegex && !matcher.hasResidual;
  }

  /**
   * A ValueFilter as a scanning thread receives it through `postMessage`: the fold and block sets'
   * tables are shared with the thread that built them, the small parts are copies.
   */
  static revive(data: ValueFilter): ValueFilter {
    Object.setPrototypeOf(data, ValueFilter.prototype);
    FoldSet.revive(data.folds);
    FoldSet.revive(data.blocks);
    for (const c of data.cidrs) CidrIndex.revive(c);
    return data;
  }

  /** Does probing need the IPv6 normaliser (see `setIpv6Form`)? */
  get needsIpv6Form(): boolean {
    return this.ipv6;
  }

  /**
   * Could the JSON string value `buf[from..to)` (between its quotes) hit? `flags` (VALUE_*), `slash`
   * (the last `/`, or -1) and `hash` (FNV-1a of the lower-cased bytes, unfinished) come from the scan
   * that found the value, so an ASCII value with no escape is probed without a second pass.
   *
   * True says it might. False says so only together with the hashes it deferred: the fold look-ups
   * of an ASCII value with no escape (the value, its basename, its digests) are not made here but
   * pushed to `deferred`, for `resolveDeferred` to make for many values at once.
   */
  probe(buf: Uint8Array, from: number, to: number, flags: number, slash: number, hash: number): boolean {
    if ((flags & (VALUE_ESCAPED | VALUE_NON_ASCII)) !== 0)
      return this.probeString(decode(buf, from, to, (flags & VALUE_ESCAPED) !== 0));
    const trim = to > from && (buf[from]! <= 32 || buf[to - 1]! <= 32 || buf[to - 1] === 46);
    if (trim) this.defer(foldHashBytes(buf, from, to));
    else {
      // untrimmed ASCII folds to its own length: no indicator value of that length, no probe
      const n = Math.min(255, to - from);
      if ((this.lengths[n >>> 5]! & (1 << (n & 31))) !== 0) this.defer(finishFold(hash));
    }
    if (this.probeAddressBytes(buf, from, to)) return true;
    if (slash >= 0 && this.probeWholeBytes(buf, slash + 1, to)) return true;
    if ((flags & VALUE_EQUALS) !== 0) {
      this.deferDigestsBytes(buf, from, to);
      if (slash >= 0) this.deferDigestsBytes(buf, slash + 1, to);
    }
    return false;
  }

  private defer(h: number): void {
    if (this.deferredCount === this.deferred.length) {
      const grown = new Int32Array(2 * this.deferred.length);
      grown.set(this.deferred);
      this.deferred = grown;
    }
    this.deferred[this.deferredCount++] = h;
  }

  /**
   * Makes the deferred look-ups: `found[k]` is 1 when deferred hash `k` is an indicator value's
   * (the array is valid until the next call). Empties the list.
   */
  resolveDeferred(): Uint8Array {
    const n = this.deferredCount;
    if (this.deferredFound.length < n) {
      this.deferredFound = new Uint8Array(this.deferred.length);
      this.deferredScratch = new Int32Array(this.deferred.length);
    }
    const found = this.deferredFound;
    found.fill(0, 0, n);
    this.folds.markMembers(this.deferred, n, found, this.deferredScratch);
    this.deferredCount = 0;
    return found;
  }

  /** The same test on a decoded value. */
  probeString(s: string): boolean {
    const tail = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1;
    if (this.probeWholeString(s, 0)) return true;
    if (tail > 0 && this.probeWholeString(s, tail)) return true;
    if (s.indexOf('=') < 0) return false;
    return this.probeDigestsString(s, 0) || (tail > 0 && this.probeDigestsString(s, tail));
  }

  /** A value as a whole (the value, or a basename): its fold, its address, its IPv6 form. */
  private probeWholeBytes(buf: Uint8Array, from: number, to: number): boolean {
    this.defer(foldHashBytes(buf, from, to));
    return this.probeAddressBytes(buf, from, to);
  }

  /** An address inside a block, or an IPv6 address in RFC 5952 form among the values. */
  private probeAddressBytes(buf: Uint8Array, from: number, to: number): boolean {
    const first = buf[from]!;
    if (this.cidrs.length > 0 && first >= 48 && first <= 57 && to - from >= 7) {
      const address = ipv4Bytes(buf, from, to);
      if (address >= 0) return this.inBlock(address);
      if (address === SLASHED) return this.probeAddressString(latin1(buf, from, to));
    }
    if ((this.ipv6 || this.cidrV6) && hasColon(buf, from, to))
      return this.probeWholeString(latin1(buf, from, to), 0);
    return false;
  }

  private probeWholeString(s: string, from: number): boolean {
    if (this.folds.has(foldHashString(s, from))) return true;
    const part = from === 0 ? s : s.slice(from);
    if (this.cidrs.length > 0 && this.probeAddressString(part)) return true;
    return (
      this.ipv6 &&
      part.indexOf(':') >= 0 &&
      looksIpv6(part) &&
      this.folds.has(foldHashString(ipv6Form!(part)))
    );
  }

  private probeAddressString(s: string): boolean {
    for (const c of this.cidrs) if (c.contains(s)) return true;
    return false;
  }

  /** An address (0 … 2 ** 32 - 1) whose network under some prefix in use is a block's (hash: maybe). */
  private inBlock(address: number): boolean {
    // integer shifts (an address ≥ 2 ** 31 is still a uint32 to `>>>`), not floating-point division
    const sixteen = address >>> 16;
    if ((this.sixteens[sixteen >>> 5]! & (1 << (sixteen & 31))) === 0) return false;
    const prefixes = this.prefixes;
    for (let k = 0; k < prefixes.length; k++) {
      const p = prefixes[k]!;
      // a shift by 32 is one by 0 in JavaScript: the /0 network is 0
      if (this.blocks.has(blockHash(p, p === 0 ? 0 : address >>> (32 - p)))) return true;
    }
    return false;
  }

  /** `SHA1=…,MD5=…`: each digest after the first `=` of each comma-separated item (deferred). */
  private deferDigestsBytes(buf: Uint8Array, from: number, to: number): void {
    let start = from;
    while (start <= to) {
      let end = start;
      let eq = -1;
      for (; end < to && buf[end] !== 44; end++) if (eq < 0 && buf[end] === 61) eq = end;
      if (eq >= 0) this.defer(foldHashBytes(buf, eq + 1, end));
      start = end + 1;
    }
  }

  private probeDigestsString(s: string, from: number): boolean {
    let start = from;
    while (start <= s.length) {
      let end = s.indexOf(',', start);
      if (end < 0) end = s.length;
      const eq = s.indexOf('=', start);
      if (eq >= 0 && eq < end && this.folds.has(foldHashString(s, eq + 1, end))) return true;
      start = end + 1;
    }
    return false;
  }
}

/** Flags of a JSON string value, set by the scan that found it. */
export const VALUE_ESCAPED = 1;
export const VALUE_NON_ASCII = 2;
export const VALUE_EQUALS = 4;

const SLASHED = -2;

/** The FoldSet key of a block: never 0. */
function blockHash(prefix: number, net: number): number {
  let h = Math.imul((net >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(prefix + 1, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h === 0 ? 1 : h;
}
/**
 * The address of a plain dotted quad in bytes (0 … 2 ** 32 - 1); SLASHED when a `/` asks for the
 * string form, else -1.
 */
function ipv4Bytes(buf: Uint8Array, from: number, to: number): number {
  let value = 0;
  let octet = -1;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c >= 48 && c <= 57) {
      octet = octet < 0 ? c - 48 : octet * 10 + c - 48;
      if (octet > 255) return -1;
    } else if (c === 46) {
      if (octet < 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = -1;
      dots++;
    } else if (c === 47) return SLASHED;
    else return -1;
  }
  if (octet < 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

function hasColon(buf: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i] === 58) return true;
  return false;
}

/** Would `normaliseIpv6` rewrite it (hex digits and colons before any `/`, after trimming)? */
function looksIpv6(s: string): boolean {
  const t = s.trim();
  const slash = t.indexOf('/');
  return /^[0-9a-fA-F:]+$/.test(slash < 0 ? t : t.slice(0, slash));
}

function latin1(buf: Uint8Array, from: number, to: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1', from, to);
}

function decode(buf: Uint8Array, from: number, to: number, escaped: boolean): string {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return escaped
    ? (JSON.parse(b.toString('utf8', from - 1, to + 1)) as string)
    : b.toString('utf8', from, to);
}
