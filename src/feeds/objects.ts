import { deriveScoId, tlpMarkingRef } from '../stix/index.ts';
import { isEvmAddress } from './chains.ts';
import { feedId } from './ids.ts';
import type { StixObject } from './types.ts';

/**
 * Builders of the objects every converter emits. Reference data is public: everything Bulwark authors
 * from it is TLP:CLEAR. `x_bulwark_feed` names the list an object came from, so a newer list revokes
 * only what that same list dropped (see reconcile.ts).
 */

export const CLEAR: readonly string[] = [tlpMarkingRef('clear')];

/** Fixed creation instant of the reference identities: they never change, so re-imports are duplicates. */
export const REFERENCE_EPOCH = '2020-01-01T00:00:00.000Z';

export interface Versioned {
  author: StixObject;
  at: string;
  feed: string;
}

/** An SDO or SRO of ours: deterministic id from `seed`, timestamps from the list date. */
export function sdo(type: string, seed: string, v: Versioned, own: Record<string, unknown>): StixObject {
  return {
    type,
    spec_version: '2.1',
    id: feedId(type, seed),
    created_by_ref: v.author.id,
    created: v.at,
    modified: v.at,
    ...own,
    object_marking_refs: [...CLEAR],
    x_bulwark_feed: v.feed,
  };
}

export function relationship(
  v: Versioned,
  source: string,
  relationshipType: string,
  target: string,
  description?: string,
): StixObject {
  return sdo('relationship', `${source}|${relationshipType}|${target}`, v, {
    relationship_type: relationshipType,
    source_ref: source,
    target_ref: target,
    ...(description ? { description } : {}),
  });
}

/**
 * A `cryptocurrency-wallet` SCO; its id derives from its value alone, as the STIX core defines. An SCO
 * has one version, so one address must come out identical from every source: an EVM address is the
 * same account on every EVM chain (one key), and sources list it under Ethereum, Arbitrum, BSC or
 * Polygon, so its wallet names no chain; the indicators say under which chain a source listed it.
 */
export function wallet(value: string, chain: string | undefined): StixObject {
  const base: StixObject = {
    type: 'cryptocurrency-wallet',
    spec_version: '2.1',
    id: '',
    value,
    ...(chain && !isEvmAddress(value) ? { chain } : {}),
  };
  base.id = deriveScoId(base);
  return { ...base, object_marking_refs: [...CLEAR] };
}

/** The STIX pattern that matches a wallet address (quotes and backslashes escaped as the grammar asks). */
export function walletPattern(value: string): string {
  return `[cryptocurrency-wallet:value = '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** A reference identity: the author of every object converted from one source. */
export function referenceIdentity(key: string, name: string, description: string, url: string): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: feedId('identity', `reference-source|${key}`),
    created: REFERENCE_EPOCH,
    modified: REFERENCE_EPOCH,
    name,
    description,
    identity_class: 'organization',
    external_references: [{ source_name: name, url }],
    object_marking_refs: [...CLEAR],
  };
}

export const OFAC_AUTHOR = referenceIdentity(
  'ofac-sdn',
  'OFAC SDN List (via Bulwark reference data)',
  'Digital currency addresses of the US Treasury OFAC Specially Designated Nationals list, converted to ' +
    'STIX by Bulwark. The designation is OFAC’s; the conversion is Bulwark’s.',
  'https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists',
);

export const MISP_AUTHOR = referenceIdentity(
  'misp-galaxy-threat-actor',
  'MISP galaxy threat-actor cluster (via Bulwark reference data)',
  'Threat-actor entries of the MISP galaxy (CC0 / BSD-2-Clause), merged by alias with MITRE ATT&CK groups ' +
    'by Bulwark.',
  'https://github.com/MISP/misp-galaxy',
);

export const HEIST_AUTHOR = referenceIdentity(
  'dprk-heists',
  'DPRK heist addresses (Bulwark reference data)',
  'Publicly attributed addresses of North Korean heists (Bybit 2025, Ronin 2022, Harmony 2022, Stake.com ' +
    '2023) from FBI releases and Taylor Monahan’s lazarus-bluenoroff-research, curated for Bulwark.',
  'https://www.ic3.gov/PSA/2025/PSA250226',
);

export function countInto(counts: Record<string, number> | undefined, object: StixObject): void {
  if (counts) counts[object.type] = (counts[object.type] ?? 0) + 1;
}
