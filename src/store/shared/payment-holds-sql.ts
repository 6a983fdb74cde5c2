/**
 * Payment holds written once for both backends: each operation is a flow (a generator) that yields
 * SQL steps with `?` placeholders and receives their rows; the SQLite adapter runs it synchronously
 * inside one transaction, the PostgreSQL adapter asynchronously on one client inside one.
 */
import { BulwarkError } from '../../errors/index.ts';
import type {
  DecideInput,
  HoldDecision,
  HoldQuery,
  NewHold,
  PaymentHold,
  PaymentHoldStore,
} from '../payment-holds-types.ts';

export interface Step {
  sql: string;
  params: readonly unknown[];
}

export interface StepResult {
  rows: Record<string, unknown>[];
  changes: number;
}

export type Flow<T> = Generator<Step, T, StepResult>;

/** `?` to `$1, $2…` for pg (no statement here has a `?` inside a literal). */
export function pgText(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const HOLD_COLUMNS = `id, org_id as "orgId", mode, status, reference, format, originator, amount, currency,
  risk, score, reasons, message, submitted_by as "submittedBy", created_at as "createdAt",
  approvals_required as "approvalsRequired", decided_at as "decidedAt", shared_as as "sharedAs"`;
const DECISION_COLUMNS = 'hold_id as "holdId", key_id as "keyId", decision, comment, at';
const MAX_LIMIT = 10_000;

function toHold(row: Record<string, unknown>, decisions: HoldDecision[]): PaymentHold {
  return {
    ...(row as unknown as Omit<PaymentHold, 'reasons' | 'decisions'>),
    score: Number(row.score),
    approvalsRequired: Number(row.approvalsRequired),
    reasons: JSON.parse(row.reasons as string) as Record<string, unknown>[],
    decisions,
  };
}

function* withDecisions(rows: Record<string, unknown>[]): Flow<PaymentHold[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id as string);
  const { rows: found } = yield {
    sql: `select ${DECISION_COLUMNS} from payment_hold_decisions where hold_id in (${ids.map(() => '?').join(', ')}) order by at, key_id`,
    params: ids,
  };
  const byHold = new Map<string, HoldDecision[]>();
  for (const d of found) {
    const list = byHold.get(d.holdId as string) ?? [];
    list.push({
      keyId: d.keyId as string,
      decision: d.decision as HoldDecision['decision'],
      comment: d.comment as string,
      at: d.at as string,
    });
    byHold.set(d.holdId as string, list);
  }
  return rows.map((r) => toHold(r, byHold.get(r.id as string) ?? []));
}

export function* addHoldsFlow(holds: readonly NewHold[]): Flow<void> {
  for (const h of holds) {
    yield {
      sql: `insert into payment_holds (id, org_id, mode, status, reference, format, originator, amount, currency,
        risk, score, reasons, message, submitted_by, created_at, approvals_required)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [
        h.id,
        h.orgId,
        h.mode,
        h.mode === 'blocking' ? 'held' : 'alerted',
        h.reference,
        h.format,
        h.originator,
        h.amount,
        h.currency,
        h.risk,
        h.score,
        JSON.stringify(h.reasons),
        h.message,
        h.submittedBy,
        h.createdAt,
        h.approvalsRequired,
      ],
    };
  }
}

export function* getHoldFlow(id: string, orgId: string): Flow<PaymentHold | undefined> {
  const { rows } = yield {
    sql: `select ${HOLD_COLUMNS} from payment_holds where id = ? and org_id = ?`,
    params: [id, orgId],
  };
  return (yield* withDecisions(rows))[0];
}

export function* listHoldsFlow(q: HoldQuery): Flow<PaymentHold[]> {
  const where = ['org_id = ?'];
  const params: unknown[] = [q.orgId];
  if (q.status !== undefined) {
    where.push('status = ?');
    params.push(q.status);
  }
  if (q.from !== undefined || q.to !== undefined) {
    const from = q.from ?? '';
    const to = q.to ?? '\uffff';
    where.push('((created_at >= ? and created_at < ?) or (decided_at >= ? and decided_at < ?))');
    params.push(from, to, from, to);
  }
  if (q.after !== undefined) {
    where.push('(created_at > ? or (created_at = ? and id > ?))');
    params.push(q.after.createdAt, q.after.createdAt, q.after.id);
  }
  const limit = Math.min(Math.max(1, Math.trunc(q.limit ?? 1000)), MAX_LIMIT);
  const { rows } = yield {
    sql: `select ${HOLD_COLUMNS} from payment_holds where ${where.join(' and ')} order by created_at, id limit ${limit}`,
    params,
  };
  return yield* withDecisions(rows);
}

function refusal(
  code: ConstructorParameters<typeof BulwarkError>[0],
  id: string,
  message: string,
  hint: string,
): BulwarkError {
  return new BulwarkError(code, message, { objectId: id, hint });
}

export function* decideHoldFlow(d: DecideInput): Flow<PaymentHold> {
  // A no-op update first: on PostgreSQL it locks the row, so concurrent decisions on one hold queue up
  // and each sees the approvals committed before it (SQLite's write transaction is already exclusive).
  const touched = yield {
    sql: 'update payment_holds set status = status where id = ? and org_id = ?',
    params: [d.id, d.orgId],
  };
  if (touched.changes === 0) {
    throw refusal(
      'PAYMENT_HOLD_NOT_FOUND',
      d.id,
      `No payment hold ${d.id} here`,
      'List holds with GET /api/v1/payments/holds',
    );
  }
  const hold = (yield* getHoldFlow(d.id, d.orgId)) as PaymentHold;
  if (hold.status !== 'held') {
    throw refusal(
      'PAYMENT_HOLD_CLOSED',
      d.id,
      `Payment hold ${d.id} is ${hold.status}, not held`,
      'Only a held payment waits for decisions',
    );
  }
  if (d.decision === 'approve' && hold.submittedBy === d.keyId) {
    throw refusal(
      'PAYMENT_HOLD_OWN',
      d.id,
      'The person who submitted a payment cannot approve its hold',
      'Another person (another API key) of the organisation must approve it',
    );
  }
  if (hold.decisions.some((x) => x.keyId === d.keyId)) {
    throw refusal(
      'PAYMENT_HOLD_TWICE',
      d.id,
      `Key ${d.keyId} has already decided on hold ${d.id}`,
      'A second approval must come from another person',
    );
  }
  yield {
    sql: 'insert into payment_hold_decisions (hold_id, key_id, decision, comment, at) values (?, ?, ?, ?, ?)',
    params: [d.id, d.keyId, d.decision, d.comment, d.at],
  };
  const approvals =
    hold.decisions.filter((x) => x.decision === 'approve').length + (d.decision === 'approve' ? 1 : 0);
  const status =
    d.decision === 'reject' ? 'rejected' : approvals >= hold.approvalsRequired ? 'released' : 'held';
  if (status !== 'held') {
    yield {
      sql: 'update payment_holds set status = ?, decided_at = ? where id = ?',
      params: [status, d.at, d.id],
    };
  }
  return (yield* getHoldFlow(d.id, d.orgId)) as PaymentHold;
}

export function* setHoldSharedFlow(id: string, orgId: string, stixId: string): Flow<void> {
  const { changes } = yield {
    sql: 'update payment_holds set shared_as = ? where id = ? and org_id = ?',
    params: [stixId, id, orgId],
  };
  if (changes === 0) {
    throw refusal(
      'PAYMENT_HOLD_NOT_FOUND',
      id,
      `No payment hold ${id} here`,
      'List holds with GET /api/v1/payments/holds',
    );
  }
}

/**
 * The store operations, each one flow: an adapter only says how a flow runs (`run`: one transaction
 * on its backend), so the two adapters cannot drift apart in what they offer.
 */
export abstract class FlowPaymentHolds implements PaymentHoldStore {
  protected abstract run<T>(flow: Flow<T>): Promise<T>;

  addHolds(holds: readonly NewHold[]): Promise<void> {
    return this.run(addHoldsFlow(holds));
  }
  getHold(id: string, orgId: string): Promise<PaymentHold | undefined> {
    return this.run(getHoldFlow(id, orgId));
  }
  listHolds(query: HoldQuery): Promise<PaymentHold[]> {
    return this.run(listHoldsFlow(query));
  }
  decideHold(input: DecideInput): Promise<PaymentHold> {
    return this.run(decideHoldFlow(input));
  }
  setHoldShared(id: string, orgId: string, stixId: string): Promise<void> {
    return this.run(setHoldSharedFlow(id, orgId, stixId));
  }
}
