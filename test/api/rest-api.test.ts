/**
 * The REST API end to end (fastify inject over a real SQLite store): authentication, schema errors
 * with the property path, search, objects, listing, stats, incident reports and the admin endpoints.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { prepareVersion } from '../../src/hub/index.ts';
import { API_ROUTES } from '../../src/server/index.ts';
import { tlpMarkingRef, validateObject } from '../../src/stix/index.ts';
import { type ApiHub, call, openApiHub } from './api-hub.ts';

type Json = Record<string, unknown>;

let hub: ApiHub;
before(async () => {
  hub = await openApiHub();
});
after(async () => {
  await hub.close();
});

const HASH = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';

async function submit(key: string, body: Json) {
  const res = await call(hub, 'POST', '/api/v1/incidents', key, body);
  return { status: res.statusCode, body: res.json() as Json };
}

const amberIncident = {
  name: 'Wire fraud attempt',
  description: 'SWIFT credentials phished',
  tlp: 'amber',
  indicators: [
    { type: 'ipv4-addr', value: '203.0.113.7' },
    { type: 'file:sha256', value: HASH },
    { pattern: "[domain-name:value = 'swift-update.example']", name: 'phishing domain' },
  ],
  observables: [{ type: 'cryptocurrency-wallet', value: 'bc1qexamplewallet0000000000000000000000' }],
};

describe('authentication and the OpenAPI document', () => {
  test('every route of the table answers 401 to an anonymous caller', async () => {
    for (const route of API_ROUTES) {
      const url = `/api/v1${route.path.replace(/\{\w+\}/g, 'x')}`;
      const res = await call(hub, route.method, url, undefined, route.method === 'GET' ? undefined : {});
      assert.equal(res.statusCode, 401, `${route.method} ${url}`);
      assert.equal((res.json() as Json).code, 'BULWARK_E_UNAUTHENTICATED');
    }
    assert.equal((await call(hub, 'GET', '/api/v1/no-such-thing')).statusCode, 401);
    const unknown = await call(hub, 'GET', '/api/v1/no-such-thing', hub.keys.bankReader);
    assert.equal(unknown.statusCode, 404);
    assert.equal((unknown.json() as Json).code, 'BULWARK_E_NOT_FOUND');
  });

  test('a wrong key is refused with 401 and the same message as no key', async () => {
    const res = await call(hub, 'GET', '/api/v1/stats', 'bwk_nosuchkey_secret');
    assert.equal(res.statusCode, 401);
  });

  test('the OpenAPI 3.1 document is public and lists every route with its parameters and body', async () => {
    const res = await call(hub, 'GET', '/api/v1/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, Json>> };
    assert.equal(doc.openapi, '3.1.0');
    for (const route of API_ROUTES) {
      assert.ok(
        doc.paths[`/api/v1${route.path}`]?.[route.method.toLowerCase()],
        `${route.method} ${route.path}`,
      );
    }
    const search = doc.paths['/api/v1/search']!.get!;
    const q = (search.parameters as Json[]).find((p) => p.name === 'q')!;
    assert.equal(q.required, true);
    const body = (doc.paths['/api/v1/incidents']!.post!.requestBody as Json).content as Json;
    const schema = (body['application/json'] as { schema: { required: string[]; properties: Json } }).schema;
    assert.deepEqual([...schema.required].sort(), ['indicators', 'name', 'tlp']);
    assert.deepEqual((schema.properties.tlp as { enum: string[] }).enum, [
      'clear',
      'green',
      'amber',
      'amber+strict',
      'red',
    ]);
  });
});

describe('incident reports', () => {
  test('one call stores the incident, indicators, observables, relationships and a report grouping them', async () => {
    const { status, body } = await submit(hub.keys.bankWriter, amberIncident);
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal((body.indicators as string[]).length, 3);
    assert.equal((body.relationships as string[]).length, 4);
    const report = await call(
      hub,
      'GET',
      `/api/v1/objects/${body.report as string}`,
      hub.keys.exchangeWriter,
    );
    assert.equal(report.statusCode, 200);
    const object = (report.json() as { object: Json }).object;
    const all = [
      body.incident,
      ...(body.indicators as string[]),
      ...(body.observables as string[]),
      ...(body.relationships as string[]),
    ];
    assert.deepEqual([...(object.object_refs as string[])].sort(), [...(all as string[])].sort());
    assert.equal(object.created_by_ref, hub.orgs.bank);
    const incident = (
      await call(hub, 'GET', `/api/v1/objects/${body.incident as string}`, hub.keys.bankReader)
    ).json() as Json;
    assert.equal((incident.relationships as unknown[]).length, 4);
    assert.equal((incident.author as Json).name, 'First Bank');
    assert.equal(incident.tlp, 'amber');
    const indicator = (
      await call(hub, 'GET', `/api/v1/objects/${(body.indicators as string[])[1]!}`, hub.keys.bankReader)
    ).json() as { object: Json };
    assert.equal(indicator.object.pattern, `[file:hashes.'SHA-256' = '${HASH}']`);
    assert.equal(validateObject(indicator.object).ok, true);
  });

  test('an observable already stored with other content is named as not stored, the rest is stored', async () => {
    const wallet = { type: 'cryptocurrency-wallet', value: '0x00000000000000000000000000000000000d3ad0' };
    const report = { ...amberIncident, indicators: [{ type: 'ipv4-addr', value: '192.0.2.200' }] };
    const first = await submit(hub.keys.exchangeWriter, { ...report, observables: [wallet] });
    assert.deepEqual(first.body.not_stored, []);
    const second = await submit(hub.keys.bankWriter, { ...report, tlp: 'red', observables: [wallet] });
    assert.equal(second.status, 201);
    assert.deepEqual(
      (second.body.not_stored as Json[]).map((r) => r.id),
      first.body.observables,
    );
    const incident = await call(
      hub,
      'GET',
      `/api/v1/objects/${second.body.incident as string}`,
      hub.keys.bankReader,
    );
    assert.equal((incident.json() as Json).tlp, 'red');
  });

  test('an invalid pattern is a 422 naming the indicator, and nothing of the report is stored', async () => {
    const before = await hub.store.count({ scope: { kind: 'all' } });
    const { status, body } = await submit(hub.keys.bankWriter, {
      ...amberIncident,
      indicators: [{ type: 'ipv4-addr', value: '198.51.100.1' }, { pattern: "[ipv4-addr:value = '1.2.3.4'" }],
    });
    assert.equal(status, 422);
    assert.match(body.path as string, /^body\.indicators\[1\]/);
    assert.equal(await hub.store.count({ scope: { kind: 'all' } }), before);
  });

  test('schema errors are 400 with the path of the offending property', async () => {
    const neither = await submit(hub.keys.bankWriter, { ...amberIncident, indicators: [{ name: 'x' }] });
    assert.equal(neither.status, 400);
    assert.equal(neither.body.path, 'body.indicators[0]');
    const tlp = await submit(hub.keys.bankWriter, { ...amberIncident, tlp: 'purple' });
    assert.equal(tlp.status, 400);
    assert.equal(tlp.body.path, 'body.tlp');
    const type = await submit(hub.keys.bankWriter, {
      ...amberIncident,
      observables: [{ type: 'mac', value: 'x' }],
    });
    assert.equal(type.body.path, 'body.observables[0].type');
  });

  test('a reader key may not submit (403), and an unknown community is 404', async () => {
    assert.equal((await submit(hub.keys.bankReader, amberIncident)).status, 403);
    const community = await submit(hub.keys.bankWriter, { ...amberIncident, community: 'Nobody' });
    assert.equal(community.status, 404);
    assert.equal(community.body.code, 'BULWARK_E_COMMUNITY_NOT_FOUND');
  });

  test('AMBER+STRICT to a named organisation reaches it and not the author’s community', async () => {
    const { body } = await submit(hub.keys.bankWriter, {
      name: 'Strict one',
      tlp: 'amber+strict',
      recipient_orgs: ['National Police'],
      indicators: [{ type: 'domain-name', value: 'strict.example' }],
    });
    const url = `/api/v1/objects/${body.incident as string}`;
    assert.equal((await call(hub, 'GET', url, hub.keys.policeReader)).statusCode, 200);
    assert.equal((await call(hub, 'GET', url, hub.keys.exchangeWriter)).statusCode, 404);
  });
});

describe('reading', () => {
  test('search finds a value and what references it; an outsider finds nothing', async () => {
    const inside = (
      await call(hub, 'GET', '/api/v1/search?q=203.0.113.7', hub.keys.exchangeWriter)
    ).json() as Json;
    const types = (inside.hits as { object: Json }[]).map((h) => h.object.type).sort();
    assert.deepEqual(types, ['indicator', 'relationship', 'report']);
    const outside = (
      await call(hub, 'GET', '/api/v1/search?q=203.0.113.7', hub.keys.policeReader)
    ).json() as Json;
    assert.equal(outside.count, 0);
  });

  test('search matches a hash whatever its case', async () => {
    const hits = (await call(hub, 'GET', `/api/v1/search?q=${HASH}`, hub.keys.bankReader)).json() as Json;
    assert.ok((hits.hits as { object: Json }[]).some((h) => h.object.type === 'indicator'));
  });

  test('an alias that only a note carries leads to the actor the note is about', async () => {
    const actor = {
      type: 'intrusion-set',
      spec_version: '2.1',
      id: 'intrusion-set--1a2b3c4d-0000-4000-8000-000000000001',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      name: 'Lazarus Group',
      object_marking_refs: [tlpMarkingRef('clear')],
    };
    const note = {
      type: 'note',
      spec_version: '2.1',
      id: 'note--1a2b3c4d-0000-4000-8000-000000000002',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      content: 'MISP synonyms',
      object_refs: [actor.id],
      x_bulwark_aliases: ['Hidden Cobra'],
      object_marking_refs: [tlpMarkingRef('clear')],
    };
    const provenance = {
      authorOrg: hub.orgs.police,
      defaultTlp: 'clear' as const,
      audience: { communities: [], orgs: [], users: [] },
    };
    const rows = [actor, note].map((o) => {
      const valid = validateObject(o);
      assert.ok(valid.ok);
      return prepareVersion(valid.object, provenance);
    });
    await hub.store.putBatch(rows);
    const found = (
      await call(hub, 'GET', '/api/v1/search?q=hidden%20cobra', hub.keys.bankReader)
    ).json() as Json;
    assert.deepEqual(
      (found.hits as { object: Json }[]).map((h) => h.object.id).sort(),
      [actor.id, note.id].sort(),
    );
  });

  test('an object the caller may not read is 404, like one that does not exist, and only the first is audited', async () => {
    const { body } = await submit(hub.keys.bankWriter, { ...amberIncident, name: 'Hidden from police' });
    const hidden = await call(
      hub,
      'GET',
      `/api/v1/objects/${body.incident as string}`,
      hub.keys.policeReader,
    );
    const missing = await call(
      hub,
      'GET',
      '/api/v1/objects/incident--00000000-0000-4000-8000-000000000000',
      hub.keys.policeReader,
    );
    assert.equal(hidden.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    assert.equal((hidden.json() as Json).code, (missing.json() as Json).code);
    const denied = await hub.store.members.queryAudit({
      action: 'api.object.read.denied',
      orgId: hub.orgs.police,
    });
    assert.deepEqual(
      denied.map((e) => e.target),
      [body.incident],
    );
    assert.equal(denied[0]!.orgId, hub.orgs.police);
    const bad = await call(hub, 'GET', '/api/v1/objects/not-an-id', hub.keys.policeReader);
    assert.equal(bad.statusCode, 400);
    assert.equal((bad.json() as Json).path, 'params.id');
  });

  test('versions=all lists the visible versions', async () => {
    const { body } = await submit(hub.keys.bankWriter, { ...amberIncident, name: 'Versioned' });
    const res = (
      await call(hub, 'GET', `/api/v1/objects/${body.incident as string}?versions=all`, hub.keys.bankReader)
    ).json() as Json;
    assert.equal((res.versions as unknown[]).length, 1);
    assert.equal(
      (
        await call(
          hub,
          'GET',
          `/api/v1/objects/${body.incident as string}?versions=some`,
          hub.keys.bankReader,
        )
      ).statusCode,
      400,
    );
  });

  test('the listing pages by cursor to exactly the counted objects, filtered by type', async () => {
    const seen: string[] = [];
    let cursor = '';
    let count = 0;
    for (;;) {
      const page = (
        await call(hub, 'GET', `/api/v1/objects?limit=3${cursor}`, hub.keys.exchangeWriter)
      ).json() as Json;
      count = page.count as number;
      seen.push(...(page.objects as Json[]).map((o) => o.id as string));
      if (!page.more) break;
      cursor = `&cursor=${page.next as string}`;
    }
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(seen.length, count);
    const incidents = (
      await call(hub, 'GET', '/api/v1/objects?type=incident&limit=1000', hub.keys.policeReader)
    ).json() as Json;
    assert.ok((incidents.objects as Json[]).every((o) => o.type === 'incident'));
    assert.equal(incidents.count, (incidents.objects as unknown[]).length);
    const bad = await call(hub, 'GET', '/api/v1/objects?cursor=abc', hub.keys.policeReader);
    assert.equal((bad.json() as Json).path, 'query.cursor');
    const limit = await call(hub, 'GET', '/api/v1/objects?limit=0', hub.keys.policeReader);
    assert.equal((limit.json() as Json).path, 'query.limit');
  });

  test('stats count only what the caller may read', async () => {
    const bank = (await call(hub, 'GET', '/api/v1/stats', hub.keys.bankReader)).json() as {
      total: number;
      by_tlp: Record<string, number>;
    };
    const police = (await call(hub, 'GET', '/api/v1/stats', hub.keys.policeReader)).json() as {
      total: number;
      by_tlp: Record<string, number>;
    };
    assert.ok((bank.by_tlp.amber ?? 0) > 0);
    assert.equal(police.by_tlp.amber, undefined);
    // The strict report to Police: incident, indicator, relationship, report.
    assert.equal(police.by_tlp['amber+strict'], 4);
    const visible = await hub.store.count({
      scope: { kind: 'member', orgId: hub.orgs.police, communityIds: [hub.communities.police] },
      versions: { kind: 'latest' },
    });
    assert.equal(police.total, visible);
  });
});

describe('administration', () => {
  test('admin endpoints need the admin role, and the refusal is audited', async () => {
    const res = await call(hub, 'GET', '/api/v1/admin/orgs', hub.keys.bankWriter);
    assert.equal(res.statusCode, 403);
    const denied = await hub.store.members.queryAudit({ outcome: 'denied', action: 'api.get.denied' });
    assert.ok(denied.some((e) => e.target === '/api/v1/admin/orgs'));
  });

  test('organisations and communities are added and listed; a duplicate is 409', async () => {
    const added = await call(hub, 'POST', '/api/v1/admin/orgs', hub.keys.bankAdmin, {
      name: 'Crypto Desk',
      sector: 'financial-services',
    });
    assert.equal(added.statusCode, 201);
    assert.equal(
      (await call(hub, 'POST', '/api/v1/admin/orgs', hub.keys.bankAdmin, { name: 'Crypto Desk' })).statusCode,
      409,
    );
    const orgs = (await call(hub, 'GET', '/api/v1/admin/orgs', hub.keys.bankAdmin)).json() as {
      orgs: Json[];
    };
    assert.ok(orgs.orgs.some((o) => o.name === 'Crypto Desk'));
    const community = await call(hub, 'POST', '/api/v1/admin/communities', hub.keys.bankAdmin, {
      name: 'Desk Circle',
      orgs: ['Crypto Desk'],
    });
    assert.equal(community.statusCode, 201);
    const members = await call(
      hub,
      'PUT',
      '/api/v1/admin/communities/Desk%20Circle/members',
      hub.keys.bankAdmin,
      { orgs: ['Crypto Desk', 'First Bank'] },
    );
    assert.equal((members.json() as { org_ids: string[] }).org_ids.length, 2);
    const list = (await call(hub, 'GET', '/api/v1/admin/communities', hub.keys.bankAdmin)).json() as {
      communities: Json[];
    };
    assert.ok(list.communities.some((c) => c.name === 'Desk Circle'));
    const missing = await call(hub, 'PUT', '/api/v1/admin/communities/Nowhere/members', hub.keys.bankAdmin, {
      orgs: [],
    });
    assert.equal(missing.statusCode, 404);
  });

  test('a key is shown once, works, is listed without its secret, and stops working when revoked', async () => {
    const created = await call(hub, 'POST', '/api/v1/admin/keys', hub.keys.bankAdmin, {
      org: 'Coin Exchange',
      role: 'reader',
      label: 'siem',
    });
    assert.equal(created.statusCode, 201);
    const { key, id } = created.json() as { key: string; id: string };
    assert.equal((await call(hub, 'GET', '/api/v1/stats', key)).statusCode, 200);
    const listed = (await call(hub, 'GET', '/api/v1/admin/keys?org=Coin%20Exchange', hub.keys.bankAdmin))
      .body;
    assert.ok(listed.includes(id));
    assert.equal(listed.includes(key), false);
    assert.equal(listed.includes('secret'), false);
    assert.equal((await call(hub, 'DELETE', `/api/v1/admin/keys/${id}`, hub.keys.bankAdmin)).statusCode, 200);
    assert.equal((await call(hub, 'GET', '/api/v1/stats', key)).statusCode, 401);
    const badRole = await call(hub, 'POST', '/api/v1/admin/keys', hub.keys.bankAdmin, {
      org: 'Coin Exchange',
      role: 'root',
    });
    assert.equal((badRole.json() as Json).path, 'body.role');
  });

  test('the audit log holds every admin action, never a key, and reading it is audited too', async () => {
    const res = await call(hub, 'GET', '/api/v1/admin/audit?limit=10000', hub.keys.bankAdmin);
    assert.equal(res.statusCode, 200);
    const actions = new Set((res.json() as { entries: Json[] }).entries.map((e) => e.action));
    for (const action of [
      'org.add',
      'org.list',
      'community.list',
      'key.list',
      'community.add',
      'community.members',
      'key.create',
      'key.revoke',
      'api.incident.create',
    ]) {
      assert.ok(actions.has(action), action);
    }
    for (const key of Object.values(hub.keys)) assert.equal(res.body.includes(key), false);
    const again = (
      await call(hub, 'GET', '/api/v1/admin/audit?action=audit.query', hub.keys.bankAdmin)
    ).json() as { entries: Json[] };
    assert.ok(again.entries.length >= 1);
    const failed = (
      await call(hub, 'GET', '/api/v1/admin/audit?outcome=failed', hub.keys.bankAdmin)
    ).json() as {
      entries: Json[];
    };
    const duplicate = failed.entries.find((e) => e.action === 'org.add');
    assert.deepEqual(duplicate?.detail, { code: 'BULWARK_E_ORG_EXISTS' });
    assert.ok(
      failed.entries.some((e) => e.action === 'api.incident.create'),
      'a rejected incident report is audited',
    );
  });
});
