/**
 * The payment desk of an organisation, shared by the REST routes and the CLI: screening with a
 * history learned per organisation from the payments it released, holds in blocking mode (alerts in
 * monitoring mode), decisions under the two-person rule, each recorded in the hub's audit log.
 */
import { randomUUID } from 'node:crypto';
import { type AuditInput, audit } from '../../hub/index.ts';
import { type Payment, type PaymentVerdict, parsePayments } from '../../payments/index.ts';
import type { HoldDecisionKind, HoldMode, NewHold, PaymentHold, Store, TlpLevel } from '../../store/index.ts';
import { historyChanged, screenerOf } from './payments-history.ts';
import { sharePaymentHold } from './payments-share.ts';

/** Who acts: the organisation and the person (API key); `keyId` null only for history uploads by the operator. */
export interface DeskActor {
  orgId: string;
  keyId: string | null;
  /** Client address, or `cli`. */
  source: string;
}

export interface ScreenRequest {
  /** Message texts; each may hold several messages (an RJE file, a pacs.008 with several transactions). */
  messages: readonly string[];
  mode: HoldMode;
  share: boolean;
  tlp: TlpLevel;
}

export type ScreenedPayment = PaymentVerdict & {
  index: number;
  hold?: { id: string; status: string; approvals_required: number };
  shared_as?: string;
};

export type ScreenResult =
  | ScreenedPayment
  | { index: number; error: { code: string; message: string; path?: string; line?: number } };

export interface ScreenSummary {
  mode: HoldMode;
  screened: number;
  released: number;
  held: number;
  alerted: number;
  failed: number;
  results: ScreenResult[];
}

const FLAGGED = new Set(['high', 'severe']);
const POLICY_KEY = (orgId: string) => `payments.approvals:${orgId}`;

/** Approvals a hold of this organisation needs: 1 (a second person) unless set to 2 (second and third). */
export async function approvalsRequired(store: Store, orgId: string): Promise<1 | 2> {
  return (await store.getSetting(POLICY_KEY(orgId))) === '2' ? 2 : 1;
}

export async function setApprovalsRequired(store: Store, actor: DeskActor, approvals: 1 | 2): Promise<void> {
  await store.putSetting(POLICY_KEY(actor.orgId), String(approvals));
  await record(store, actor, 'payment.policy', null, { approvals });
}

function record(
  store: Store,
  actor: DeskActor,
  action: string,
  target: string | null,
  detail: Record<string, unknown>,
) {
  const entry: AuditInput = {
    orgId: actor.orgId,
    keyId: actor.keyId,
    action,
    target,
    outcome: 'ok',
    source: actor.source,
    detail,
  };
  return audit(store, entry);
}

async function* parsed(messages: readonly string[]) {
  let index = 0;
  for (const text of messages) {
    for await (const result of parsePayments(text, { source: `messages[${index}]` })) yield { result, text };
    index++;
  }
}

/** Screens every message; flagged ones are held (blocking) or recorded as alerts (monitoring). */
export async function screenPayments(
  store: Store,
  actor: DeskActor,
  request: ScreenRequest,
): Promise<ScreenSummary> {
  const screener = await screenerOf(store, actor.orgId);
  const approvals = await approvalsRequired(store, actor.orgId);
  const summary: ScreenSummary = {
    mode: request.mode,
    screened: 0,
    released: 0,
    held: 0,
    alerted: 0,
    failed: 0,
    results: [],
  };
  const holds: { hold: NewHold; payment: Payment; result: ScreenedPayment }[] = [];
  const now = new Date().toISOString();
  // Learned after the batch: each learn invalidates its corridor's robust summary, re-sorted on next use.
  const released: Payment[] = [];
  let index = 0;
  for await (const { result, text } of parsed(request.messages)) {
    const at = index++;
    if (!result.ok) {
      summary.failed++;
      const e = result.error;
      summary.results.push({
        index: at,
        error: {
          code: e.code,
          message: e.message,
          ...(e.place.path ? { path: e.place.path } : {}),
          ...(e.place.line ? { line: e.place.line } : {}),
        },
      });
      continue;
    }
    summary.screened++;
    const verdict = screener.screen(result.payment);
    const out: ScreenedPayment = { ...verdict, index: at };
    summary.results.push(out);
    if (!FLAGGED.has(verdict.risk)) {
      summary.released++;
      released.push(result.payment);
      continue;
    }
    const hold = newHold(actor, request.mode, result.payment, verdict, text, now, approvals);
    holds.push({ hold, payment: result.payment, result: out });
    out.hold = {
      id: hold.id,
      status: request.mode === 'blocking' ? 'held' : 'alerted',
      approvals_required: approvals,
    };
    if (request.mode === 'blocking') summary.held++;
    else summary.alerted++;
  }
  for (const payment of released) screener.learn(payment);
  if (released.length > 0) await historyChanged(store, actor.orgId);
  if (holds.length > 0) await store.payments.addHolds(holds.map((h) => h.hold));
  for (const { hold } of holds) {
    await record(store, actor, request.mode === 'blocking' ? 'payment.hold' : 'payment.alert', hold.id, {
      reference: hold.reference,
      risk: hold.risk,
      score: hold.score,
      reasons: hold.reasons.map((r) => r.kind),
    });
  }
  if (request.share) {
    for (const h of holds) {
      const stored = { ...h.hold, status: 'held' as const, decidedAt: null, sharedAs: null, decisions: [] };
      h.result.shared_as = await sharePaymentHold(store, actor, stored, h.payment, request.tlp);
      await store.payments.setHoldShared(h.hold.id, actor.orgId, h.result.shared_as);
      await record(store, actor, 'payment.share', h.hold.id, {
        incident: h.result.shared_as,
        tlp: request.tlp,
      });
    }
  }
  await record(store, actor, 'payment.screen', null, {
    mode: request.mode,
    screened: summary.screened,
    held: summary.held,
    alerted: summary.alerted,
    failed: summary.failed,
  });
  return summary;
}

function newHold(
  actor: DeskActor,
  mode: HoldMode,
  p: Payment,
  v: PaymentVerdict,
  text: string,
  at: string,
  approvals: number,
): NewHold {
  return {
    id: `hold_${randomUUID()}`,
    orgId: actor.orgId,
    mode,
    reference: p.reference,
    format: p.format,
    originator:
      `${p.debtorAgent ?? p.senderBic ?? '?'} ${p.debtor.name ?? p.debtor.account?.value ?? ''}`.trim(),
    amount: p.amount.value,
    currency: p.amount.currency,
    risk: v.risk,
    score: v.score,
    reasons: v.reasons.map((r) => ({ ...r })),
    message: messageOf(text, p),
    submittedBy: actor.keyId,
    createdAt: at,
    approvalsRequired: approvals,
  };
}

/** The one message of the payment, so a release learns exactly it (a batch text holds many). */
function messageOf(text: string, p: Payment): string {
  if (p.format !== 'mt103') return text;
  const messages = text.split('$').filter((m) => m.trim() !== '');
  return (messages.length > 1 ? messages.find((m) => m.includes(`:20:${p.reference}`)) : undefined) ?? text;
}

/**
 * One person's decision on a hold. On release, the payment becomes history of its originator. The
 * decision and, when it closes the hold, the release or rejection are audited.
 */
export async function decideHold(
  store: Store,
  actor: DeskActor & { keyId: string },
  id: string,
  decision: HoldDecisionKind,
  comment: string,
): Promise<PaymentHold> {
  const hold = await store.payments.decideHold({
    id,
    orgId: actor.orgId,
    keyId: actor.keyId,
    decision,
    comment,
    at: new Date().toISOString(),
  });
  await record(store, actor, `payment.${decision}`, id, {
    reference: hold.reference,
    comment,
    status: hold.status,
  });
  if (hold.status === 'released') {
    await record(store, actor, 'payment.release', id, {
      reference: hold.reference,
      approvers: hold.decisions.map((d) => d.keyId),
    });
    await learnMessages(store, actor.orgId, [hold.message], hold.reference);
  }
  return hold;
}

/** Adds released or uploaded messages to the organisation's history; answers how many were learned. */
export async function learnMessages(
  store: Store,
  orgId: string,
  messages: readonly string[],
  only?: string,
): Promise<{ learned: number; failed: number }> {
  const screener = await screenerOf(store, orgId);
  let learned = 0;
  let failed = 0;
  for await (const { result } of parsed(messages)) {
    if (!result.ok) failed++;
    else if (only === undefined || result.payment.reference === only) {
      screener.learn(result.payment);
      learned++;
    }
  }
  if (learned > 0) await historyChanged(store, orgId);
  return { learned, failed };
}
