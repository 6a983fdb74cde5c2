/** Admin: query the audit log. Reading it is itself an admin action, and audited. */
import { z } from 'zod';
import { auditApi } from './api-context.ts';
import { defineRoute } from './api-route.ts';
import { limitOf } from './schemas.ts';

const Entry = z.object({
  seq: z.number().optional(),
  at: z.string(),
  orgId: z.string().nullable(),
  keyId: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  source: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

export const auditRoute = defineRoute({
  method: 'GET',
  path: '/admin/audit',
  summary: 'Query the audit log, oldest first',
  tag: 'admin',
  role: 'admin',
  query: z.object({
    after: z.coerce.number().int().min(0).optional().describe('Only entries after this seq'),
    org: z.string().trim().min(1).optional().describe('Organisation id'),
    action: z.string().trim().min(1).max(100).optional(),
    outcome: z.enum(['ok', 'denied', 'failed']).optional(),
    limit: limitOf(10_000, 1000),
  }),
  response: z.object({ entries: z.array(Entry) }),
  action: 'audit.query',
  handle: async ({ query, caller, request, ctx }) => {
    const entries = await ctx.store.members.queryAudit({
      ...(query.after !== undefined ? { afterSeq: query.after } : {}),
      ...(query.org ? { orgId: query.org } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.outcome ? { outcome: query.outcome } : {}),
      limit: query.limit,
    });
    await auditApi(ctx, caller, request, { action: 'audit.query', target: null, outcome: 'ok' });
    return { entries };
  },
});
