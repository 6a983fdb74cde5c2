/**
 * IPv4 and IPv6 addresses and CIDR blocks as numeric ranges, for ISSUBSET / ISSUPERSET. IPv4 packs
 * into one number (`network * 64 + prefix`) so the hot path allocates nothing; IPv6 uses BigInt.
 */

export interface IpRange {
  readonly v6: boolean;
  readonly lo: bigint;
  readonly hi: bigint;
}

/** `a.b.c.d` or `a.b.c.d/p` → network * 64 + prefix (host bits cleared), or -1. */
export function packedIpv4(text: string): number {
  const n = text.length;
  let value = 0;
  let octet = -1;
  let dots = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet < 0 ? c - 48 : octet * 10 + c - 48;
      if (octet > 255) return -1;
    } else if (c === 46) {
      if (octet < 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = -1;
      dots++;
    } else if (c === 47) break;
    else return -1;
  }
  if (octet < 0 || dots !== 3) return -1;
  value = value * 256 + octet;
  let prefix = 32;
  if (i < n) {
    prefix = parsePrefix(text, i + 1, 32);
    if (prefix < 0) return -1;
  }
  const size = 2 ** (32 - prefix);
  return (value - (value % size)) * 64 + prefix;
}

/** Does the packed block `inner` lie inside the packed block `outer`? */
export function ipv4Within(inner: number, outer: number): boolean {
  const innerPrefix = inner % 64;
  const outerPrefix = outer % 64;
  if (innerPrefix < outerPrefix) return false;
  const innerNet = (inner - innerPrefix) / 64;
  const outerNet = (outer - outerPrefix) / 64;
  return innerNet - (innerNet % 2 ** (32 - outerPrefix)) === outerNet;
}

/** An IPv6 address or block (`2001:db8::/32`, `::ffff:1.2.3.4`) as a range, or undefined. */
export function ipv6Range(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefix = slash < 0 ? 128 : parsePrefix(text, slash + 1, 128);
  if (prefix < 0) return undefined;
  const value = ipv6Value(address);
  if (value === undefined) return undefined;
  const hostBits = BigInt(128 - prefix);
  const lo = (value >> hostBits) << hostBits;
  return { v6: true, lo, hi: lo + (1n << hostBits) - 1n };
}

export function ipv6Within(inner: IpRange, outer: IpRange): boolean {
  return inner.lo >= outer.lo && inner.hi <= outer.hi;
}

function ipv6Value(address: string): bigint | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const g of [...head, ...new Array<number>(missing).fill(0), ...tail])
    value = (value << 16n) | BigInt(g);
  return value;
}

/** Hex groups; a dotted IPv4 tail counts as two groups. */
function groups(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i === parts.length - 1 && part.includes('.')) {
      const packed = packedIpv4(part);
      if (packed < 0 || packed % 64 !== 32) return undefined;
      const v4 = (packed - 32) / 64;
      out.push(Math.floor(v4 / 65536), v4 % 65536);
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(part)) out.push(Number.parseInt(part, 16));
    else return undefined;
  }
  return out;
}

function parsePrefix(text: string, from: number, max: number): number {
  if (from >= text.length || from + 3 < text.length) return -1;
  let prefix = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    prefix = prefix * 10 + c - 48;
  }
  return prefix <= max ? prefix : -1;
}
