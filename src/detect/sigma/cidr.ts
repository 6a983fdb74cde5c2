import { sigmaError } from './sigma-error.ts';

/** An address range: IPv4 as one 32-bit number, IPv6 as eight 16-bit groups. */
export interface CidrRange {
  readonly v6: boolean;
  readonly words: Uint16Array;
  readonly bits: number;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An IPv4 address as an unsigned 32-bit number, or -1. */
export function parseIPv4(s: string): number {
  const m = V4.exec(s);
  if (m === null) return -1;
  let n = 0;
  for (let k = 1; k <= 4; k++) {
    const part = Number(m[k]);
    if (part > 255) return -1;
    n = n * 256 + part;
  }
  return n;
}

/** An IPv6 address as eight 16-bit groups (an embedded IPv4 tail allowed), or undefined. */
export function parseIPv6(text: string): Uint16Array | undefined {
  const s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : (text.split('%')[0] as string);
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const out = new Uint16Array(8);
  out.set(head, 0);
  out.set(tail, 8 - tail.length);
  return out;
}

function groups(part: string): number[] | undefined {
  if (part === '') return [];
  const out: number[] = [];
  const items = part.split(':');
  for (let k = 0; k < items.length; k++) {
    const g = items[k] as string;
    if (k === items.length - 1 && g.includes('.')) {
      const v4 = parseIPv4(g);
      if (v4 < 0) return undefined;
      out.push(Math.floor(v4 / 65536), v4 % 65536);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(Number.parseInt(g, 16));
    else return undefined;
  }
  return out;
}

function v4Words(n: number): Uint16Array {
  return Uint16Array.of(Math.floor(n / 65536), n % 65536);
}

export function parseCidr(text: string): CidrRange {
  const [addr = '', len, extra] = text.trim().split('/');
  const v4 = parseIPv4(addr);
  const words = v4 >= 0 ? v4Words(v4) : parseIPv6(addr);
  const max = v4 >= 0 ? 32 : 128;
  const bits = len === undefined ? max : Number(len);
  if (words === undefined || extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > max) {
    throw sigmaError(`invalid CIDR '${text}'`, {
      rule: 'cidr',
      hint: 'Write an IPv4 or IPv6 network, e.g. 10.0.0.0/8',
    });
  }
  return { v6: v4 < 0, words, bits };
}

/** Whether an address (IPv4, IPv6, or IPv4-mapped IPv6 for an IPv4 range) lies in the range. */
export function cidrContains(range: CidrRange, address: string): boolean {
  let words: Uint16Array | undefined;
  if (range.v6) words = parseIPv6(address);
  else {
    const v4 = parseIPv4(address);
    if (v4 >= 0) words = v4Words(v4);
    else {
      const v6 = parseIPv6(address);
      if (v6 !== undefined && v6[5] === 0xffff && v6.subarray(0, 5).every((w) => w === 0))
        words = v6.subarray(6);
    }
  }
  if (words === undefined) return false;
  let left = range.bits;
  for (let k = 0; left > 0; k++, left -= 16) {
    const mask = left >= 16 ? 0xffff : (0xffff << (16 - left)) & 0xffff;
    if (((words[k] as number) & mask) !== ((range.words[k] as number) & mask)) return false;
  }
  return true;
}
