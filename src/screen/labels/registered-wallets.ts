/**
 * Labels from the deposit and hot wallets an organisation registered for freeze alerts (the store's
 * alert records, not hub objects): each is an `exchange` label that only that organisation's readers
 * get, so its own screen and trace recognise its wallets while no other reader sees them or their
 * effects. They are read under the organisation's id only, like every alert record.
 */
import { createHash } from 'node:crypto';
import { normaliseValue } from '../../stix/index.ts';
import type { ReadScope, Store, WalletRecord } from '../../store/index.ts';
import type { Label } from './types.ts';

export const REGISTERED_WALLETS_SOURCE = 'registered wallets';

export interface RegisteredWallets {
  wallets: WalletRecord[];
  /**
   * What the labels are made from, hashed (chain, address and role of each, in address order): the
   * screener compares it to notice a registration, a removal or a change of role. Empty for readers
   * that are not a member (no organisation, no registered wallets).
   */
  stamp: string;
}

export async function readRegisteredWallets(store: Store, scope: ReadScope): Promise<RegisteredWallets> {
  if (scope.kind !== 'member') return { wallets: [], stamp: '' };
  const wallets = await store.alerts.walletsOf(scope.orgId);
  const hash = createHash('sha256');
  // walletsOf is in address order, so the same set always hashes the same
  for (const w of wallets) hash.update(`${w.chain}\t${w.address}\t${w.role}\n`);
  return { wallets, stamp: `${wallets.length}:${hash.digest('base64url')}` };
}

/**
 * One label per registered wallet. The marking is TLP:RED: the label is for the registering
 * organisation alone (it is never in the hub, so no TAXII reader or community ever reaches it).
 * The entity is the organisation (its id is its STIX identity id), named as the trace summary shows
 * it: "Exchange One (your deposit wallet)".
 */
export function registeredWalletLabels(wallets: readonly WalletRecord[], orgName: string): Label[] {
  return wallets.map((w) => ({
    address: normaliseValue('cryptocurrency-wallet', w.address),
    category: 'exchange',
    source: REGISTERED_WALLETS_SOURCE,
    detail: `registered ${w.role} wallet`,
    since: w.createdAt,
    marking: 'red',
    authorOrg: orgName,
    stixIds: [],
    entities: [{ id: w.orgId, type: 'identity', name: `${orgName} (your ${w.role} wallet)` }],
  }));
}
