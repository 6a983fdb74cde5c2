/**
 * Registering an exchange's deposit and hot wallets: a row of the organisation's own (the store's
 * alert records, read only under its id), not a hub object. A STIX cryptocurrency-wallet has a
 * deterministic id from its address, so a private copy would collide with any public object for the
 * same address (the second is a duplicate) — and whether that import is a duplicate would itself tell
 * one organisation about another's wallets.
 */
import { addressToKey, keyToAddress } from '../chain/index.ts';
import { BulwarkError } from '../errors/index.ts';
import { normaliseValue } from '../stix/index.ts';
import type { Store, WalletRecord, WalletRole } from '../store/index.ts';
import type { AlertChain } from './arrival-chains.ts';

export const WALLET_ROLES = ['deposit', 'hot'] as const;
export const WALLET_CHAINS = ['ethereum', 'bitcoin'] as const satisfies readonly AlertChain[];

const EVM = /^0x[0-9a-f]{40}$/;

/** The chain an address is written for: 0x… is an account address, anything else is read as Bitcoin. */
export function chainOfAddress(address: string): AlertChain {
  return /^0x/i.test(address.trim()) ? 'ethereum' : 'bitcoin';
}

/**
 * The address as the graph stores it on `chain` (by default the chain its form names): lower-case
 * hex for Ethereum; for Bitcoin the mainnet encoding of its script (base58 P2PKH and P2SH as given,
 * bech32/bech32m P2WPKH, P2WSH and P2TR lower-cased). A malformed address (checksum, length,
 * witness version, another network) is a catalogue error naming the `address` field.
 */
export function walletAddress(address: string, chain: AlertChain = chainOfAddress(address)): string {
  const text = address.trim();
  if (chain === 'bitcoin') {
    // the graph's own codec: an address is accepted exactly when the graph can hold it
    const key = addressToKey(text);
    if (!key) {
      throw new BulwarkError('BTC_ADDRESS_INVALID', `${address} is not a Bitcoin mainnet address`, {
        path: 'address',
        hint: 'Give a P2PKH (1…), P2SH (3…), P2WPKH or P2WSH (bc1q…) or P2TR (bc1p…) address with a valid checksum',
      });
    }
    return keyToAddress(key);
  }
  const normal = normaliseValue('cryptocurrency-wallet', text);
  if (!EVM.test(normal)) {
    throw new BulwarkError('BAD_REQUEST', `${address} is not an Ethereum address`, {
      path: 'address',
      hint: 'An Ethereum wallet is 0x followed by 40 hex digits',
    });
  }
  return normal;
}

/** The stored spelling of an address to look a registration up by; the text itself when malformed. */
export function walletKey(address: string): string {
  try {
    return walletAddress(address);
  } catch {
    return normaliseValue('cryptocurrency-wallet', address);
  }
}

export async function registerWallet(
  store: Store,
  orgId: string,
  address: string,
  role: WalletRole,
  chain: AlertChain = chainOfAddress(address),
): Promise<WalletRecord> {
  const wallet: WalletRecord = {
    orgId,
    chain,
    address: walletAddress(address, chain),
    role,
    createdAt: new Date().toISOString(),
  };
  await store.alerts.registerWallet(wallet);
  return wallet;
}
