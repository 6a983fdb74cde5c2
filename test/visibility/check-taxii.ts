/**
 * The TAXII read paths for one caller: collections, objects (paged), manifest, object by id and
 * versions. A collection selects versions (a community's: shared to it; the private one: the caller's
 * own, shared to no community) and visibility applies on top: nothing outside both may appear, and
 * every object whose newest visible version is in the collection must.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { collectionId, TAXII_MEDIA_TYPE } from '../../src/taxii/index.ts';
import { readerOf } from './check-rest.ts';
import { latestVisible, mayRead, type Oracle } from './oracle.ts';
import type { Member, ModelVersion } from './world.ts';

type Json = Record<string, unknown>;

interface Collection {
  id: string;
  holds: (v: ModelVersion) => boolean;
}

function collectionsOf(member: Member): Collection[] {
  return [
    ...member.communityIds.map((c) => ({
      id: collectionId('community', c),
      holds: (v: ModelVersion) => v.communities.includes(c),
    })),
    {
      id: collectionId('private', member.orgId),
      holds: (v: ModelVersion) => v.author === member.orgId && v.communities.length === 0,
    },
  ];
}

async function taxii(
  app: FastifyInstance,
  url: string,
  key: string,
): Promise<{ status: number; body: Json }> {
  const res = await app.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${key}`, accept: TAXII_MEDIA_TYPE },
  });
  return { status: res.statusCode, body: res.body === '' ? {} : (res.json() as Json) };
}

async function walk(app: FastifyInstance, url: string, key: string, limit: number, field: string) {
  const items: Json[] = [];
  let next = '';
  for (let pages = 0; pages < 10_000; pages++) {
    const { status, body } = await taxii(app, `${url}?limit=${limit}${next}`, key);
    assert.equal(status, 200, url);
    items.push(...((body[field] as Json[] | undefined) ?? []));
    if (!body.more) break;
    next = `&next=${encodeURIComponent(body.next as string)}`;
  }
  return items;
}

export async function checkTaxii(
  app: FastifyInstance,
  oracle: Oracle,
  member: Member,
  limit: number,
  sample: string[],
) {
  const reader = readerOf(member);
  const base = '/taxii2/api/collections/';
  const listed = await taxii(app, base, member.key);
  const mine = collectionsOf(member);
  const expectedIds = [...mine.map((c) => c.id), collectionId('reference')].sort();
  assert.deepEqual(
    (listed.body.collections as Json[]).map((c) => c.id as string).sort(),
    expectedIds,
    'collections',
  );
  let cases = 1;
  for (const c of mine) {
    const allowed = (id: string, version: string) =>
      oracle.get(id)!.versions.some((v) => v.modified === version && mayRead(reader, v) && c.holds(v));
    const objects = await walk(app, `${base}${c.id}/objects/`, member.key, limit, 'objects');
    for (const o of objects)
      assert.ok(
        allowed(o.id as string, o.modified as string),
        `TAXII leak: ${o.id as string} to ${member.orgName}`,
      );
    const manifest = await walk(app, `${base}${c.id}/manifest/`, member.key, limit, 'objects');
    for (const m of manifest)
      assert.ok(allowed(m.id as string, m.version as string), `manifest leak: ${m.id as string}`);
    const returned = new Set(objects.map((o) => o.id as string));
    for (const o of oracle.objects) {
      const latest = latestVisible(reader, o);
      if (latest !== undefined && c.holds(latest))
        assert.ok(returned.has(o.id), `TAXII hides ${o.id} from ${member.orgName}`);
    }
    cases += objects.length + manifest.length + 1;
    for (const id of sample) {
      const inCollection = oracle.get(id)!.versions.some((v) => mayRead(reader, v) && c.holds(v));
      const one = await taxii(app, `${base}${c.id}/objects/${id}/`, member.key);
      const versions = await taxii(app, `${base}${c.id}/objects/${id}/versions/`, member.key);
      if (!inCollection) {
        assert.equal(one.status, 404, `TAXII object ${id} must be 404 for ${member.orgName}`);
        assert.equal(versions.status, 404, `TAXII versions of ${id} must be 404 for ${member.orgName}`);
      } else {
        assert.equal(one.status, 200);
        // The newest visible version may sit in another collection: an empty envelope is then correct.
        for (const o of (one.body.objects as Json[] | undefined) ?? [])
          assert.ok(allowed(id, o.modified as string));
        for (const v of (versions.body.versions as string[] | undefined) ?? [])
          assert.ok(allowed(id, v), `version ${v} of ${id}`);
      }
      cases += 2;
    }
  }
  return cases;
}
