/**
 * Every REST read path for one caller, against the oracle. Each comparison is one case; the caller
 * of these functions adds them up.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { latestVisible, type Oracle, type Reader, visibleVersions } from './oracle.ts';
import { aliasOf, ipOf, type Member, VALUES } from './world.ts';

type Json = Record<string, unknown>;

export async function getJson(
  app: FastifyInstance,
  url: string,
  key: string,
): Promise<{ status: number; body: Json }> {
  const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  return { status: res.statusCode, body: res.json() as Json };
}

const idsOf = (objects: unknown): string[] => (objects as { id: string }[]).map((o) => o.id).sort();

export function readerOf(member: Member): Reader {
  return { orgId: member.orgId, communityIds: member.communityIds, userId: member.keyId };
}

/** The paged listing walked to its end, its count, and stats. */
export async function checkListing(app: FastifyInstance, oracle: Oracle, member: Member, pageSize: number) {
  const reader = readerOf(member);
  const expected = oracle.visible(reader);
  const seen: { id: string; modified: string }[] = [];
  let cursor = '';
  let count = -1;
  for (let pages = 0; pages < 10_000; pages++) {
    const { status, body } = await getJson(app, `/api/v1/objects?limit=${pageSize}${cursor}`, member.key);
    assert.equal(status, 200);
    count = body.count as number;
    seen.push(...(body.objects as { id: string; modified: string }[]));
    if (!body.more) break;
    cursor = `&cursor=${body.next as string}`;
  }
  assert.deepEqual(seen.map((o) => o.id).sort(), expected.map((o) => o.id).sort(), 'listing ids');
  for (const o of seen)
    assert.equal(
      o.modified,
      latestVisible(reader, oracle.get(o.id)!)!.modified,
      `listing version of ${o.id}`,
    );
  assert.equal(count, expected.length, 'listing count');
  const type = ['indicator', 'relationship', 'sighting', 'note', 'identity'][pageSize % 5]!;
  const typed = await getJson(app, `/api/v1/objects?limit=1000&type=${type}`, member.key);
  const typedIds = expected.filter((o) => o.type === type).map((o) => o.id);
  assert.deepEqual(idsOf(typed.body.objects), typedIds.sort(), `listing of ${type}`);
  assert.equal(typed.body.count, typedIds.length, `count of ${type}`);
  const stats = await getJson(app, '/api/v1/stats', member.key);
  const want = oracle.stats(reader);
  assert.deepEqual(
    { total: stats.body.total, byType: stats.body.by_type, byTlp: stats.body.by_tlp },
    want,
    'stats',
  );
  return seen.length + 4;
}

/** One object by id: 404 when invisible; else its latest visible version, neighbours and versions. */
export async function checkObject(
  app: FastifyInstance,
  oracle: Oracle,
  member: Member,
  id: string,
  all: boolean,
) {
  const reader = readerOf(member);
  const object = oracle.get(id)!;
  const latest = latestVisible(reader, object);
  const { status, body } = await getJson(
    app,
    `/api/v1/objects/${id}${all ? '?versions=all' : ''}`,
    member.key,
  );
  if (latest === undefined) {
    assert.equal(status, 404, `${id} must not be readable by ${member.orgName}`);
    assert.equal(JSON.stringify(body).includes('"object"'), false);
    return { cases: 1, denied: 1 };
  }
  assert.equal(status, 200, `${id} must be readable by ${member.orgName}`);
  const got = body.object as { modified: string };
  assert.equal(got.modified, latest.modified, `latest visible version of ${id}`);
  assert.equal(body.tlp, latest.tlp);
  const neighbours = [
    ...(body.relationships as unknown[]),
    ...(body.sightings as unknown[]),
    ...(body.referenced_by as unknown[]),
  ];
  assert.deepEqual(idsOf(neighbours), oracle.referencing(reader, id).sort(), `neighbours of ${id}`);
  if (all) {
    const versions = (body.versions as { modified: string }[]).map((v) => v.modified).sort();
    assert.deepEqual(
      versions,
      visibleVersions(reader, object)
        .map((v) => v.modified)
        .sort(),
      `versions of ${id}`,
    );
  }
  return { cases: all ? 3 : 2, denied: 0 };
}

/** Search for every value and alias of the world. */
export async function checkSearch(app: FastifyInstance, oracle: Oracle, member: Member) {
  const reader = readerOf(member);
  let cases = 0;
  for (let n = 0; n < VALUES; n++) {
    for (const [q, term] of [
      [ipOf(n), ipOf(n)],
      [aliasOf(n), aliasOf(n)],
    ] as const) {
      const { status, body } = await getJson(
        app,
        `/api/v1/search?limit=1000&q=${encodeURIComponent(q)}`,
        member.key,
      );
      assert.equal(status, 200);
      const hits = (body.hits as { object: { id: string } }[]).map((h) => h.object.id).sort();
      assert.deepEqual(hits, oracle.search(reader, term), `search ${q} as ${member.orgName}`);
      cases++;
    }
  }
  return cases;
}
