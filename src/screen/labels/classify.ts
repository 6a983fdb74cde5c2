/** Which category an object's claim about an address falls in, from the STIX vocabulary and our feeds. */
import type { HubObject } from './hub-objects.ts';
import { strings, text } from './hub-objects.ts';
import type { LabelCategory } from './types.ts';

export const SANCTIONS_SOURCE = /^OFAC\b|sanctions/i;
const MIXER_LABELS = new Set(['mixer', 'mixing_service', 'coinjoin', 'tumbler']);
const BRIDGE_LABELS = new Set(['bridge', 'cross-chain-bridge']);
const EXCHANGE_LABELS = new Set(['exchange', 'cex', 'dex']);

export function externalSources(object: HubObject): string[] {
  const refs = Array.isArray(object.json.external_references) ? object.json.external_references : [];
  return refs
    .map((r: unknown) =>
      r && typeof r === 'object' ? text((r as Record<string, unknown>).source_name) : undefined,
    )
    .filter((s): s is string => s !== undefined);
}

/** True when the indicator comes from a sanctions list (OFAC and the lists that republish it). */
export function isSanctionsIndicator(indicator: HubObject): boolean {
  const feed = text(indicator.json.x_bulwark_feed) ?? '';
  if (feed.startsWith('ofac')) return true;
  if (strings(indicator.json.labels).some((l) => l.toLowerCase() === 'sanctioned')) return true;
  return externalSources(indicator).some((s) => SANCTIONS_SOURCE.test(s));
}

/** An infrastructure's category: a mixer (anonymization), a bridge, an exchange, else a service. */
export function infrastructureCategory(infrastructure: HubObject): LabelCategory {
  const labels = strings(infrastructure.json.labels).map((l) => l.toLowerCase());
  const types = strings(infrastructure.json.infrastructure_types);
  if (types.includes('anonymization') || labels.some((l) => MIXER_LABELS.has(l))) return 'mixer';
  if (labels.some((l) => BRIDGE_LABELS.has(l))) return 'bridge';
  if (labels.some((l) => EXCHANGE_LABELS.has(l))) return 'exchange';
  return 'service';
}

/** The name of an entity for a reason line: `name`, else the id. */
export function nameOf(object: HubObject): string {
  return text(object.json.name) ?? object.id;
}
