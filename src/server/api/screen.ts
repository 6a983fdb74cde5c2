/**
 * GET /screen/{address} and POST /screen: the screening answer of DESIGN.md over what the caller may
 * read. One screener per reader scope per store, kept current in the background (`ScreenerCache`),
 * so a request is a lookup, never an index build after the first.
 */
import { z } from 'zod';
import {
  clusterExposureFor,
  RISKS,
  ScreenerCache,
  type ScreenerOptions,
  type ScreenResult,
} from '../../screen/index.ts';
import type { Store } from '../../store/index.ts';
import type { ApiContext, MemberCaller } from './api-context.ts';
import { defineRoute } from './api-route.ts';
import { clusterSourceOf } from './clusters.ts';

const caches = new WeakMap<Store, ScreenerCache>();
const exposures = new WeakMap<Store, ScreenerOptions['exposureFor']>();

/** Indirect exposure (taint) for this store's screeners; set before the first screening request. */
export function setScreeningExposure(store: Store, exposureFor: ScreenerOptions['exposureFor']): void {
  exposures.set(store, exposureFor);
}

/** The screeners of the served store, one per reader scope; tracing reads its labels from them too. */
export function screenerCacheOf({ store, graphDir }: ApiContext): ScreenerCache {
  let cache = caches.get(store);
  if (!cache) {
    const indirect = exposures.get(store);
    // same-cluster reasons from the clusters beside the served graph, with each reader's own labels
    const sameCluster =
      graphDir === undefined ? undefined : clusterExposureFor(() => clusterSourceOf(graphDir).current());
    cache = new ScreenerCache(store, {
      exposureFor: (index) => [...(indirect?.(index) ?? []), ...(sameCluster?.(index) ?? [])],
    });
    caches.set(store, cache);
  }
  return cache;
}

const Reason = z
  .object({
    kind: z.enum(['direct', 'same-cluster', 'indirect']),
    source: z.string(),
    detail: z.string(),
    category: z.string(),
    risk: z.enum(RISKS),
    entities: z.array(z.object({ id: z.string(), type: z.string(), name: z.string() })),
    stix_ids: z.array(z.string()),
    since: z.string().optional(),
    pending: z
      .literal(true)
      .optional()
      .describe(
        'Set on an `indirect` reason saying indirect exposure is still being computed (the taint of the flagged sources has not yet read the whole served chain, e.g. just after start-up or after new sources were labelled): the risk may rise when it has; screen again. Never omitted when the answer may lack indirect exposure.',
      ),
    through_block: z
      .number()
      .int()
      .nullable()
      .optional()
      .describe('With `pending`: height of the last block the taint has read (null: none yet)'),
    head_block: z
      .number()
      .int()
      .nullable()
      .optional()
      .describe('With `pending`: height of the served chain head the taint is reading towards'),
  })
  .loose();
const Result = z.object({ address: z.string(), risk: z.enum(RISKS), reasons: z.array(Reason) });
const Address = z
  .string()
  .min(1)
  .max(256)
  .describe('A wallet address, in any spelling the STIX core accepts');

/** The params of GET /screen/{address}; the fast path (`screen-fast-path.ts`) validates with it too. */
export const ScreenParams = z.object({ address: Address });

/** The answer of GET /screen/{address}; the fast path screens with `screenerCacheOf` too. */
export async function screenOne(
  ctx: ApiContext,
  caller: MemberCaller,
  address: string,
): Promise<ScreenResult> {
  return (await screenerCacheOf(ctx).forCaller(caller)).screen(address);
}

export const screenRoute = defineRoute({
  method: 'GET',
  path: '/screen/{address}',
  summary: 'Risk and reasons of one wallet address, from what the caller may read',
  tag: 'screening',
  role: 'reader',
  params: ScreenParams,
  response: Result,
  handle: ({ params, caller, ctx }) => screenOne(ctx, caller, params.address),
});

export const screenBatchRoute = defineRoute({
  method: 'POST',
  path: '/screen',
  summary: 'Risk and reasons of up to 10,000 wallet addresses, in request order',
  tag: 'screening',
  role: 'reader',
  body: z.object({ addresses: z.array(Address).min(1).max(10_000) }),
  response: z.object({ results: z.array(Result) }),
  handle: async ({ body, caller, ctx }) => ({
    results: (await screenerCacheOf(ctx).forCaller(caller)).screenMany(body.addresses),
  }),
});
