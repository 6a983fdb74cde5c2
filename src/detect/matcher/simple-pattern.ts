import { ipv6Range, packedIpv4 } from '../pattern/ip.ts';
import type { BareAnchor } from './anchors.ts';
import { canonicalHashName } from './path-key.ts';

// `[type:value = '…']`, `[file:hashes.'SHA-256' = '…']`, `[network-traffic:dst_ref.value ISSUBSET '…']`
// with no escapes in the literal: most shared indicators, recognised without building a tree.
const SIMPLE =
  /^\[([a-z0-9][a-z0-9-]*):(value|hashes\.(?:'([A-Za-z0-9-]+)'|([A-Za-z_][A-Za-z0-9_]*))|(?:src|dst)_ref\.value) (=|ISSUBSET) '([^'\\]*)'\]$/;
const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['true', 'false', 'AND', 'OR', 'NOT', 'LIKE', 'MATCHES', 'IN', 'EXISTS', 'LAST']);
const ADDRESS_KEYS = /^(?:ipv4-addr|ipv6-addr):value$|_ref\.value$/;

/**
 * The one anchor of a single-comparison pattern in the common shapes, exactly as the parser-based
 * `anchorPlan` would give it (a pure pattern); undefined for anything else, which then goes through
 * the parser. Loading a million indicators spends most of its time here, so it allocates little.
 */
export function simpleAnchor(pattern: string): BareAnchor | undefined {
  const m = SIMPLE.exec(pattern);
  if (m === null) return undefined;
  const type = m[1]!;
  if (RESERVED.has(type)) return undefined;
  const hashName = m[3] ?? m[4];
  let path = m[2]!;
  if (hashName !== undefined) {
    const canonical = canonicalHashName(hashName);
    path = `hashes.${BARE_KEY.test(canonical) && !RESERVED.has(canonical) ? canonical : `'${canonical}'`}`;
  }
  const key = `${type}:${path}`;
  const value = m[6]!;
  const address = packedIpv4(value) >= 0 || (value.includes(':') && ipv6Range(value) !== undefined);
  if (m[5] === 'ISSUBSET') return address ? { kind: 'cidr', key, block: value } : undefined;
  if (ADDRESS_KEYS.test(key) && value.includes('/') && address) return { kind: 'cidr', key, block: value };
  return { kind: 'exact', key, value };
}
