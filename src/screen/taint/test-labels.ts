/** Heist labels for the taint and alert tests: an indicator on a wallet that `indicates` a campaign. */

import { sdo, type TestObject } from '../../../test/support/stix-fixtures.ts';
import { importElements } from '../../hub/index.ts';
import { deriveScoId } from '../../stix/index.ts';
import type { Audience, Store, TlpLevel } from '../../store/index.ts';

const T = '2026-01-01T00:00:00.000Z';
export const NOBODY: Audience = { communities: [], orgs: [], users: [] };

type Obj = TestObject;

/** Publishes `address` as a heist address of campaign `name`; returns the indicator's id. */
export async function publishHeist(
  store: Store,
  orgId: string,
  address: string,
  name: string,
  tlp: TlpLevel = 'clear',
  audience: Audience = NOBODY,
): Promise<string> {
  const base = { type: 'cryptocurrency-wallet', spec_version: '2.1', value: address };
  const wallet = { ...base, id: deriveScoId(base) };
  const indicator = sdo('indicator', {
    name: `${name} address`,
    pattern: `[cryptocurrency-wallet:value = '${address}']`,
    pattern_type: 'stix',
    valid_from: T,
    indicator_types: ['malicious-activity'],
    confidence: 90,
  });
  const campaign = sdo('campaign', { name });
  const rel = (source: Obj, type: string, target: Obj) =>
    sdo('relationship', { relationship_type: type, source_ref: source.id, target_ref: target.id });
  const objects = [
    wallet,
    indicator,
    campaign,
    rel(indicator, 'based-on', wallet),
    rel(indicator, 'indicates', campaign),
  ];
  async function* one() {
    yield objects.map((value, index) => ({ value, place: { index, line: 0 } }));
  }
  const summary = await importElements(one(), { store, authorOrg: orgId, defaultTlp: tlp, audience });
  if (summary.rejected > 0) throw new Error(`heist fixture rejected: ${summary.rejected}`);
  return indicator.id;
}

/**
 * Publishes `address` as a wallet of a service (an infrastructure labelled e.g. 'mixer'), for every
 * reader (TLP:CLEAR) unless a marking is given (TLP:AMBER with no audience: the author's alone).
 */
export async function publishService(
  store: Store,
  orgId: string,
  address: string,
  name: string,
  label: string,
  tlp: TlpLevel = 'clear',
): Promise<void> {
  const base = { type: 'cryptocurrency-wallet', spec_version: '2.1', value: address };
  const wallet = { ...base, id: deriveScoId(base) };
  const infrastructure = sdo('infrastructure', { name, labels: [label] });
  const rel = sdo('relationship', {
    relationship_type: 'consists-of',
    source_ref: infrastructure.id,
    target_ref: wallet.id,
  });
  async function* one() {
    yield [wallet, infrastructure, rel].map((value, index) => ({ value, place: { index, line: 0 } }));
  }
  const summary = await importElements(one(), {
    store,
    authorOrg: orgId,
    defaultTlp: tlp,
    audience: NOBODY,
  });
  if (summary.rejected > 0) throw new Error(`service fixture rejected: ${summary.rejected}`);
}
