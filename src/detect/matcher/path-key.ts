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

/**
 * One normalisation for indicator literals and event values (the store's, plus RFC 5952 for IPv6
 * addresses reached through a `_ref`), so case and spelling differences do not hide a hit. Built once
 * per key so the hot path does not split the key again.
 */
export function keyNormaliser(key: string): (value: string) => string {
  const colon = key.indexOf(':');
  const type = key.slice(0, colon);
  const path = key.slice(colon + 1);
  if (path.endsWith('_ref.value')) {
    return (value) => {
      const out = normalisePatternValue(type, path, value);
      return out.includes(':') && !out.includes('@') ? normaliseIpv6(out) : out;
    };
  }
  return (value) => normalisePatternValue(type, path, value);
}
