/**
 * /payments: screening of MT103 / pacs.008 messages with holds in blocking mode (alerts in monitoring
 * mode), the organisation's holds and their decisions under the two-person rule, the daily report,
 * the history upload and the approval policy. Holds belong to the caller's organisation: any other
 * organisation's hold is 404.
 */
import { z } from 'zod';
import { BulwarkError } from '../../errors/index.ts';
import type { PaymentHold } from '../../store/index.ts';
import type { MemberCaller } from './api-context.ts';
import { defineRoute } from './api-route.ts';
import {
  type DeskActor,
  decideHold,
  learnMessages,
  screenPayments,
  setApprovalsRequired,
} from './payments-desk.ts';
import { dailyReport } from './payments-report.ts';
import { Tlp } from './schemas.ts';

const Mode = z.enum(['blocking', 'monitoring']);
const Message = z.string().min(1).max(1_000_000);
const Messages = z.array(Message).min(1).max(10_000);
const RawText = z
  .string()
  .min(1)
  .max(50_000_000)
  .describe('MT103 FIN/RJE, pacs.008 XML or JSON lines (text/plain or application/xml)');

const ScreenBody = z.union([
  RawText,
  z.object({
    messages: Messages.describe('Message texts; one text may hold several messages'),
    mode: Mode.optional().describe('blocking (default): flagged payments are held; monitoring: only alerted'),
    share: z.boolean().optional().describe('Share each flagged payment with the community as STIX'),
    tlp: Tlp.optional().describe('Marking of shared objects; default amber'),
  }),
]);
const ScreenQuery = z.object({
  mode: Mode.optional(),
  share: z.enum(['true', 'false']).optional(),
  tlp: Tlp.optional(),
});

const Reason = z
  .object({ kind: z.string(), source: z.string(), detail: z.string(), weight: z.number() })
  .loose();
const Verdict = z.object({
  index: z.int(),
  reference: z.string(),
  risk: z.enum(['severe', 'high', 'medium', 'low', 'none']),
  score: z.number(),
  reasons: z.array(Reason),
  hold: z.object({ id: z.string(), status: z.string(), approvals_required: z.int() }).optional(),
  shared_as: z.string().optional(),
});
const Failure = z.object({
  index: z.int(),
  error: z.object({
    code: z.string(),
    message: z.string(),
    path: z.string().optional(),
    line: z.int().optional(),
  }),
});
const ScreenResponse = z.object({
  mode: Mode,
  screened: z.int(),
  released: z.int(),
  held: z.int(),
  alerted: z.int(),
  failed: z.int(),
  results: z.array(z.union([Verdict, Failure])),
});

const Hold = z.object({
  id: z.string(),
  mode: Mode,
  status: z.enum(['held', 'released', 'rejected', 'alerted']),
  reference: z.string(),
  format: z.string(),
  originator: z.string(),
  amount: z.string(),
  currency: z.string(),
  risk: z.string(),
  score: z.number(),
  reasons: z.array(Reason),
  submitted_by: z.string().nullable(),
  created_at: z.string(),
  approvals_required: z.int(),
  decided_at: z.string().nullable(),
  shared_as: z.string().nullable(),
  decisions: z.array(
    z.object({
      key_id: z.string(),
      decision: z.enum(['approve', 'reject']),
      comment: z.string(),
      at: z.string(),
    }),
  ),
});
const HoldId = z.object({ id: z.string().min(1).max(100) });

function holdJson(h: PaymentHold): z.infer<typeof Hold> {
  return {
    id: h.id,
    mode: h.mode,
    status: h.status,
    reference: h.reference,
    format: h.format,
    originator: h.originator,
    amount: h.amount,
    currency: h.currency,
    risk: h.risk,
    score: h.score,
    reasons: h.reasons as z.infer<typeof Reason>[],
    submitted_by: h.submittedBy,
    created_at: h.createdAt,
    approvals_required: h.approvalsRequired,
    decided_at: h.decidedAt,
    shared_as: h.sharedAs,
    decisions: h.decisions.map((d) => ({
      key_id: d.keyId,
      decision: d.decision,
      comment: d.comment,
      at: d.at,
    })),
  };
}

const actorOf = (caller: MemberCaller, ip: string): DeskActor & { keyId: string } => ({
  orgId: caller.orgId,
  keyId: caller.userId,
  source: ip,
});

function holdNotFound(id: string): BulwarkError {
  return new BulwarkError('PAYMENT_HOLD_NOT_FOUND', `No payment hold ${id} here`, {
    objectId: id,
    hint: 'List your organisation’s holds with GET /api/v1/payments/holds',
  });
}

export const paymentsScreenRoute = defineRoute({
  method: 'POST',
  path: '/payments/screen',
  summary:
    'Screen payment messages; flagged ones are held for a second person (blocking) or alerted (monitoring)',
  tag: 'payments',
  role: 'contributor',
  query: ScreenQuery,
  body: ScreenBody,
  response: ScreenResponse,
  action: 'payment.screen',
  handle: async ({ body, query, caller, request, ctx }) => {
    const json = typeof body === 'string' ? undefined : body;
    return screenPayments(ctx.store, actorOf(caller, request.ip), {
      messages: json ? json.messages : [body as string],
      mode: json?.mode ?? query.mode ?? 'blocking',
      share: json?.share ?? query.share === 'true',
      tlp: json?.tlp ?? query.tlp ?? 'amber',
    });
  },
});

export const paymentHoldsRoute = defineRoute({
  method: 'GET',
  path: '/payments/holds',
  summary: 'The organisation’s payment holds and alerts, oldest first',
  tag: 'payments',
  role: 'reader',
  query: z.object({
    status: z.enum(['held', 'released', 'rejected', 'alerted']).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
  }),
  response: z.object({ holds: z.array(Hold) }),
  handle: async ({ query, caller, ctx }) => {
    const holds = await ctx.store.payments.listHolds({
      orgId: caller.orgId,
      ...(query.status ? { status: query.status } : {}),
      ...(query.limit ? { limit: query.limit } : {}),
    });
    return { holds: holds.map(holdJson) };
  },
});

export const paymentHoldRoute = defineRoute({
  method: 'GET',
  path: '/payments/holds/{id}',
  summary: 'One payment hold of the organisation with its decisions',
  tag: 'payments',
  role: 'reader',
  params: HoldId,
  response: Hold,
  handle: async ({ params, caller, ctx }) => {
    const hold = await ctx.store.payments.getHold(params.id, caller.orgId);
    if (!hold) throw holdNotFound(params.id);
    return holdJson(hold);
  },
});

export const paymentDecisionRoute = defineRoute({
  method: 'POST',
  path: '/payments/holds/{id}/decision',
  summary: 'Approve or reject a held payment (never one’s own; each person once)',
  tag: 'payments',
  role: 'contributor',
  params: HoldId,
  body: z.object({
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().min(1).max(4096).describe('Why: kept in the hold and the audit log'),
  }),
  response: Hold,
  action: 'payment.decide',
  handle: async ({ params, body, caller, request, ctx }) =>
    holdJson(
      await decideHold(ctx.store, actorOf(caller, request.ip), params.id, body.decision, body.comment),
    ),
});

export const paymentReportRoute = defineRoute({
  method: 'GET',
  path: '/payments/report',
  summary: 'Daily report: what was held, alerted, released and rejected on a UTC day, and why',
  tag: 'payments',
  role: 'reader',
  query: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD') }),
  response: z.object({ day: z.string() }).loose(),
  handle: async ({ query, caller, ctx }) => dailyReport(ctx.store, caller.orgId, query.day),
});

export const paymentHistoryRoute = defineRoute({
  method: 'POST',
  path: '/payments/history',
  summary: 'Teach the organisation’s screening history from past payments released as normal',
  tag: 'payments',
  role: 'contributor',
  body: z.union([RawText, z.object({ messages: Messages })]),
  response: z.object({ learned: z.int(), failed: z.int() }),
  action: 'payment.history',
  handle: async ({ body, caller, ctx }) =>
    learnMessages(ctx.store, caller.orgId, typeof body === 'string' ? [body] : body.messages),
});

export const paymentPolicyRoute = defineRoute({
  method: 'PUT',
  path: '/payments/policy',
  summary: 'How many people other than the submitter must approve a hold: 1 or 2',
  tag: 'payments',
  role: 'admin',
  body: z.object({ approvals: z.union([z.literal(1), z.literal(2)]) }),
  response: z.object({ approvals: z.int() }),
  action: 'payment.policy',
  handle: async ({ body, caller, request, ctx }) => {
    await setApprovalsRequired(ctx.store, actorOf(caller, request.ip), body.approvals);
    return { approvals: body.approvals };
  },
});

export const PAYMENT_ROUTES = [
  paymentsScreenRoute,
  paymentHoldsRoute,
  paymentHoldRoute,
  paymentDecisionRoute,
  paymentReportRoute,
  paymentHistoryRoute,
  paymentPolicyRoute,
];
