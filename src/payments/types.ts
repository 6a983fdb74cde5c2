/** The one shape every payment format is parsed into, so screening never sees format details. */

export type PaymentFormat = 'mt103' | 'pacs.008' | 'pacs.009';

/** An amount as the message states it: the decimal text, its currency and its value in minor units. */
export interface Money {
  /** Canonical decimal string with a dot and the currency's decimals, e.g. `3700.00`. */
  value: string;
  /** ISO 4217 alphabetic code. */
  currency: string;
  /** The value in the currency's minor unit (cents for USD), exact. */
  minor: bigint;
}

export interface Account {
  /** `iban` when the text is a valid IBAN (mod-97), `other` for any other account or identifier. */
  kind: 'iban' | 'other';
  value: string;
}

/** A debtor or creditor: a person or an organisation. */
export interface Party {
  name?: string;
  addressLines: string[];
  /** ISO 3166 alpha-2 country when the message states or implies it. */
  country?: string;
  account?: Account;
  /** BIC when the party is identified by one (option A of MT fields, BICFI / AnyBIC in ISO 20022). */
  bic?: string;
  /** Other identifiers: MT 50F party identifier, ISO 20022 OrgId / PrvtId. */
  identifier?: string;
  /** True when the message marks the party as a natural person (ISO 20022 PrvtId, MT 50F/59F codes). */
  isPerson?: boolean;
}

/** A financial institution taking part in the chain (agents and intermediaries). */
export interface Agent {
  role: string;
  bic?: string;
  name?: string;
  account?: string;
  /** Clearing-system member id or MT party identifier such as `//FW021000018`. */
  clearing?: string;
}

export interface SourceLocation {
  /** 0-based index of the message (MT) or transaction (pacs) in the input. */
  index: number;
  /** 1-based line of the message start in the input. */
  line: number;
  /** 0-based index of the transaction inside a pacs message. */
  transaction?: number;
}

export interface Payment {
  format: PaymentFormat;
  /** MT :20: or ISO InstrId / EndToEndId / MsgId: the sender's reference. */
  reference: string;
  endToEndId?: string;
  uetr?: string;
  /** Value date (MT :32A:, ISO IntrBkSttlmDt) as YYYY-MM-DD. */
  valueDate: string;
  /**
   * When the sender released the message, ISO 8601. Without an offset it is the sender's local time
   * (MT block 2 input time, ISO CreDtTm without zone).
   */
  createdAt?: string;
  amount: Money;
  instructedAmount?: Money;
  exchangeRate?: string;
  senderBic?: string;
  receiverBic?: string;
  debtor: Party;
  debtorAgent?: string;
  creditor: Party;
  creditorAgent?: string;
  intermediaries: Agent[];
  remittance?: string;
  /** MT 71A codes (OUR, SHA, BEN) or ISO ChrgBr (DEBT, SHAR, CRED, SLEV). */
  charges?: string;
  purpose?: string;
  bankOperationCode?: string;
  senderToReceiver?: string;
  source: SourceLocation;
}

export type RiskLevel = 'severe' | 'high' | 'medium' | 'low' | 'none';

export interface VerdictReason {
  /** The rule that fired, e.g. `new-beneficiary`, `watchlist`. */
  kind: string;
  /** What the rule looked at: `history`, `calendar:BD`, the watch-list name. */
  source: string;
  detail: string;
  weight: number;
  /** The listed name or account a watch-list reason matched, so a held payment can cite it. */
  matched?: string;
}

/** `payments screen --json` prints one of these per message. */
export interface PaymentVerdict {
  reference: string;
  risk: RiskLevel;
  score: number;
  reasons: VerdictReason[];
}
