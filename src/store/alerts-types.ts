/** The freeze-alert records of the store (migration 5): registered wallets, alerts, webhooks. */

export type WalletRole = 'deposit' | 'hot';
export type AlertStatus = 'open' | 'acknowledged';

export interface WalletRecord {
  orgId: string;
  chain: string;
  /** In the STIX core's spelling (lower-case hex for EVM). */
  address: string;
  role: WalletRole;
  createdAt: string;
}

export interface NewAlert {
  id: string;
  orgId: string;
  created: string;
  chain: string;
  address: string;
  walletRole: WalletRole;
  asset: string;
  /** Decimal string, base units. */
  amount: string;
  tx: string;
  block: number;
  sources: string[];
  sightingRef: string | null;
  /** One alert per organisation and key (transaction, wallet, asset): a rescan raises none twice. */
  dedupe: string;
}

export interface AlertRecord extends Omit<NewAlert, 'dedupe'> {
  seq: number;
  status: AlertStatus;
  acknowledgedAt: string | null;
}

export interface AlertQuery {
  status?: AlertStatus | 'all';
  limit?: number;
  /** Only alerts after this seq (oldest first), for streams catching up. */
  afterSeq?: number;
}

export interface WebhookRecord {
  orgId: string;
  url: string;
  secret: string;
  updatedAt: string;
}

/** Every read and write names the organisation: one organisation never reaches another's records. */
export interface AlertStore {
  /** Registers (or changes the role of) a wallet of `orgId`. */
  registerWallet(wallet: WalletRecord): Promise<void>;
  removeWallet(orgId: string, address: string): Promise<boolean>;
  walletsOf(orgId: string): Promise<WalletRecord[]>;
  /** Every registration, for the alert engine inside the hub only. */
  allWallets(): Promise<WalletRecord[]>;
  /** The stored alert, or undefined when one with the same dedupe key exists for the organisation. */
  addAlert(alert: NewAlert): Promise<AlertRecord | undefined>;
  /** Newest first; with `afterSeq`, oldest first after it. */
  listAlerts(orgId: string, query?: AlertQuery): Promise<AlertRecord[]>;
  getAlert(orgId: string, id: string): Promise<AlertRecord | undefined>;
  /** The alert, acknowledged (kept as it was when already acknowledged); undefined when not the org's. */
  acknowledgeAlert(orgId: string, id: string, at: string): Promise<AlertRecord | undefined>;
  setWebhook(webhook: WebhookRecord): Promise<void>;
  getWebhook(orgId: string): Promise<WebhookRecord | undefined>;
}
