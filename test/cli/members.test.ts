import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tlpMarkingRef } from '../../src/stix/index.ts';
import { runCli } from '../support/cli.ts';
import { indicator } from '../support/stix-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('bulwark-members-cli-');
const data = join(dir.path, 'data');
const store = ['--data', data];
const KEY = /^bwk_([0-9a-f]{24})_([A-Za-z0-9_-]{43})\n$/;

async function ok(args: string[]): Promise<string> {
  const result = await runCli([...args, ...store]);
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function bundleFile(name: string, objects: unknown[]): string {
  const file = join(dir.path, name);
  writeFileSync(file, JSON.stringify({ type: 'bundle', id: `bundle--${crypto.randomUUID()}`, objects }));
  return file;
}

async function visibleTo(org: string): Promise<Map<string, Record<string, unknown>>> {
  const exported = JSON.parse(await ok(['export', '--as-org', org, '--type', 'indicator']));
  return new Map((exported.objects as Record<string, unknown>[]).map((o) => [o.id as string, o]));
}

/** Every byte the store keeps on disk (database, WAL), as text. */
function storeBytes(): string {
  return readdirSync(data)
    .map((f) => readFileSync(join(data, f)).toString('latin1'))
    .join('\n');
}

describe('bulwark community, key and audit (SQLite)', () => {
  const orgIds: Record<string, string> = {};
  let key = '';

  before(async () => {
    for (const name of ['Bank A', 'Exchange B', 'Outsider C'])
      orgIds[name] = (await ok(['org', 'add', name])).trim();
  });
  after(() => dir.remove());

  test('community add prints the id; community list names the member organisations', async () => {
    const id = await ok(['community', 'add', 'FS-ISAC', '--orgs', 'Bank A,Exchange B']);
    assert.match(id, /^community--[0-9a-f-]{36}\n$/);
    const listed = JSON.parse(await ok(['community', 'list', '--json']));
    assert.deepEqual(
      { id: listed.id, name: listed.name, orgs: listed.orgs },
      { id: id.trim(), name: 'FS-ISAC', orgs: ['Bank A', 'Exchange B'] },
    );
    const again = await runCli(['community', 'add', 'FS-ISAC', '--orgs', 'Bank A', ...store]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /BULWARK_E_COMMUNITY_EXISTS/);
  });

  test('key create prints the key alone; key list and the store on disk never hold the secret', async () => {
    const result = await runCli([
      'key',
      'create',
      '--org',
      'Exchange B',
      '--role',
      'reader',
      '--label',
      'SIEM',
      ...store,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const m = KEY.exec(result.stdout);
    assert.ok(m, `stdout is the key and nothing else: ${JSON.stringify(result.stdout)}`);
    key = result.stdout.trim();
    const secret = m[2]!;
    const listed = JSON.parse(await ok(['key', 'list', '--org', 'Exchange B', '--json']));
    assert.deepEqual(
      { id: listed.id, role: listed.role, label: listed.label, revokedAt: listed.revokedAt },
      { id: m[1], role: 'reader', label: 'SIEM', revokedAt: null },
    );
    assert.ok(!JSON.stringify(listed).includes(secret));
    assert.equal('secretHash' in listed, false);
    assert.ok(!storeBytes().includes(secret), 'the secret is nowhere in the database files');
  });

  test('import --community makes an AMBER object visible to the community, not to outsiders', async () => {
    const shared = indicator(101);
    const byDefault = indicator(102);
    const mitre: Record<string, unknown> = {
      ...indicator(103),
      created_by_ref: 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5',
    };
    await ok([
      'import',
      bundleFile('shared.json', [shared, mitre]),
      '--org',
      'Bank A',
      '--community',
      'FS-ISAC',
    ]);
    await ok(['import', bundleFile('default.json', [byDefault]), '--org', 'Bank A', '--tlp', 'amber']);
    const forB = await visibleTo('Exchange B');
    const forC = await visibleTo('Outsider C');
    for (const o of [shared, byDefault, mitre]) {
      assert.ok(forB.has(o.id as string), `${o.id} reaches the other member`);
      assert.ok(!forC.has(o.id as string), `${o.id} does not reach the outsider`);
    }
    const got = forB.get(shared.id as string)!;
    assert.equal(got.created_by_ref, orgIds['Bank A'], "the author's organisation stamps created_by_ref");
    assert.deepEqual(got.object_marking_refs, [tlpMarkingRef('amber')]);
    assert.equal(forB.get(mitre.id as string)?.created_by_ref, mitre.created_by_ref);
  });

  test('import to a community the organisation is not in is refused and stores nothing', async () => {
    const result = await runCli([
      'import',
      bundleFile('refused.json', [indicator(104)]),
      '--org',
      'Outsider C',
      '--community',
      'FS-ISAC',
      ...store,
    ]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /BULWARK_E_FORBIDDEN: Outsider C is not a member of the community "FS-ISAC"/);
    assert.ok(!(await visibleTo('Outsider C')).has(indicator(104).id as string));
  });

  test('key revoke and audit: every admin action is listed as the operator, without a secret', async () => {
    const id = KEY.exec(`${key}\n`)![1]!;
    const revoked = JSON.parse(await ok(['key', 'revoke', id, '--json']));
    assert.ok(revoked.revokedAt);
    const entries = (await ok(['audit', '--json']))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      entries.map((e) => [e.action, e.orgId, e.outcome]),
      [
        ['community.add', null, 'ok'],
        ['key.create', null, 'ok'],
        ['bundle.import', null, 'ok'],
        ['bundle.import', null, 'ok'],
        ['key.revoke', null, 'ok'],
      ],
    );
    assert.equal(entries[1].target, id);
    assert.deepEqual(
      entries.slice(2, 4).map((e) => [e.target, e.detail.added]),
      [
        [orgIds['Bank A'], 2],
        [orgIds['Bank A'], 1],
      ],
    );
    const text = await ok(['audit', '--action', 'key.create']);
    assert.match(text, /\toperator\tkey\.create\t/);
    const secret = key.slice(-43);
    assert.ok(!JSON.stringify(entries).includes(secret) && !text.includes(secret));
    assert.ok(!storeBytes().includes(secret));
  });
});
