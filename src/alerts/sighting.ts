/**
 * Each alert as a STIX sighting in the hub: `sighting_of_ref` the flagged source's indicator,
 * `where_sighted_refs` the exchange's identity, authored by the exchange and marked TLP:AMBER+STRICT
 * with no other recipient, so only the exchange reads it (the hub's visibility rules, unchanged).
 */
import { randomUUID } from 'node:crypto';
import { importElements, stixNow } from '../hub/index.ts';
import type { Store } from '../store/index.ts';

export interface SightingInput {
  orgId: string;
  indicatorId: string;
  wallet: string;
  tx: string;
  amount: string;
  asset: string;
  seen: string;
}

export function newSightingId(): string {
  return `sighting--${randomUUID()}`;
}

export async function recordSighting(store: Store, id: string, s: SightingInput): Promise<void> {
  const now = stixNow();
  const sighting = {
    type: 'sighting',
    spec_version: '2.1',
    id,
    created: now,
    modified: now,
    created_by_ref: s.orgId,
    first_seen: s.seen,
    last_seen: s.seen,
    count: 1,
    sighting_of_ref: s.indicatorId,
    where_sighted_refs: [s.orgId],
    description: `Traced stolen value (${s.amount} ${s.asset} base units) reached wallet ${s.wallet} in transaction ${s.tx}`,
    external_references: [{ source_name: 'bulwark-freeze-alert', description: `${s.wallet} ${s.tx}` }],
  };
  async function* one() {
    yield [{ value: sighting, place: { index: 0, line: 0 } }];
  }
  await importElements(one(), {
    store,
    authorOrg: s.orgId,
    defaultTlp: 'amber+strict',
    audience: { communities: [], orgs: [s.orgId], users: [] },
  });
}
