/** GET /stats: counts by type and by TLP of what the caller may read — never the hub's totals. */
import { z } from 'zod';
import { scopeFor } from './api-context.ts';
import { defineRoute } from './api-route.ts';

const Response = z.object({
  total: z.number(),
  by_type: z.record(z.string(), z.number()),
  by_tlp: z.record(z.string(), z.number()),
});

export const statsRoute = defineRoute({
  method: 'GET',
  path: '/stats',
  summary: 'Counts by type and TLP of the objects the caller may read',
  tag: 'objects',
  role: 'reader',
  response: Response,
  // One grouped count in the store, under the same visibility and per-reader latest as every page:
  // reading and tallying every visible object in JavaScript took seconds on a large store.
  handle: async ({ caller, ctx }) => {
    const byType: Record<string, number> = {};
    const byTlp: Record<string, number> = {};
    let total = 0;
    for (const row of await ctx.store.tally({ scope: scopeFor(caller), versions: { kind: 'latest' } })) {
      total += row.count;
      byType[row.type] = (byType[row.type] ?? 0) + row.count;
      byTlp[row.tlp] = (byTlp[row.tlp] ?? 0) + row.count;
    }
    return { total, by_type: byType, by_tlp: byTlp };
  },
});
