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
  handle: async ({ caller, ctx }) => {
    const byType: Record<string, number> = {};
    const byTlp: Record<string, number> = {};
    let total = 0;
    for await (const v of ctx.store.stream({ scope: scopeFor(caller), versions: { kind: 'latest' } })) {
      total++;
      byType[v.type] = (byType[v.type] ?? 0) + 1;
      byTlp[v.tlp] = (byTlp[v.tlp] ?? 0) + 1;
    }
    return { total, by_type: byType, by_tlp: byTlp };
  },
});
