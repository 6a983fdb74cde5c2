import { ipv6Range, packedIpv4 } from '../pattern/ip.ts';
import type { BareAnchor } from './anchors.ts';
import { canonicalHashName } from './path-key.ts';

// `[type:value = '`, `[file:hashes.'SHA-256' = '`, `[network-traffic:dst_ref.value ISSUBSET '`: the part
// before the literal of most shared indicators. Checked once per distinct prefix (there are a handful).
const PREFIX =
  /^\[([a-z0-9][a-z0-9-]*):(value|hashes\.(?:'([A-Za-z0-9-]+)'|([A-Za-z_][A-Za-z0-9_]*))|(?:src|dst)_ref\.value) (=|ISSUBSET) '$/;
const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['true', 'false', 'AND', 'OR', 'NOT', 'LIKE', 'MATCHES', 'IN', 'EXISTS', 'LAST']);
const ADDRESS_KEYS = /^(?:ipv4-addr|ipv6-addr):value$|_ref\.value$/;

interface Prefix {
  readonly key: string;
  readonly subset: boolean;
  readonly addressKey: boolean;
}

// A bounded cache: feeds use a few prefixes; a hostile file with millions of distinct ones only loses the cache.
const MAX_PREFIXES = 4096;
const prefixes = new Map<string, Prefix | null>();

// The last few prefixes seen, tried with startsWith before anything is sliced or hashed.
const recent: { text: string; prefix: Prefix }[] = [];

function prefixOf(pattern: string, start: number): Prefix | null {
  for (let i = 0; i < recent.length; i++) {
    const r = recent[i]!;
    if (r.text.length === start && pattern.startsWith(r.text)) return r.prefix;
  }
  const text = pattern.slice(0, start);
  let p = prefixes.get(text);
  if (p === undefined) {
    p = parsePrefix(text);
    if (prefixes.size < MAX_PREFIXES) prefixes.set(text, p);
  }
  if (p !== null) {
    if (recent.length === 8) recent.pop();
    recent.unshift({ text, prefix: p });
  }
  return p;
}

function parsePrefix(text: string): Prefix | null {
  const m = PREFIX.exec(text);
  if (m === null) return null;
  const type = m[1]!;
  if (RESERVED.has(type)) return null;
  const hashName = m[3] ?? m[4];
  let path = m[2]!;
  if (hashName !== undefined) {
    const canonical = canonicalHashName(hashName);
    path = `hashes.${BARE_KEY.test(canonical) && !RESERVED.has(canonical) ? canonical : `'${canonical}'`}`;
  }
  const key = `${type}:${path}`;
  return { key, subset: m[5] === 'ISSUBSET', addressKey: ADDRESS_KEYS.test(key) };
}

function isAddress(value: string): boolean {
  return packedIpv4(value) >= 0 || (value.includes(':') && ipv6Range(value) !== undefined);
}

/**
 * The one anchor of a single-comparison pattern in the common shapes, exactly as the parser-based
 * `anchorPlan` would give it (a pure pattern); undefined for anything else, which then goes through
 * the parser. Loading a million indicators spends most of its time here, so it slices the text twice
 * (prefix, literal), looks the prefix up in a small cache and tests for an address only where it matters.
 */
export function simpleAnchor(pattern: string): BareAnchor | undefined {
  const n = pattern.length;
  if (n < 8 || pattern.charCodeAt(0) !== 91 || pattern.charCodeAt(n - 1) !== 93) return undefined;
  const open = pattern.indexOf(" '");
  if (open < 0) return undefined;
  const start = open + 2;
  // the literal runs to the closing `']` and holds no quote or backslash
  const close = pattern.indexOf("'", start);
  if (close !== n - 2 || pattern.indexOf('\\', start) >= 0) return undefined;
  const prefix = prefixOf(pattern, start);
  if (prefix === null) return undefined;
  const value = pattern.slice(start, close);
  if (prefix.subset) return isAddress(value) ? { kind: 'cidr', key: prefix.key, block: value } : undefined;
  if (prefix.addressKey && value.includes('/') && isAddress(value))
    return { kind: 'cidr', key: prefix.key, block: value };
  return { kind: 'exact', key: prefix.key, value };
}
