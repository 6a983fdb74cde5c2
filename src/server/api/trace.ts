/**
 * POST /trace and GET /trace/paths: the `trace --json` shape of DESIGN.md (with the "where did it
 * end up" summary) and path search, over the data directory's graph store, labelled with what the
 * caller may read. The trace itself is `traceRequest`, the function `bulwark trace` calls.
 */
import { z } from 'zod';
import { paths, traceRequest } from '../../trace/index.ts';
import { defineRoute } from './api-route.ts';
import { servedGraph } from './trace-graph.ts';
import { labelsFor } from './trace-labels.ts';

const Address = z.string().min(1).max(128).describe('An address as its chain writes it (0x… for Ethereum)');
const Amount = z.string().regex(/^\d+$/).describe('Decimal string in the base unit (wei, satoshi)');
const Chain = z.enum(['ethereum', 'bitcoin']);

const TracedAddress = z.object({
  address: z.string(),
  asset: z.string(),
  received: Amount,
  holding: Amount,
  hops: z.number().int(),
  labels: z.array(z.string()),
});
const TracedTransfer = z.object({
  chain: Chain,
  row: z.number().int(),
  tx: z.string(),
  from: z.string(),
  to: z.string(),
  asset: z.string(),
  value: Amount,
  taint: Amount,
  time: z.number().int(),
});
const Endpoint = z.object({
  address: z.string(),
  asset: z.string(),
  category: z.string(),
  name: z.string(),
  received: Amount,
  hops: z.number().int(),
  path: z.array(z.string()),
});
const Destination = z.object({
  category: z.string().describe("A label's category, 'held', 'fees' or 'unknown'"),
  name: z.string(),
  asset: z.string(),
  value: Amount,
  addresses: z.number().int(),
  paths: z.array(z.object({ to: z.string(), value: Amount, path: z.array(z.string()) })),
});
const TraceResult = z.object({
  model: z.enum(['poison', 'haircut', 'fifo']),
  direction: z.enum(['forward', 'backward']),
  chain: Chain,
  seeds: z.array(z.string()),
  addresses: z.array(TracedAddress),
  transfers: z.array(TracedTransfer),
  endpoints: z.array(Endpoint),
  totals: z.array(z.object({ asset: z.string(), seeded: Amount, fees: Amount, belowThreshold: Amount })),
  summary: z.array(Destination).describe('Where did it end up: traced value by destination, with paths'),
  examined: z.number().int(),
  transferCount: z.number().int(),
});

const TraceBody = z.strictObject({
  seeds: z.array(Address).min(1).max(1000),
  model: z.enum(['poison', 'haircut', 'fifo']).default('haircut'),
  hops: z.number().int().min(0).max(64).default(6),
  direction: z.enum(['forward', 'backward']).default('forward'),
  min_value: z
    .union([z.number().int().min(0), z.string().regex(/^\d+$/)])
    .optional()
    .describe('Transfers carrying less taint (base units) are not followed'),
  chain: Chain.optional().describe('By default the chain of the first seed'),
  since: z.number().int().min(0).optional().describe('Unix seconds: value moved before is not traced'),
  asset: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .describe("Ethereum: one asset only ('ETH' or a token contract)"),
  max_transfers: z.number().int().min(0).max(100_000).default(10_000).describe('Transfers listed at most'),
});

export const traceRoute = defineRoute({
  method: 'POST',
  path: '/trace',
  summary: 'Follow value from seed addresses through the transaction graph (poison, haircut or FIFO)',
  tag: 'tracing',
  role: 'reader',
  body: TraceBody,
  response: TraceResult,
  handle: async ({ body, caller, ctx }) => {
    const graph = servedGraph(ctx.graphDir);
    const labelsOf = await labelsFor(ctx, caller);
    return traceRequest(
      graph,
      {
        seeds: body.seeds,
        model: body.model,
        hops: body.hops,
        direction: body.direction,
        maxTransfers: body.max_transfers,
        ...(body.min_value !== undefined ? { minValue: Number(body.min_value) } : {}),
        ...(body.chain !== undefined ? { chain: body.chain } : {}),
        ...(body.since !== undefined ? { since: body.since } : {}),
        ...(body.asset !== undefined ? { asset: body.asset } : {}),
      },
      labelsOf,
    );
  },
});

const PathStep = z.object({ from: z.string(), to: z.string(), row: z.number().int() });

export const tracePathsRoute = defineRoute({
  method: 'GET',
  path: '/trace/paths',
  summary:
    'A time-ordered path of fewest hops along which value could have moved from one address to another',
  tag: 'tracing',
  role: 'reader',
  query: z.strictObject({
    from: Address,
    to: Address,
    hops: z.coerce.number().int().min(1).max(64).default(6),
    chain: Chain.optional(),
  }),
  response: z.object({
    from: z.string(),
    to: z.string(),
    found: z.boolean(),
    steps: z.array(PathStep).describe('Each step after the one before it; empty when not found'),
  }),
  handle: async ({ query, ctx }) => {
    const graph = servedGraph(ctx.graphDir);
    const steps = paths({
      graph,
      from: query.from,
      to: query.to,
      maxHops: query.hops,
      ...(query.chain !== undefined ? { chain: query.chain } : {}),
    });
    return { from: query.from, to: query.to, found: steps !== undefined, steps: steps ?? [] };
  },
});
