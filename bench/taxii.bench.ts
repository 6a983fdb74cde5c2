/**
 * TAXII read path: a 1,000-object page of a community collection from a large store, over HTTP
 * (fastify inject: routing, auth, negotiation, visibility, envelope), against the store query of the
 * same page in the same run. The reader is another member of the community than the author, so every
 * row goes through the visibility and community probes. Target (DESIGN.md): p99 ≤ 50 ms at 1 M objects.
 * Size: BENCH_TAXII_STORE (default 1,000,000); the store is built once and kept in .bench-work/taxii.
 */
import { createReadStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addOrganisation, createCommunity, createKey, importBundle } from '../src/hub/index.ts';
import { createServer } from '../src/server/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { collectionId, TAXII_MEDIA_TYPE } from '../src/taxii/index.ts';
import { writeIndicatorBundle } from '../test/support/stix-fixtures.ts';
import { percentile } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';

const WORK = join(import.meta.dirname, '..', '.bench-work', 'taxii');
const STORE_N = Number(process.env.BENCH_TAXII_STORE ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_TAXII_REQUESTS ?? 200);
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

export async function run(): Promise<BenchResult[]> {
  const store = await benchStore();
  try {
    const community = await store.members.getCommunity(COMMUNITY);
    if (community === undefined) throw new Error('bench store has no community');
    const { key } = await createKey(store, { org: 'Bench Exchange', role: 'reader', label: 'bench' });
    const exchange = await store.getOrganisation('Bench Exchange');
    const app = createServer({ store });
    await app.ready();
    const url = `/taxii2/api/collections/${collectionId('community', community.id)}/objects/`;
    const headers = { authorization: `Bearer ${key}`, accept: TAXII_MEDIA_TYPE };
    const last = await store.query({
      scope: { kind: 'all' },
      versions: { kind: 'all' },
      afterSeq: STORE_N,
      limit: 10,
    });
    const maxSeq = (last.items.at(-1)?.seq ?? STORE_N) + 10;
    const http: number[] = [];
    const direct: number[] = [];
    const scope = {
      kind: 'member' as const,
      orgId: exchange?.id ?? '',
      communityIds: [community.id],
    };
    for (const [i, seq] of [...cursors(maxSeq).slice(0, 10), ...cursors(maxSeq)].entries()) {
      let started = performance.now();
      const response = await app.inject({ method: 'GET', url: `${url}?limit=${PAGE}&next=${seq}`, headers });
      const took = performance.now() - started;
      if (response.statusCode !== 200)
        throw new Error(`TAXII page answered ${response.statusCode}: ${response.body}`);
      started = performance.now();
      const page = await store.query({ scope, community: community.id, afterSeq: seq, limit: PAGE });
      const tookDirect = performance.now() - started;
      if (page.items.length !== PAGE) throw new Error(`page at ${seq} had ${page.items.length} objects`);
      if (i >= 10) {
        http.push(took);
        direct.push(tookDirect);
      }
    }
    await app.close();
    const size = STORE_N.toLocaleString('en-US');
    return [50, 99].map((p) => ({
      name: `TAXII GET 1,000-object page of ${size} objects, p${p} (SQLite)`,
      unit: 'ms',
      value: percentile(http, p),
      baseline: { name: `store query of the same page, p${p}`, value: percentile(direct, p) },
      ...(p === 99 ? { target: '<= 50 ms at 1 M objects' } : {}),
      note: `${REQUESTS} requests at cursors spread over the store; reader is a community member, not the author`,
    }));
  } finally {
    await store.close();
  }
}
