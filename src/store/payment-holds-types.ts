/**
 * Payment holds: a payment that screening flagged, kept until people decide on it (blocking mode) or
 * recorded as an alert (monitoring mode). Part of the store contract (`Store.payments`), implemented
 * by both adapters over one SQL text and covered by the conformance suite.
 */

export type HoldMode = 'blocking' | 'monitoring';
/** `alerted`: monitoring mode, recorded and never held. `held` waits for approvals or a rejection. */
export type HoldStatus = 'held' | 'released' | 'rejected' | 'alerted';
export type HoldDecisionKind = 'approve' | 'reject';

export interface HoldDecision {
  /** The API key (person) that decided. */
  keyId: string;
  decision: HoldDecisionKind;
  comment: string;
  at: string;
}

export interface NewHold {
  id: string;
  orgId: string;
  mode: HoldMode;
  reference: string;
  format: string;
  originator: string;
  /** Decimal amount and currency, for reports. */
  amount: string;
  currency: string;
  risk: string;
  score: number;
  /** The verdict's reasons, as screening gave them. */
  reasons: readonly Record<string, unknown>[];
  /** The message text as submitted, so a released payment can be learned and re-examined. */
  message: string;
  /** Key that submitted the payment for screening; it may never approve the hold. */
  submittedBy: string | null;
  createdAt: string;
  /** Distinct approvals (other people than the submitter) needed to release: 1 or 2. */
  approvalsRequired: number;
}

export interface PaymentHold extends NewHold {
  status: HoldStatus;
  /** When the hold was released or rejected. */
  decidedAt: string | null;
  /** The STIX incident the hold was shared as, if it was. */
  sharedAs: string | null;
  decisions: HoldDecision[];
}

export interface HoldQuery {
  orgId: string;
  status?: HoldStatus;
  /** Holds created or decided in [from, to) (RFC 3339 instants). */
  from?: string;
  to?: string;
  /** Keyset cursor: holds created after this (createdAt, id). */
  after?: { createdAt: string; id: string };
  /** Default 1,000, at most 10,000. */
  limit?: number;
}

export interface DecideInput {
  id: string;
  /** The deciding person's organisation: a hold of another organisation is not found. */
  orgId: string;
  keyId: string;
  decision: HoldDecisionKind;
  comment: string;
  at: string;
}

export interface PaymentHoldStore {
  /** Stores all holds or none. */
  addHolds(holds: readonly NewHold[]): Promise<void>;
  /** The hold with its decisions; undefined when it does not exist or belongs to another organisation. */
  getHold(id: string, orgId: string): Promise<PaymentHold | undefined>;
  /** Holds in (createdAt, id) order. */
  listHolds(query: HoldQuery): Promise<PaymentHold[]>;
  /**
   * Records one person's decision atomically: a rejection rejects the hold; the approval that reaches
   * `approvalsRequired` releases it. Refused (nothing changes): PAYMENT_HOLD_NOT_FOUND (none in that
   * organisation), PAYMENT_HOLD_CLOSED (not held), PAYMENT_HOLD_OWN (the submitter approving),
   * PAYMENT_HOLD_TWICE (this key already decided). Concurrent approvals never lose one another.
   */
  decideHold(input: DecideInput): Promise<PaymentHold>;
  /** Notes the STIX incident a hold was shared as. */
  setHoldShared(id: string, orgId: string, stixId: string): Promise<void>;
}
