import type { ObjectPath, PathStep } from '../../stix/index.ts';
import { formatSteps, normaliseIpv6, normalisePatternValue } from '../../stix/index.ts';

const HASH_NAMES: Readonly<Record<string, string>> = {
  MD5: 'MD5',
  SHA1: 'SHA-1',
  SHA256: 'SHA-256',
  SHA384: 'SHA-384',
  SHA512: 'SHA-512',
  SHA3256: 'SHA3-256',
  SHA3512: 'SHA3-512',
  SSDEEP: 'SSDEEP',
  TLSH: 'TLSH',
  IMPHASH: 'IMPHASH',
};

/** `sha256`, `SHA256`, `Sha-256` all name the STIX vocabulary entry `SHA-256`; unknown names are upper-cased. */
export function canonicalHashName(name: string): string {
  const bare = name.toUpperCase().replace(/[-_]/g, '');
  return HASH_NAMES[bare] ?? name.toUpperCase();
}

/** Is the step a hash algorithm name (the key after `hashes`)? */
export function isHashStep(steps: readonly PathStep[], i: number): boolean {
  const before = steps[i - 1];
  return before?.kind === 'key' && before.name === 'hashes' && steps[i]?.kind === 'key';
}

/**
 * The key an indexed path is filed under: `ipv4-addr:value`, `file:hashes.'SHA-256'`,
 * `network-traffic:dst_ref.value`. Hash names are canonical so indicators and logs that spell them
 * differently meet.
 */
export function pathKey(path: ObjectPath): string {
  const steps = path.steps.map(
    (s, i): PathStep =>
      isHashStep(path.steps, i) && s.kind === 'key' ? { kind: 'key', name: canonicalHashName(s.name) } : s,
  );
  return `${path.objectType}:${formatSteps({ ...path, steps })}`;
}

/** The object type of a path key (before the first colon). */
export function keyType(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

// Types whose normal form is more than trimming and lower-casing (zero runs, separators, prefixes).
const REWRITTEN = new Set([
  'ipv6-addr',
  'mac-addr',
  'autonomous-system',
  'bank-account',
  'x509-certificate',
  'cryptocurrency-transaction',
  'identity',
  'threat-actor',
  'intrusion-set',
  'malware',
  'tool',
  'campaign',
]);

/** Already in normal form for a trim / lower-case / trailing-dot normaliser: nothing to do, nothing allocated. */
function plain(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  if (value.charCodeAt(0) <= 32 || value.charCodeAt(n - 1) <= 32 || value.charCodeAt(n - 1) === 46)
    return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 65 && c <= 90) return false;
  }
  return true;
}

/**
 * One normalisation for indicator literals and event values (the store's, plus RFC 5952 for IPv6
 * addresses reached through a `_ref`), so case and spelling differences do not hide a hit. Built once
 * per key; a value already in normal form (the common case in logs) is returned as it is.
 */
export function keyNormaliser(key: string): (value: string) => string {
  const colon = key.indexOf(':');
  const type = key.slice(0, colon);
  const path = key.slice(colon + 1);
  if (path.endsWith('_ref.value')) {
    return (value) => {
      if (value.indexOf(':') < 0 && plain(value)) return value;
      const out = normalisePatternValue(type, path, value);
      return out.includes(':') && !out.includes('@') ? normaliseIpv6(out) : out;
    };
  }
  if (REWRITTEN.has(type)) return (value) => normalisePatternValue(type, path, value);
  return (value) => (plain(value) ? value : normalisePatternValue(type, path, value));
}

/**
 * How the byte prefilter may treat a path's values. `fold`: its normaliser only trims, lower-cases
 * and drops a trailing dot, so the value folded (trimmed, trailing dots dropped, lower-cased) and the
 * normalised value fold alike. `ipv6`: the same once an IPv6 address is rewritten to RFC 5952.
 * `other`: rewrites the prefilter does not follow (MAC separators, AS numbers, names' inner spaces).
 */
export function foldClass(key: string): 'fold' | 'ipv6' | 'other' {
  const colon = key.indexOf(':');
  const type = key.slice(0, colon);
  if (type === 'ipv6-addr' || key.endsWith('_ref.value')) return 'ipv6';
  return REWRITTEN.has(type) && type !== 'cryptocurrency-transaction' ? 'other' : 'fold';
}
