import assert from 'node:assert/strict';
import { once } from 'node:events';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore, type Store } from '../../src/store/index.ts';
import { runCli, startCli } from '../support/cli.ts';
import { freshPostgresSchema, requirePostgres } from '../support/services.ts';
import { indicator, writeIndicatorBundle } from '../support/stix-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const COUNT = 40_000;
const BATCH = 1000;
const dir = tempDir('bulwark-crash-');
const file = join(dir.path, 'bundle.json');

before(() => writeIndicatorBundle(file, COUNT));
after(() => dir.remove());

async function indicatorCount(store: Store): Promise<number> {
  return store.count({ scope: { kind: 'all' }, types: ['indicator'], versions: { kind: 'all' } });
}

/** Kills an import once at least `atLeast` objects are committed, and returns the count then. */
async function killMidway(
  args: string[],
  env: Record<string, string>,
  open: () => Promise<Store>,
): Promise<void> {
  const child = startCli(
    ['import', file, '--org', 'Crash Test Bank', '--batch', String(BATCH), ...args],
    env,
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = once(child, 'exit');
  const observer = await open();
  try {
    for (let i = 0; i < 600; i++) {
      if ((await indicatorCount(observer)) >= 3 * BATCH) break;
      if (child.exitCode !== null) assert.fail(`import ended before it could be killed: ${stderr}`);
      await sleep(50);
    }
  } finally {
    await observer.close();
  }
  child.kill('SIGKILL');
  const [, signal] = await exited;
  assert.equal(signal, 'SIGKILL', 'the import was killed, not finished');
}

async function checkIntactPrefix(store: Store): Promise<number> {
  const count = await indicatorCount(store);
  assert.ok(count >= 3 * BATCH && count < COUNT, `killed mid-way: ${count} stored`);
  assert.equal(count % BATCH, 0, 'only whole batches are stored');
  let checked = 0;
  for await (const version of store.stream({ scope: { kind: 'all' }, types: ['indicator'] })) {
    const stored = JSON.parse(version.json);
    const n = Number(String(stored.name).split(' ').pop());
    // The hub adds the default marking and the importing organisation as created_by_ref.
    const { object_marking_refs: _marking, created_by_ref: creator, ...rest } = stored;
    assert.match(String(creator), /^identity--/);
    assert.deepEqual(rest, indicator(n), `object ${version.id} is stored whole`);
    checked++;
  }
  assert.equal(checked, count);
  return count;
}

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`an import killed with SIGKILL (${backend})`, () => {
    test('leaves whole committed batches, nothing half-written, and a re-run completes it', async (t) => {
      let args: string[];
      let env: Record<string, string> = {};
      let open: () => Promise<Store>;
      let cleanup = async (): Promise<void> => {};
      if (backend === 'sqlite') {
        const data = join(dir.path, 'data');
        args = ['--data', data];
        open = () => openStore({ data });
      } else {
        const url = await requirePostgres(t);
        if (!url) return;
        const { schema, drop } = await freshPostgresSchema(url, 'bulwark_crash');
        const db = `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        args = ['--db', db];
        env = { BULWARK_DB: db };
        open = () => openStore({ db: url, schema });
        cleanup = drop;
      }
      try {
        const org = await runCli(['org', 'add', 'Crash Test Bank', ...args]);
        assert.equal(org.code, 0, org.stderr);
        await killMidway(args, env, open);
        const store = await open();
        const before = await checkIntactPrefix(store).finally(() => store.close());
        const rerun = await runCli(['import', file, '--org', 'Crash Test Bank', ...args, '--json'], { env });
        assert.equal(rerun.code, 0, rerun.stderr);
        const summary = JSON.parse(rerun.stdout);
        assert.equal(summary.duplicates, before);
        assert.equal(summary.added, COUNT - before);
        const reopened = await open();
        assert.equal(await indicatorCount(reopened).finally(() => reopened.close()), COUNT);
      } finally {
        await cleanup();
      }
    });
  });
}
