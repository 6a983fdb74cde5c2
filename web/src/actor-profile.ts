/**
 * An actor's profile from its relationships: techniques, malware and tools it `uses`, campaigns
 * `attributed-to` it, indicators that `indicate` it or those campaigns, and the wallets those
 * indicators' patterns name.
 */
import { apiGet } from './api.ts';
import { attackId, labelOf, objectsOfType, resolveIds } from './object-index.ts';
import type { ObjectPage, StixObject } from './types.ts';

export interface Technique {
  id: string;
  attackId: string | undefined;
  name: string;
  tactics: string[];
}

export interface ActorProfile {
  page: ObjectPage;
  techniques: Technique[];
  software: StixObject[];
  campaigns: StixObject[];
  indicators: StixObject[];
  wallets: { address: string; indicator: string }[];
  related: StixObject[];
}

const WALLET = /cryptocurrency-wallet:value\s*=\s*'((?:[^'\\]|\\.)+)'/g;

export function walletsIn(indicators: readonly StixObject[]): { address: string; indicator: string }[] {
  const seen = new Map<string, string>();
  for (const i of indicators) {
    for (const m of (i.pattern ?? '').matchAll(WALLET)) if (m[1] && !seen.has(m[1])) seen.set(m[1], i.id);
  }
  return [...seen].map(([address, indicator]) => ({ address, indicator }));
}

const targetsOf = (page: ObjectPage, type: string, prefix: string) =>
  page.relationships
    .filter((r) => r.relationship_type === type && r.source_ref === page.object.id)
    .map((r) => r.target_ref ?? '')
    .filter((id) => id.startsWith(prefix));

const sourcesOf = (page: ObjectPage, type: string, prefix: string) =>
  page.relationships
    .filter((r) => r.relationship_type === type && r.target_ref === page.object.id)
    .map((r) => r.source_ref ?? '')
    .filter((id) => id.startsWith(prefix));

export async function actorProfile(id: string): Promise<ActorProfile> {
  const page = await apiGet<ObjectPage>(`/objects/${encodeURIComponent(id)}`);
  const patterns = await objectsOfType('attack-pattern');
  const techniques = targetsOf(page, 'uses', 'attack-pattern--')
    .map((t) => patterns.get(t))
    .filter((p): p is StixObject => p !== undefined)
    .map((p) => ({
      id: p.id,
      attackId: attackId(p),
      name: labelOf(p),
      tactics: (p.kill_chain_phases ?? []).map((k) => k.phase_name),
    }))
    .sort((a, b) => (a.attackId ?? a.name).localeCompare(b.attackId ?? b.name));
  const software = [
    ...(
      await resolveIds([...targetsOf(page, 'uses', 'malware--'), ...targetsOf(page, 'uses', 'tool--')])
    ).values(),
  ];
  const campaignIds = sourcesOf(page, 'attributed-to', 'campaign--');
  const campaignPages = await Promise.all(
    campaignIds.map((c) => apiGet<ObjectPage>(`/objects/${encodeURIComponent(c)}`)),
  );
  const indicatorIds = new Set(sourcesOf(page, 'indicates', 'indicator--'));
  for (const c of campaignPages)
    for (const i of sourcesOf(c, 'indicates', 'indicator--')) indicatorIds.add(i);
  const indicators = [...(await resolveIds([...indicatorIds])).values()];
  const relatedIds = page.relationships
    .filter((r) => r.relationship_type === 'related-to')
    .map((r) => (r.source_ref === id ? r.target_ref : r.source_ref) ?? '');
  return {
    page,
    techniques,
    software,
    campaigns: campaignPages.map((c) => c.object),
    indicators,
    wallets: walletsIn(indicators),
    related: [...(await resolveIds(relatedIds)).values()],
  };
}
