/** POST /api/v1/trace and GET /api/v1/trace/paths, as the hub's OpenAPI document names them. */
import { apiGet, apiPost } from '../api.ts';
import type { TraceRequest, TraceResult } from './trace-types.ts';

export const runTrace = (request: TraceRequest): Promise<TraceResult> =>
  apiPost<TraceResult>('/trace', request);

/**
 * GET /trace/paths: the k best time-ordered paths between two addresses (fewest hops, then largest
 * bottleneck); `steps` are the best one's. `paths` is absent from hubs older than top-k search.
 */
export interface PathAnswer {
  from: string;
  to: string;
  found: boolean;
  steps: { from: string; to: string; row: number }[];
  paths?: { hops: number; asset: string; bottleneck: string }[];
}

export const tracePath = (from: string, to: string, hops: number): Promise<PathAnswer> =>
  apiGet<PathAnswer>(
    `/trace/paths?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&hops=${Math.max(1, Math.min(64, hops))}`,
  );
