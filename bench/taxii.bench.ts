/**
 * TAXII read path: 1,000-object pages of a community collection from a large store over real HTTP on
 * loopback (routing, auth, negotiation, visibility, envelope, the socket): the first page, pages at
 * cursors spread over the store, and a client walking by `next` — each against the store query of
 * the same page in the same run. Also GET /api/v1/stats against streaming every visible object. The reader is another member of the community than the author, so every
 * row goes through the visibility and community probes. Target (DESIGN.md): p99 ≤ 50 ms at 1 M objects.
 * Size: BENCH_TAXII_STORE (default 1,000,000); the store is built once and kept in .bench-work/taxii.
 */
import { createReadStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addOrganisation, createCommunity, createKey, importBundle } from '../src/hub/index.ts';
import { createServer } from '../src/server/index.ts';
import { openStore, type ReadScope, type Store } from '../src/store/index.ts';
import { collectionId, TAXII_MEDIA_TYPE } from '../src/taxii/index.ts';
import { writeIndicatorBundle } from '../test/support/stix-fixtures.ts';
import { median, percentile } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';

const WORK = join(import.meta.dirname, '..', '.bench-work', 'taxii');
const STORE_N = Number(process.env.BENCH_TAXII_STORE ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_TAXII_REQUESTS ?? 200);
const STATS_REQUESTS = Number(process.env.BENCH_TAXII_STATS ?? 5);
const PAGE = 1000;
const COMMUNITY = 'Bench ISAC';

/** A store of STORE_N indicators by "Bench Bank", shared as AMBER to a community with "Bench Exchange". */
async function benchStore(): Promise<Store> {
  const data = join(WORK, `sqlite-${STORE_N}`);
  if (existsSync(data)) {
    const store = await openStore({ data });
    if ((await store.count({ scope: { kind: 'all' }, types: ['indicator'] })) === STORE_N) return store;
    await store.close();
    rmSync(data, { recursive: true, force: true });
  }
  mkdirSync(data, { recursive: true });
  const bundle = join(WORK, `indicators-${STORE_N}.json`);
  if (!existsSync(bundle)) await writeIndicatorBundle(bundle, STORE_N, 7);
  const store = await openStore({ data });
  const bank = await addOrganisation(store, 'Bench Bank');
  await addOrganisation(store, 'Bench Exchange');
  const community = await createCommunity(store, COMMUNITY, ['Bench Bank', 'Bench Exchange']);
  process.stderr.write(`   building a ${STORE_N}-object store…\n`);
  await importBundle(createReadStream(bundle, { highWaterMark: 1 << 20 }), {
    store,
    authorOrg: bank.id,
    defaultTlp: 'amber',
    audience: { communities: [community.id], orgs: [], users: [] },
  });
  return store;
}

/** Cursors spread over the whole store, the same for both measurements. */
function cursors(maxSeq: number): number[] {
  return Array.from({ length: REQUESTS }, (_, i) =>
    Math.floor(((i * 7919) % REQUESTS) * ((maxSeq - PAGE) / REQUESTS)),
  );
}

interface Timed {
  http: number[];
  direct: number[];
}

/** GETs `url` over a kept-alive socket; the body is read whole, as a client would. */
async function timedGet(url: string, headers: Record<string, string>): Promise<[number, string]> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.text();
  const took = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 300)}`);
  return [took, body];
}

function results(label: string, timed: Timed, note: string, target?: string): BenchResult[] {
  return [50, 99].map((p) => ({
    name: `${label}, p${p} (SQLite)`,
    unit: 'ms',
    value: percentile(timed.http, p),
    baseline: { name: `store query of the same page, p${p}`, value: percentile(timed.direct, p) },
    ...(p === 99 && target ? { target } : {}),
    note,
  }));
}

export async function run(): Promise<BenchResult[]> {
  const store = await benchStore();
  try {
    const community = await store.members.getCommunity(COMMUNITY);
    if (community === undefined) throw new Error('bench store has no community');
    const { key } = await createKey(store, { org: 'Bench Exchange', role: 'reader', label: 'bench' });
    const exchange = await store.getOrganisation('Bench Exchange');
    const app = createServer({ store });
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `${origin}/taxii2/api/collections/${collectionId('community', community.id)}/objects/`;
    const headers = { authorization: `Bearer ${key}`, accept: TAXII_MEDIA_TYPE };
    const last = await store.query({
      scope: { kind: 'all' },
      versions: { kind: 'all' },
      afterSeq: STORE_N,
      limit: 10,
    });
    const maxSeq = (last.items.at(-1)?.seq ?? STORE_N) + 10;
    const scope = { kind: 'member' as const, orgId: exchange?.id ?? '', communityIds: [community.id] };
    const direct = async (afterSeq?: number) => {
      const started = performance.now();
      const query = {
        scope,
        community: community.id,
        limit: PAGE,
        ...(afterSeq === undefined ? {} : { afterSeq }),
      };
      const page = await store.query(query);
      if (page.items.length !== PAGE) throw new Error(`page at ${afterSeq} had ${page.items.length} objects`);
      return performance.now() - started;
    };

    const first: Timed = { http: [], direct: [] };
    for (let i = 0; i < 10 + REQUESTS; i++) {
      const [took] = await timedGet(`${url}?limit=${PAGE}`, headers);
      const tookDirect = await direct();
      if (i >= 10) {
        first.http.push(took);
        first.direct.push(tookDirect);
      }
    }
    const deep: Timed = { http: [], direct: [] };
    for (const [i, seq] of [...cursors(maxSeq).slice(0, 10), ...cursors(maxSeq)].entries()) {
      const [took] = await timedGet(`${url}?limit=${PAGE}&next=${seq}`, headers);
      const tookDirect = await direct(seq);
      if (i >= 10) {
        deep.http.push(took);
        deep.direct.push(tookDirect);
      }
    }
    // A client walking the collection: each request continues from the `next` of the one before.
    const walk: Timed = { http: [], direct: [] };
    let next: string | undefined;
    for (let i = 0; i < REQUESTS; i++) {
      const [took, body] = await timedGet(`${url}?limit=${PAGE}${next ? `&next=${next}` : ''}`, headers);
      walk.direct.push(await direct(next === undefined ? undefined : Number(next)));
      walk.http.push(took);
      next = (JSON.parse(body) as { next?: string }).next;
      if (next === undefined) break;
    }
    const stats = await statsTimes(origin, headers.authorization, store, scope);
    await app.close();
    const size = STORE_N.toLocaleString('en-US');
    const reader = 'reader is a community member, not the author; real HTTP on loopback, one connection';
    return [
      ...results(
        `TAXII GET first 1,000-object page of ${size} objects`,
        first,
        `${REQUESTS} requests; ${reader}`,
      ),
      ...results(
        `TAXII GET 1,000-object page at a deep cursor of ${size} objects`,
        deep,
        `${REQUESTS} requests at cursors spread over the store; ${reader}`,
        '<= 50 ms at 1 M objects',
      ),
      ...results(
        `TAXII GET, walking ${walk.http.length} pages by next, ${size} objects`,
        walk,
        reader,
        '<= 50 ms at 1 M objects',
      ),
      ...stats,
    ];
  } finally {
    await store.close();
  }
}

/** GET /api/v1/stats over HTTP against the old way of answering it: streaming every visible object. */
async function statsTimes(
  origin: string,
  authorization: string,
  store: Store,
  scope: ReadScope,
): Promise<BenchResult[]> {
  const times: number[] = [];
  for (let i = 0; i < STATS_REQUESTS + 1; i++) {
    const [took] = await timedGet(`${origin}/api/v1/stats`, { authorization });
    if (i > 0) times.push(took);
  }
  const started = performance.now();
  let n = 0;
  for await (const _ of store.stream({ scope, versions: { kind: 'latest' } })) n++;
  const streamed = performance.now() - started;
  return [
    {
      name: `GET /api/v1/stats over ${STORE_N.toLocaleString('en-US')} objects (${n.toLocaleString('en-US')} visible), median`,
      unit: 'ms',
      value: median(times),
      baseline: { name: 'streaming every visible object (the former answer), once', value: streamed },
      note: `${STATS_REQUESTS} requests`,
    },
  ];
}
