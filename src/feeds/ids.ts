import { v5 as uuidv5 } from 'uuid';

/**
 * Namespace of every id Bulwark's converters derive. Fixed forever: changing it would turn every
 * re-import into new objects instead of duplicates.
 */
export const FEEDS_NAMESPACE = 'a70bcfc3-cd42-4b45-8527-ab6b6bd2912f';

/** A deterministic STIX id (UUIDv5, which STIX 2.1 allows for SDOs and SROs too) from a stable seed. */
export function feedId(type: string, seed: string): string {
  return `${type}--${uuidv5(seed, FEEDS_NAMESPACE)}`;
}
