/**
 * The hub over real loopback HTTP:
 * - TAXII POST throughput, 1,000-object envelopes, into a fresh SQLite and a fresh PostgreSQL store;
 * - REST search p99 over a store of BENCH_HUB_SEARCH_STORE (default 200,000) indicators, against the
 *   same search called in-process;
 * - single-address screening req/s and p99 against a node:http hello-world, both driven by autocannon
 *   with 32 connections for BENCH_HUB_HTTP_SECONDS (default 10) each.
 */
import { cpSync, createReadStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { addOrganisation, createCommunity, createKey, importBundle } from '../src/hub/index.ts';
import { searchValue } from '../src/server/api/search.ts';
import { createServer } from '../src/server/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { collectionId, TAXII_MEDIA_TYPE } from '../src/taxii/index.ts';
import { freshPostgresSchema, POSTGRES_URL, requirePostgres } from '../test/support/services.ts';
import { indicator, writeIndicatorBundle } from '../test/support/stix-fixtures.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { percentile } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';

const WORK = join(import.meta.dirname, '..', '.bench-work', 'hub-http');
const SEARCH_N = Number(process.env.BENCH_HUB_SEARCH_STORE ?? 200_000);
const SECONDS = Number(process.env.BENCH_HUB_HTTP_SECONDS ?? 10);
const ENVELOPES = Number(process.env.BENCH_HUB_POST_ENVELOPES ?? 10);
const ENVELOPE = 1000;
const SEARCHES = 300;
const CONNECTIONS = 32;
// Limits as `bulwark serve` has them, with a budget no benchmark reaches: its cost is measured too.
const SERVE_LIKE = { rateLimit: 1_000_000_000 } as const;

interface Member {
  store: Store;
  key: string;
  collection: string;
}

/** A store with one organisation in one community and a contributor key. */
async function member(store: Store): Promise<Member> {
  await addOrganisation(store, 'Bench Bank');
  const community = await createCommunity(store, 'Bench ISAC', ['Bench Bank']);
  const { key } = await createKey(store, { org: 'Bench Bank', role: 'contributor', label: 'bench' });
  return { store, key, collection: collectionId('community', community.id) };
}

async function postThroughput({ store, key, collection }: Member, backend: string): Promise<BenchResult> {
  const app = createServer({ store, ...SERVE_LIKE });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const bodies = Array.from({ length: ENVELOPES }, (_, e) =>
    JSON.stringify({ objects: Array.from({ length: ENVELOPE }, (_, i) => indicator(e * ENVELOPE + i, 11)) }),
  );
  const headers = {
    authorization: `Bearer ${key}`,
    accept: TAXII_MEDIA_TYPE,
    'content-type': TAXII_MEDIA_TYPE,
  };
  const started = performance.now();
  for (const body of bodies) {
    const response = await fetch(`${base}/taxii2/api/collections/${collection}/objects/`, {
      method: 'POST',
      headers,
      body,
    });
    const status = (await response.json()) as { success_count?: number };
    if (response.status !== 202 || status.success_count !== ENVELOPE) {
      throw new Error(`TAXII POST answered ${response.status}: ${JSON.stringify(status).slice(0, 300)}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await app.close();
  return {
    name: `TAXII POST, new objects (${backend})`,
    unit: 'objects/s',
    value: (ENVELOPES * ENVELOPE) / seconds,
    note: `${ENVELOPES} envelopes of ${ENVELOPE} indicators, one after another over loopback HTTP`,
  };
}

async function postBenches(): Promise<BenchResult[]> {
  const dir = tempDir('bulwark-bench-post-');
  const results: BenchResult[] = [];
  const sqlite = await openStore({ data: dir.path });
  try {
    results.push(await postThroughput(await member(sqlite), 'SQLite'));
  } finally {
    await sqlite.close();
    dir.remove();
  }
  if ((await requirePostgres()) === undefined) return results;
  const { schema, drop } = await freshPostgresSchema(POSTGRES_URL, 'bulwark_bench');
  const pg = await openStore({ db: POSTGRES_URL, schema });
  try {
    results.push(await postThroughput(await member(pg), 'PostgreSQL'));
  } finally {
    await pg.close();
    await drop();
  }
  return results;
}

/** The search store: reuses the TAXII bench's store of the same size when there is one. */
async function searchStore(): Promise<Store> {
  const data = join(WORK, `sqlite-${SEARCH_N}`);
  const taxiiCopy = join(WORK, '..', 'taxii', `sqlite-${SEARCH_N}`);
  if (!existsSync(data) && existsSync(taxiiCopy)) cpSync(taxiiCopy, data, { recursive: true });
  if (existsSync(data)) {
    const store = await openStore({ data });
    if ((await store.count({ scope: { kind: 'all' }, types: ['indicator'] })) === SEARCH_N) return store;
    await store.close();
    rmSync(data, { recursive: true, force: true });
  }
  mkdirSync(data, { recursive: true });
  const bundle = join(WORK, `indicators-${SEARCH_N}.json`);
  if (!existsSync(bundle)) await writeIndicatorBundle(bundle, SEARCH_N, 7);
  const store = await openStore({ data });
  const bank = await addOrganisation(store, 'Bench Bank');
  const community = await createCommunity(store, 'Bench ISAC', ['Bench Bank']);
  process.stderr.write(`   building a ${SEARCH_N}-object store…\n`);
  await importBundle(createReadStream(bundle, { highWaterMark: 1 << 20 }), {
    store,
    authorOrg: bank.id,
    defaultTlp: 'amber',
    audience: { communities: [community.id], orgs: [], users: [] },
  });
  return store;
}

async function searchBench(): Promise<BenchResult> {
  const store = await searchStore();
  try {
    const { key } = await createKey(store, { org: 'Bench Bank', role: 'reader', label: 'bench' });
    const bank = await store.getOrganisation('Bench Bank');
    const communityIds = (await store.members.communitiesOf(bank?.id ?? '')).map((c) => c.id);
    const scope = { kind: 'member' as const, orgId: bank?.id ?? '', communityIds };
    const app = createServer({ store, ...SERVE_LIKE });
    await app.ready();
    const http: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < SEARCHES + 20; i++) {
      const n = (i * 7919) % SEARCH_N;
      const q = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      let started = performance.now();
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/search?q=${q}`,
        headers: { authorization: `Bearer ${key}` },
      });
      const took = performance.now() - started;
      if (response.statusCode !== 200 || response.json().count < 1) {
        throw new Error(`search for ${q} answered ${response.statusCode}: ${response.body.slice(0, 200)}`);
      }
      started = performance.now();
      await searchValue(store, q, scope, 100);
      if (i >= 20) {
        http.push(took);
        direct.push(performance.now() - started);
      }
    }
    await app.close();
    return {
      name: `REST search p99 over ${SEARCH_N.toLocaleString('en-US')} objects (SQLite)`,
      unit: 'ms',
      value: percentile(http, 99),
      baseline: { name: 'the same search in-process, p99', value: percentile(direct, 99) },
      note: `${SEARCHES} searches for an IP address that one indicator holds; caller is a community member`,
    };
  } finally {
    await store.close();
  }
}

async function hammer(url: string, headers: Record<string, string>): Promise<{ rps: number; p99: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.errors + result.timeouts + result.non2xx > 0) {
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function screenBench(): Promise<BenchResult[]> {
  const dir = tempDir('bulwark-bench-screen-');
  const store = await openStore({ data: dir.path });
  const hello = createHttpServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"hello":"world"}');
  });
  try {
    const { key } = await member(store);
    const app = createServer({ store, ...SERVE_LIKE });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const hub = await hammer(`${base}/api/v1/screen/1BoatSLRHtKNngkdXEeobR76b53LETtpyT`, {
      authorization: `Bearer ${key}`,
    });
    await app.close();
    await new Promise<void>((resolve) => hello.listen(0, '127.0.0.1', resolve));
    const { port } = hello.address() as AddressInfo;
    const bare = await hammer(`http://127.0.0.1:${port}/`, {});
    const note = `autocannon in the same process, ${CONNECTIONS} connections, ${SECONDS} s each`;
    return [
      {
        name: 'HTTP screening of one address (GET /api/v1/screen/{address})',
        unit: 'req/s',
        value: hub.rps,
        baseline: { name: 'node:http hello-world', value: bare.rps },
        note,
      },
      {
        name: 'HTTP screening of one address, p99',
        unit: 'ms',
        value: hub.p99,
        baseline: { name: 'node:http hello-world p99', value: bare.p99 },
        note,
      },
    ];
  } finally {
    hello.close();
    await store.close();
    dir.remove();
  }
}

export async function run(): Promise<BenchResult[]> {
  return [...(await postBenches()), await searchBench(), ...(await screenBench())];
}
