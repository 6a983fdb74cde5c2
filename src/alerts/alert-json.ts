/** The alert as the REST API, the stream and the webhook send it (the console's inbox contract). */
import type { AlertRecord } from '../store/index.ts';

export interface AlertJson {
  id: string;
  created: string;
  status: 'open' | 'acknowledged';
  chain: string;
  address: string;
  wallet_role: 'deposit' | 'hot';
  asset: string;
  /** Decimal string, base units. */
  amount: string;
  tx: string;
  block: number;
  sources: string[];
  sighting_ref: string | null;
}

export function alertJson(a: AlertRecord): AlertJson {
  return {
    id: a.id,
    created: a.created,
    status: a.status,
    chain: a.chain,
    address: a.address,
    wallet_role: a.walletRole,
    asset: a.asset,
    amount: a.amount,
    tx: a.tx,
    block: a.block,
    sources: a.sources,
    sighting_ref: a.sightingRef,
  };
}
