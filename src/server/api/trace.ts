/**
 * POST /trace and GET /trace/paths: the `trace --json` shape of DESIGN.md (with the "where did it
 * end up" summary) and top-k path search (`bulwark trace path`'s answer), over the data directory's graph store, labelled with what the
 * caller may read. The trace itself is `traceRequest`, the function `bulwark trace` calls: forward,
 * it goes on through the mixers and bridges the caller sees labelled (off with `through_mixers` /
 * `through_bridges: false`), listing each matched crossing with its confidence in `links`.
 */
import { z } from 'zod';
import {
  DEFAULT_BRIDGE_FEE,
  DEFAULT_BRIDGE_WINDOW,
  DEFAULT_MIXER_WINDOW,
  DEFAULT_PATHS,
  MAX_PATH_HOPS,
  MAX_PATHS,
  pathRequest,
  traceRequest,
} from '../../trace/index.ts';
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
const LinkKind = z.enum(['mixer', 'bridge']);
const Confidence = z.number().min(0).max(1);
const Crossings = z
  .array(z.object({ at: z.number().int(), kind: LinkKind, confidence: Confidence }))
  .optional()
  .describe('Steps of the path that cross a mixer or bridge by a matched link (path[at − 1] → path[at])');
/** One row of the graph as an answer names it. */
const ChainRow = z.object({
  chain: Chain,
  row: z.number().int(),
  tx: z.string(),
  from: z.string(),
  to: z.string(),
  asset: z.string(),
  value: Amount,
  time: z.number().int(),
});
const TracedTransfer = ChainRow.extend({
  taint: Amount,
  link: z
    .object({ kind: LinkKind, confidence: Confidence })
    .optional()
    .describe('A matched mixer withdrawal or bridge release, and its confidence'),
});
const Endpoint = z.object({
  address: z.string(),
  asset: z.string(),
  category: z.string(),
  name: z.string(),
  received: Amount,
  hops: z.number().int(),
  path: z.array(z.string()),
  crossings: Crossings,
});
const Destination = z.object({
  category: z.string().describe("A label's category, 'held', 'fees' or 'unknown'"),
  name: z.string(),
  asset: z.string(),
  value: Amount,
  addresses: z.number().int(),
  received: Amount.optional().describe('A mixer or bridge the trace went through: all that went in'),
  passedOn: Amount.optional().describe('…of which this left by matched links (value: what stayed)'),
  paths: z.array(
    z.object({ to: z.string(), value: Amount, path: z.array(z.string()), crossings: Crossings }),
  ),
});
const LinkDeposit = z.object({
  chain: Chain,
  row: z.number().int(),
  tx: z.string(),
  to: z.string(),
  asset: z.string(),
  value: Amount,
  taint: Amount,
  time: z.number().int(),
});
const ServiceLink = z.object({
  kind: LinkKind,
  service: z.string().describe("The mixer's or bridge's name, as the caller's label gives it"),
  deposits: z.array(LinkDeposit).describe('The tainted deposits the match rests on'),
  withdrawal: ChainRow,
  candidates: z.number().int().describe('Deposits (mixer) or releases (bridge) that could match'),
  confidence: Confidence.describe('Mixer: tainted share of the anonymity set; bridge: 1 / candidates'),
  carried: Amount.describe("Taint the link carries on, in the withdrawal's asset"),
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
  links: z.array(ServiceLink).describe('Matched crossings of mixers and bridges'),
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
  through_mixers: z
    .boolean()
    .default(true)
    .describe('Forward: go on through mixers the caller sees labelled, by deposit/withdrawal matching'),
  mixer_window: z
    .number()
    .int()
    .min(1)
    .max(366 * 24 * 3600)
    .default(DEFAULT_MIXER_WINDOW)
    .describe('Seconds a mixer deposit stays a candidate for a withdrawal'),
  through_bridges: z
    .boolean()
    .default(true)
    .describe('Forward: go on through bridges the caller sees labelled, deposit to release'),
  bridge_window: z
    .number()
    .int()
    .min(1)
    .max(366 * 24 * 3600)
    .default(DEFAULT_BRIDGE_WINDOW)
    .describe('Seconds after a bridge deposit its release may come'),
  bridge_fee: z
    .number()
    .min(0)
    .max(0.5)
    .default(DEFAULT_BRIDGE_FEE)
    .describe('Share a bridge release may fall short of its deposit by'),
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
        throughMixers: body.through_mixers,
        mixerWindow: body.mixer_window,
        throughBridges: body.through_bridges,
        bridgeWindow: body.bridge_window,
        bridgeFee: body.bridge_fee,
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
const PathTransfer = z.object({
  chain: Chain,
  row: z.number().int(),
  tx: z.string(),
  time: z.number().int(),
  from: z.string(),
  to: z.string(),
  asset: z.string(),
  value: Amount.describe('What the row moved: the Ethereum transfer, or the Bitcoin output paying `to`'),
  capacity: Amount.describe("The most this step could carry (Bitcoin: also at most the payer's inputs)"),
});
const FoundPath = z.object({
  hops: z.number().int(),
  asset: z.string(),
  bottleneck: Amount.describe('The most that could have flowed along the path: the least of its steps'),
  addresses: z.array(z.object({ address: z.string(), labels: z.array(z.string()) })),
  transfers: z.array(PathTransfer).describe('One per hop, each after the one before it'),
});

export const tracePathsRoute = defineRoute({
  method: 'GET',
  path: '/trace/paths',
  summary:
    'The k best time-ordered paths along which value could have moved from one address to another (fewest hops, then largest bottleneck)',
  tag: 'tracing',
  role: 'reader',
  query: z.strictObject({
    from: Address,
    to: Address,
    hops: z.coerce.number().int().min(1).max(MAX_PATH_HOPS).default(6),
    k: z.coerce.number().int().min(1).max(MAX_PATHS).default(DEFAULT_PATHS).describe('Paths wanted'),
    chain: Chain.optional(),
    asset: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .describe("Ethereum: one asset only ('ETH' or a token contract); a path keeps to one asset either way"),
    since: z.coerce.number().int().min(0).optional().describe('Unix seconds: transfers before are not used'),
  }),
  response: z.object({
    from: z.string(),
    to: z.string(),
    chain: Chain,
    hops: z.number().int(),
    k: z.number().int(),
    found: z.boolean(),
    steps: z
      .array(PathStep)
      .describe("The best path's steps (each after the one before it); empty when none"),
    paths: z
      .array(FoundPath)
      .describe(
        'Best first: fewest hops, then largest bottleneck, then earliest arrival; distinct address sequences',
      ),
    truncated: z.boolean().describe("The search's budget ran out: a better path than some listed may exist"),
    states: z.number().int().describe('Partial paths the search made'),
    examined: z.number().int().describe('Rows the search looked at'),
  }),
  handle: async ({ query, caller, ctx }) => {
    const graph = servedGraph(ctx.graphDir);
    const labelsOf = await labelsFor(ctx, caller);
    return pathRequest(
      {
        graph,
        from: query.from,
        to: query.to,
        maxHops: query.hops,
        k: query.k,
        ...(query.chain !== undefined ? { chain: query.chain } : {}),
        ...(query.asset !== undefined ? { asset: query.asset } : {}),
        ...(query.since !== undefined ? { since: query.since } : {}),
      },
      labelsOf,
    );
  },
});
