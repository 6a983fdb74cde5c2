/**
 * The hub's central promise, as a property: for random organisations, communities, keys and objects
 * with random markings and audiences, every read path (REST listing, counts, stats, object by id with
 * its relationships, sightings and versions, search; TAXII collections, objects, manifest, object by
 * id, versions; `bulwark export --as-org`) shows each caller exactly what DESIGN.md's TLP table allows
 * — no leak, no wrongful hiding — checked against an independent oracle (oracle.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { createServer } from '../../src/server/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { runCli } from '../support/cli.ts';
import { freshPostgresSchema, requirePostgres } from '../support/services.ts';
import { tempDir } from '../support/temp-dir.ts';

/**
 * Stores in memory-backed /dev/shm where there is one: the property makes thousands of audited reads,
 * each a durable write, and the test is about visibility, not disk syncs.
 */
function scratch(prefix: string): { path: string; remove: () => void } {
  if (!existsSync('/dev/shm')) return tempDir(prefix);
  const path = mkdtempSync(join('/dev/shm', prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

import { checkListing, checkObject, checkSearch } from './check-rest.ts';
import { checkTaxii } from './check-taxii.ts';
import { latestVisible, Oracle } from './oracle.ts';
import { buildWorld, type World, worldArb } from './world.ts';

const CASES_REQUIRED = 10_000;

/** A failing world holds hundreds of objects: report the seed, path and error, not the whole value. */
function settings(numRuns: number): fc.Parameters<unknown[]> {
  return {
    numRuns,
    endOnFailure: true,
    reporter: (details) => {
      if (!details.failed) return;
      const cause = details.errorInstance;
      throw new Error(
        `visibility property failed (seed ${details.seed}, path ${details.counterexamplePath}): ${cause instanceof Error ? cause.message : String(cause)}`,
        { cause },
      );
    },
  };
}

interface Tally {
  cases: number;
  worlds: number;
}

/** Every REST and TAXII read path for every key of the world. */
async function checkWorld(
  store: Store,
  world: World,
  pageSize: number,
  tally: Tally,
  seed: number,
): Promise<void> {
  const app = createServer({ store });
  await app.ready();
  try {
    const oracle = new Oracle(world.objects);
    let denied = 0;
    for (const [m, member] of world.members.entries()) {
      tally.cases += await checkListing(app, oracle, member, pageSize);
      for (const [i, object] of world.objects.entries()) {
        const result = await checkObject(app, oracle, member, object.id, (i + m) % 2 === 0);
        tally.cases += result.cases;
        denied += result.denied;
      }
      tally.cases += await checkSearch(app, oracle, member);
      const sample = world.objects.filter((_, i) => (i * 7 + seed + m) % 13 === 0).map((o) => o.id);
      tally.cases += await checkTaxii(app, oracle, member, pageSize, sample);
    }
    const audited = await store.members.queryAudit({ action: 'api.object.read.denied', limit: 10_000 });
    assert.equal(audited.length, denied, 'every denied read is audited');
    tally.worlds++;
  } finally {
    await app.close();
  }
}

const property = (
  open: (n: number) => Promise<{ store: Store; done: () => Promise<void> }>,
  tally: Tally,
  size = { min: 150, max: 250 },
) =>
  fc.asyncProperty(worldArb(size), fc.integer({ min: 1, max: 80 }), async (spec, pageSize) => {
    const n = tally.worlds + 1;
    const { store, done } = await open(n);
    try {
      const world = await buildWorld(store, spec, n);
      await checkWorld(store, world, pageSize, tally, n);
    } finally {
      await done();
    }
  });

test('no read path leaks or hides an object: REST and TAXII against the TLP oracle, SQLite', async () => {
  const tally: Tally = { cases: 0, worlds: 0 };
  const open = async () => {
    const dir = scratch('bulwark-visibility-');
    const store = await openStore({ data: dir.path });
    return {
      store,
      done: async () => {
        await store.close();
        dir.remove();
      },
    };
  };
  // Worlds differ in size (2–10 keys), so run them one by one until the cases reach the bar.
  while (tally.worlds < 3 || (tally.cases < CASES_REQUIRED && tally.worlds < 20)) {
    await fc.assert(property(open, tally), settings(1));
  }
  assert.ok(tally.cases >= CASES_REQUIRED, `only ${tally.cases} cases checked`);
  process.stdout.write(`# visibility: ${tally.cases} cases in ${tally.worlds} worlds (SQLite)\n`);
});

test('no read path leaks or hides an object: the same property on PostgreSQL', async (t) => {
  const url = await requirePostgres(t);
  if (url === undefined) return;
  const tally: Tally = { cases: 0, worlds: 0 };
  const open = async () => {
    const schema = await freshPostgresSchema(url, 'bulwark_visibility');
    const store = await openStore({ db: url, schema: schema.schema });
    return {
      store,
      done: async () => {
        await store.close();
        await schema.drop();
      },
    };
  };
  // One smaller world: the same body on the other backend, within the test's time budget.
  await fc.assert(property(open, tally, { min: 60, max: 100 }), settings(1));
  process.stdout.write(`# visibility: ${tally.cases} cases in ${tally.worlds} worlds (PostgreSQL)\n`);
});

test('bulwark export --as-org writes exactly what the organisation may read', async () => {
  let cases = 0;
  let run = 0;
  await fc.assert(
    fc.asyncProperty(worldArb({ min: 60, max: 120 }), async (spec) => {
      run++;
      const dir = scratch('bulwark-visibility-export-');
      try {
        const store = await openStore({ data: dir.path });
        const world = await buildWorld(store, spec, 1000 + run);
        await store.close();
        const oracle = new Oracle(world.objects);
        for (const [i, orgId] of world.orgIds.entries()) {
          const reader = { orgId, communityIds: world.members.find((m) => m.orgId === orgId)!.communityIds };
          const out = await runCli(['export', '--data', dir.path, '--as-org', world.orgNames[i]!]);
          assert.equal(out.code, 0, out.stderr);
          const objects = (JSON.parse(out.stdout) as { objects: { id: string; modified: string }[] }).objects;
          const expected = oracle.objects.filter((o) => latestVisible(reader, o) !== undefined);
          assert.deepEqual(
            objects.map((o) => o.id).sort(),
            expected.map((o) => o.id).sort(),
            `export as ${world.orgNames[i]}`,
          );
          for (const o of objects)
            assert.equal(o.modified, latestVisible(reader, oracle.get(o.id)!)!.modified);
          cases += objects.length + 1;
        }
      } finally {
        dir.remove();
      }
    }),
    settings(1),
  );
  process.stdout.write(`# visibility: ${cases} export cases\n`);
});
