/**
 * Registering an exchange's deposit and hot wallets: a row of the organisation's own (the store's
 * alert records, read only under its id), not a hub object. A STIX cryptocurrency-wallet has a
 * deterministic id from its address, so a private copy would collide with any public object for the
 * same address (the second is a duplicate) — and whether that import is a duplicate would itself tell
 * one organisation about another's wallets.
 */
import { BulwarkError } from '../errors/index.ts';
import { normaliseValue } from '../stix/index.ts';
import type { Store, WalletRecord, WalletRole } from '../store/index.ts';

export const WALLET_ROLES = ['deposit', 'hot'] as const;

const EVM = /^0x[0-9a-f]{40}$/;

export async function registerWallet(
  store: Store,
  orgId: string,
  address: string,
  role: WalletRole,
): Promise<WalletRecord> {
  const normal = normaliseValue('cryptocurrency-wallet', address.trim());
  if (!EVM.test(normal)) {
    throw new BulwarkError('BAD_REQUEST', `${address} is not an Ethereum address`, {
      path: 'address',
      hint: 'Freeze alerts watch Ethereum wallets: 0x followed by 40 hex digits',
    });
  }
  const wallet: WalletRecord = {
    orgId,
    chain: 'ethereum',
    address: normal,
    role,
    createdAt: new Date().toISOString(),
  };
  await store.alerts.registerWallet(wallet);
  return wallet;
}
