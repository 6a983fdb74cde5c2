/**
 * A hub listening on loopback, seeded with members and objects, and a bounded mixed load against it:
 * TAXII pages, REST search, object reads and TAXII POSTs of new indicators, from autocannon in the
 * same process. Shared by the 15-second test and the 2-minute bench (bench/hub-load.bench.ts).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import autocannon from 'autocannon';
import { collectionId, TAXII_MEDIA_TYPE } from '../../src/taxii/index.ts';
import { type ApiHub, openApiHub } from '../api/api-hub.ts';
import { indicator } from '../support/stix-fixtures.ts';

export interface LoadHub {
  hub: ApiHub;
  url: string;
  collection: string;
  seededIds: string[];
}

const SEED = 500;
const POST_BATCH = 10;

function envelope(from: number, count: number): string {
  return JSON.stringify({ objects: Array.from({ length: count }, (_, i) => indicator(from + i, 3)) });
}

export async function openLoadHub(): Promise<LoadHub> {
  const hub = await openApiHub();
  const collection = collectionId('community', hub.communities.banks);
  const posted = await hub.app.inject({
    method: 'POST',
    url: `/taxii2/api/collections/${collection}/objects/`,
    headers: {
      authorization: `Bearer ${hub.keys.bankWriter}`,
      accept: TAXII_MEDIA_TYPE,
      'content-type': TAXII_MEDIA_TYPE,
    },
    payload: envelope(0, SEED),
  });
  if (posted.statusCode !== 202 || posted.json().success_count !== SEED) {
    throw new Error(`seeding the load hub failed: ${posted.statusCode} ${posted.body.slice(0, 300)}`);
  }
  const url = await hub.app.listen({ host: '127.0.0.1', port: 0 });
  const seededIds = Array.from({ length: 50 }, (_, i) => String(indicator(i * 7, 3).id));
  return { hub, url, collection, seededIds };
}

export interface LoadResult {
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  p99Ms: number;
  /** Resident set size sampled every 250 ms over the run, in bytes. */
  rss: number[];
  /**
   * Live memory (V8 heap plus external buffers) right after a full collection, once a second: what a
   * leak would grow. RSS alone also grows when a busy machine makes V8 postpone collections.
   */
  liveAfterGc: number[];
}

/** V8's full collection, reachable without starting node with --expose-gc. */
function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Runs the mixed load for `seconds` over `connections` connections; nothing leaves the loopback. */
export async function runMixedLoad(load: LoadHub, seconds: number, connections = 8): Promise<LoadResult> {
  const { hub, collection, seededIds } = load;
  let next = 1_000_000;
  let read = 0;
  const taxii = { accept: TAXII_MEDIA_TYPE };
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 250);
  const gc = fullGc();
  const liveAfterGc: number[] = [];
  const liveSampler = setInterval(() => {
    gc();
    const m = process.memoryUsage();
    liveAfterGc.push(m.heapUsed + m.external);
  }, 1000);
  const result = await autocannon({
    url: load.url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        path: `/taxii2/api/collections/${collection}/objects/?limit=100`,
        headers: { ...taxii, ...auth(hub.keys.exchangeWriter) },
      },
      { method: 'GET', path: '/api/v1/search?q=10.0.0.7', headers: auth(hub.keys.bankReader) },
      {
        method: 'GET',
        headers: auth(hub.keys.exchangeWriter),
        setupRequest: (request) => ({
          ...request,
          path: `/api/v1/objects/${seededIds[read++ % seededIds.length]}`,
        }),
      },
      {
        method: 'POST',
        path: `/taxii2/api/collections/${collection}/objects/`,
        headers: { ...taxii, 'content-type': TAXII_MEDIA_TYPE, ...auth(hub.keys.bankWriter) },
        setupRequest: (request) => {
          next += POST_BATCH;
          return { ...request, body: envelope(next, POST_BATCH) };
        },
      },
    ],
  });
  clearInterval(sampler);
  clearInterval(liveSampler);
  return {
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    p99Ms: result.latency.p99,
    rss,
    liveAfterGc,
  };
}

/** The median of a slice of samples. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
