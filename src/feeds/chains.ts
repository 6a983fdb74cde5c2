import { normaliseValue } from '../stix/index.ts';

/**
 * Chains and address spelling. One spelling per address, so the same wallet from two sources is one
 * object (its id derives from the value): EVM hex addresses are lower-cased (EIP-55 case is only a
 * checksum), bech32 addresses too; base58 and other addresses keep their case, which is significant.
 */

/** OFAC SDN asset codes ("Digital Currency Address - XBT") whose chain the code alone fixes. */
const ASSET_CHAINS: Readonly<Record<string, string>> = {
  XBT: 'bitcoin',
  ETH: 'ethereum',
  TRX: 'tron',
  LTC: 'litecoin',
  BCH: 'bitcoin-cash',
  BSV: 'bitcoin-sv',
  BTG: 'bitcoin-gold',
  DASH: 'dash',
  ETC: 'ethereum-classic',
  XMR: 'monero',
  XRP: 'ripple',
  XVG: 'verge',
  ZEC: 'zcash',
  ARB: 'arbitrum',
  BSC: 'bnb-smart-chain',
  // Not OFAC codes, but the currencies of other lists (GraphSense TagPacks).
  BTC: 'bitcoin',
  DOGE: 'dogecoin',
  SOL: 'solana',
  MATIC: 'polygon',
  AVAX: 'avalanche',
};

/** Tokens issued on several chains: the address format tells which. */
const MULTI_CHAIN_TOKENS = new Set(['USDT', 'USDC']);

/** Chain names of the heist list's `chain` column. */
const HEIST_CHAINS: Readonly<Record<string, string>> = {
  ETH: 'ethereum',
  BTC: 'bitcoin',
  BSC: 'bnb-smart-chain',
  POLYGON: 'polygon',
  ARB: 'arbitrum',
  TRX: 'tron',
};

const EVM = /^0x[0-9a-fA-F]{40}$/;
const TRON = /^T[1-9A-HJ-NP-Za-km-z]{33}$/;
const BITCOIN_BASE58 = /^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/;

export function isEvmAddress(value: string): boolean {
  return EVM.test(value);
}

/** The chain an address format shows, for tokens listed under one code on several chains. */
export function chainFromAddress(address: string): string | undefined {
  if (EVM.test(address)) return 'ethereum';
  if (TRON.test(address)) return 'tron';
  if (BITCOIN_BASE58.test(address) || /^bc1/i.test(address)) return 'bitcoin';
  return undefined;
}

/**
 * The chain of an address listed under an OFAC asset code; undefined when the code is unknown (a newer
 * list may add assets: the address is still imported, without a chain) or the format fits no chain.
 */
export function chainForAsset(asset: string, address: string): string | undefined {
  const code = asset.toUpperCase();
  if (MULTI_CHAIN_TOKENS.has(code)) return chainFromAddress(address);
  return ASSET_CHAINS[code];
}

export function isKnownAsset(asset: string): boolean {
  const code = asset.toUpperCase();
  return code in ASSET_CHAINS || MULTI_CHAIN_TOKENS.has(code);
}

export function chainForHeistCode(code: string): string | undefined {
  return HEIST_CHAINS[code.toUpperCase()];
}

export function knownHeistChains(): string[] {
  return Object.keys(HEIST_CHAINS);
}

/** The one spelling of an address: the STIX core's, so look-ups and ids agree. */
export function normaliseAddress(address: string): string {
  return normaliseValue('cryptocurrency-wallet', address);
}
