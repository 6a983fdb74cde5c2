/**
 * GET /stats/activity?days=N: versions the hub took per UTC day and TLP over the last N days, and per
 * community of the caller, counted over what the caller may read (the store filters in the query), so
 * the dashboard's chart never reveals the volume of what is hidden.
 */
import { z } from 'zod';
import type { TlpLevel } from '../../store/index.ts';
import { scopeFor } from './api-context.ts';
import { defineRoute } from './api-route.ts';

const DAY_MS = 86_400_000;
const TLPS: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

const Day = z.object({
  day: z.string().describe('UTC date, YYYY-MM-DD'),
  total: z.number(),
  by_tlp: z.record(z.string(), z.number()),
});

/** The UTC days from `first` to `last` inclusive, oldest first, each with zero counts. */
function emptyDays(first: number, count: number): Map<string, z.infer<typeof Day>> {
  const days = new Map<string, z.infer<typeof Day>>();
  for (let i = 0; i < count; i++) {
    const day = new Date(first + i * DAY_MS).toISOString().slice(0, 10);
    days.set(day, { day, total: 0, by_tlp: Object.fromEntries(TLPS.map((t) => [t, 0])) });
  }
  return days;
}

export const statsActivityRoute = defineRoute({
  method: 'GET',
  path: '/stats/activity',
  summary: 'New and revised objects per UTC day and TLP that the caller may read, over the last N days',
  tag: 'objects',
  role: 'reader',
  query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
  response: z.object({
    days: z.array(Day),
    by_community: z
      .array(z.object({ id: z.string(), name: z.string(), count: z.number() }))
      .describe(
        "Over the window: versions shared to each of the caller's communities (others are not named)",
      ),
  }),
  handle: async ({ query, caller, ctx }) => {
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const first = today - (query.days - 1) * DAY_MS;
    const days = emptyDays(first, query.days);
    const communities = await ctx.store.members.communitiesOf(caller.orgId);
    const shared = new Map(communities.map((c) => [c.id, 0]));
    const stream = ctx.store.stream({
      scope: scopeFor(caller),
      versions: { kind: 'all' },
      addedAfter: new Date(first - 1).toISOString(),
    });
    for await (const v of stream) {
      if (v.type === 'marking-definition') continue;
      const d = days.get(v.dateAdded.slice(0, 10));
      if (!d) continue;
      d.total++;
      d.by_tlp[v.tlp] = (d.by_tlp[v.tlp] ?? 0) + 1;
      for (const c of v.audience.communities) {
        const n = shared.get(c);
        if (n !== undefined) shared.set(c, n + 1);
      }
    }
    const byCommunity = communities.map((c) => ({ id: c.id, name: c.name, count: shared.get(c.id) ?? 0 }));
    return { days: [...days.values()], by_community: byCommunity };
  },
});
