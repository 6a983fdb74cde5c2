/**
 * A held payment as STIX, for the community: an incident draft, a sighting (by the holding
 * organisation) of each object of shared intelligence the payment matched — an indicator or the listed
 * identity of a sanctions list, found by the creditor's account and names — and a report grouping them,
 * imported through the hub under the organisation's TLP marking and audience.
 */
import { BulwarkError } from '../../errors/index.ts';
import { importElements, requireOrganisation, resolveAudience, stixNow } from '../../hub/index.ts';
import type { Payment } from '../../payments/index.ts';
import { newId, normaliseName, tlpMarkingRef, validateObject } from '../../stix/index.ts';
import type { PaymentHold, ReadScope, Store, StoredVersion, TlpLevel } from '../../store/index.ts';
import type { DeskActor } from './payments-desk.ts';

/** Object types a sighting may be of (STIX: an SDO) that shared intelligence names payments by. */
const SIGHTABLE = new Set([
  'indicator',
  'identity',
  'threat-actor',
  'intrusion-set',
  'campaign',
  'infrastructure',
]);

async function scopeOfActor(store: Store, actor: DeskActor): Promise<ReadScope> {
  const communityIds = (await store.members.communitiesOf(actor.orgId)).map((c) => c.id);
  return {
    kind: 'member',
    orgId: actor.orgId,
    communityIds,
    ...(actor.keyId ? { userId: actor.keyId } : {}),
  };
}

/** What the organisation may read that names the payment's creditor or a watch-list name it matched. */
export async function matchedIntelligence(
  store: Store,
  actor: DeskActor,
  hold: PaymentHold,
  payment: Payment,
): Promise<StoredVersion[]> {
  const values = new Set<string>();
  if (payment.creditor.account) values.add(payment.creditor.account.value);
  if (payment.creditor.name) values.add(normaliseName(payment.creditor.name));
  for (const r of hold.reasons) if (typeof r.matched === 'string') values.add(normaliseName(r.matched));
  const scope = await scopeOfActor(store, actor);
  const found = new Map<string, StoredVersion>();
  for (const value of values) {
    for (const v of await store.findByValue(value, scope, 20)) if (SIGHTABLE.has(v.type)) found.set(v.id, v);
  }
  return [...found.values()];
}

function describe(hold: PaymentHold, payment: Payment): string {
  const reasons = hold.reasons.map((r) => `- ${String(r.kind)} (${String(r.source)}): ${String(r.detail)}`);
  return [
    `Payment ${hold.reference} (${hold.format}) of ${hold.currency} ${hold.amount} was held by payment screening: risk ${hold.risk}, score ${hold.score}.`,
    `Ordering bank ${payment.debtorAgent ?? payment.senderBic ?? 'unknown'}; beneficiary "${payment.creditor.name ?? ''}" account ${payment.creditor.account?.value ?? 'unknown'} at ${payment.creditorAgent ?? payment.receiverBic ?? 'unknown'}.`,
    'Reasons:',
    ...reasons,
  ].join('\n');
}

/** Builds and imports the STIX objects of a held payment; returns the incident id. */
export async function sharePaymentHold(
  store: Store,
  actor: DeskActor,
  hold: PaymentHold,
  payment: Payment,
  tlp: TlpLevel,
): Promise<string> {
  const org = await requireOrganisation(store, actor.orgId);
  const audience = await resolveAudience(store, org, { tlp });
  const now = stixNow();
  const base = {
    spec_version: '2.1',
    created: now,
    modified: now,
    object_marking_refs: [tlpMarkingRef(tlp)],
  };
  const incident = {
    ...base,
    type: 'incident',
    id: newId('incident'),
    name: `Held payment ${hold.reference}`,
    description: describe(hold, payment),
    labels: ['payment-hold', ...hold.reasons.map((r) => String(r.kind))],
  };
  const matched = await matchedIntelligence(store, actor, hold, payment);
  const sightings = matched.map((m) => ({
    ...base,
    type: 'sighting',
    id: newId('sighting'),
    sighting_of_ref: m.id,
    where_sighted_refs: [org.id],
    first_seen: now,
    last_seen: now,
    count: 1,
    description: `Named by payment ${hold.reference}, held for review`,
  }));
  const relationships = matched.map((m) => ({
    ...base,
    type: 'relationship',
    id: newId('relationship'),
    relationship_type: 'related-to',
    source_ref: incident.id,
    target_ref: m.id,
  }));
  const contents = [incident, ...sightings, ...relationships];
  const report = {
    ...base,
    type: 'report',
    id: newId('report'),
    name: `Held payment ${hold.reference}`,
    report_types: ['threat-report'],
    published: now,
    object_refs: contents.map((o) => o.id),
  };
  const objects: Record<string, unknown>[] = [...contents, report];
  for (const value of objects) {
    const result = validateObject(value);
    if (!result.ok)
      throw new BulwarkError(
        'STIX_INVALID',
        `held payment as STIX: ${result.errors[0]?.message ?? 'invalid'}`,
        { objectId: value.id as string },
      );
  }
  await importElements(
    (async function* () {
      yield objects.map((value, index) => ({ value, place: { index, line: 1 } }));
    })(),
    {
      store,
      source: 'payment hold',
      authorOrg: org.id,
      createdByRef: org.id,
      defaultTlp: tlp,
      audience,
      batchSize: objects.length,
    },
  );
  return incident.id;
}
