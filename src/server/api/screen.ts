/**
 * GET /screen/{address} and POST /screen: the screening answer of DESIGN.md over what the caller may
 * read. One screener per reader scope per store, kept current in the background (`ScreenerCache`),
 * so a request is a lookup, never an index build after the first.
 */
import { z } from 'zod';
import { RISKS, ScreenerCache } from '../../screen/index.ts';
import type { Store } from '../../store/index.ts';
import { defineRoute } from './api-route.ts';

const caches = new WeakMap<Store, ScreenerCache>();

function cacheOf(store: Store): ScreenerCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = new ScreenerCache(store);
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
  })
  .loose();
const Result = z.object({ address: z.string(), risk: z.enum(RISKS), reasons: z.array(Reason) });
const Address = z
  .string()
  .min(1)
  .max(256)
  .describe('A wallet address, in any spelling the STIX core accepts');

export const screenRoute = defineRoute({
  method: 'GET',
  path: '/screen/{address}',
  summary: 'Risk and reasons of one wallet address, from what the caller may read',
  tag: 'screening',
  role: 'reader',
  params: z.object({ address: Address }),
  response: Result,
  handle: async ({ params, caller, ctx }) =>
    (await cacheOf(ctx.store).forCaller(caller)).screen(params.address),
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
    results: (await cacheOf(ctx.store).forCaller(caller)).screenMany(body.addresses),
  }),
});
