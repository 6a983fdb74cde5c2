/**
 * GET /clusters/{address}: the cluster of an address (stable id, size, members, the merges that
 * made it and, with `with`, why two addresses are one entity), from the clusters `bulwark cluster
 * build` keeps beside the data directory's graph. Chain data, not hub intelligence: it carries no
 * labels, so every reader sees the same answer. One reloading source per graph also feeds the
 * `same-cluster` screening reasons.
 */
import { z } from 'zod';
import { BulwarkError } from '../../errors/index.ts';
import { ClusterSource, type ClusterView } from '../../trace/cluster/index.ts';
import { defineRoute } from './api-route.ts';

const sources = new Map<string, ClusterSource>();

/** The reloading cluster source of a served graph directory (one per process and directory). */
export function clusterSourceOf(graphDir: string): ClusterSource {
  let source = sources.get(graphDir);
  if (!source) {
    source = new ClusterSource(graphDir);
    sources.set(graphDir, source);
  }
  return source;
}

/** Closes the source of one graph directory (its server is closing); a later reader opens a new one. */
export function closeClusterSource(graphDir: string): void {
  sources.get(graphDir)?.close();
  sources.delete(graphDir);
}

/** Closes what the sources opened (server shutdown, tests). */
export function closeClusterSources(): void {
  for (const s of sources.values()) s.close();
  sources.clear();
}

function servedClusters(graphDir: string | undefined): ClusterView {
  const view = graphDir === undefined ? undefined : clusterSourceOf(graphDir).current();
  if (!view) {
    throw new BulwarkError('CLUSTER_MISSING', 'this hub has no address clusters', {
      hint: 'Ingest a chain and run bulwark cluster build --data DIR on the data directory the hub serves',
    });
  }
  return view;
}

const Address = z.string().min(1).max(128).describe('A Bitcoin or Ethereum address as its chain writes it');
const Limit = (max: number, fallback: number) => z.coerce.number().int().min(0).max(max).default(fallback);

const Reason = z.object({
  heuristic: z.enum(['multi-input', 'change', 'deposit']),
  change: z.array(z.enum(['one-time', 'non-round', 'optimal'])).optional(),
  chain: z.enum(['bitcoin', 'ethereum']),
  from: z.string(),
  to: z.string(),
  tx: z.string(),
  block: z.number().int().nullable(),
});

const Cluster = z.object({
  address: z.string(),
  id: z.number().int().describe('Stable cluster id: changes only when the cluster merges into a larger one'),
  root: z.string(),
  size: z.number().int(),
  merges: z.object({ 'multi-input': z.number().int(), change: z.number().int(), deposit: z.number().int() }),
  members: z.array(z.string()),
  membersTruncated: z.boolean(),
  reasons: z.array(Reason),
  reasonsTruncated: z.boolean(),
  with: z.string().optional(),
  why: z
    .array(Reason)
    .nullable()
    .optional()
    .describe('The merges joining the address to `with`, in order; null when they are not one entity'),
});

export const clusterRoute = defineRoute({
  method: 'GET',
  path: '/clusters/{address}',
  summary: 'The cluster (entity) of an address and the merges that made it',
  tag: 'tracing',
  role: 'reader',
  params: z.object({ address: Address }),
  query: z.strictObject({
    members: Limit(10_000, 100).describe('Members to list'),
    reasons: Limit(10_000, 50).describe('Merge reasons to list'),
    with: Address.optional().describe('Another address: answer why both are one entity'),
  }),
  response: Cluster,
  handle: async ({ params, query, ctx }) => {
    const view = servedClusters(ctx.graphDir);
    const info = view.info(params.address, { members: query.members, reasons: query.reasons });
    if (!info) {
      throw new BulwarkError('NOT_FOUND', `${params.address} is not in the clustered graph`, {
        path: 'address',
        hint: 'Check the address, and that its chain was ingested and clustered',
      });
    }
    if (query.with === undefined) return info;
    return { ...info, with: query.with, why: view.whyTogether(params.address, query.with) ?? null };
  },
});
