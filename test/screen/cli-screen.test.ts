import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addOrganisation, importElements, loadReferenceData } from '../../src/hub/index.ts';
import { openStore } from '../../src/store/index.ts';
import { type CliResult, runCli } from '../support/cli.ts';
import { walletFlag } from '../support/stix-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const OFAC_LAZARUS = '0x098B716B8Aaf21512996dC57EB0615e2383E2f96';
const PRIVATE = '0x3333333333333333333333333333333333333333';

/** Runs the real `bulwark screen` command as users do (exit codes, stderr). */
function bulwark(args: string[], input = ''): Promise<CliResult> {
  return runCli(['screen', ...args], { input });
}

describe('bulwark screen', () => {
  const dir = tempDir('bulwark-screen-cli-');
  const data = join(dir.path, 'data');
  before(async () => {
    const store = await openStore({ data });
    await loadReferenceData(store);
    const a = await addOrganisation(store, 'Exchange A');
    await addOrganisation(store, 'Bank B');
    async function* one() {
      const value = walletFlag('indicator--6f1f2c1e-8d0a-4c1b-9a55-3a2b1c0d9e8f', PRIVATE, 'A private flag');
      yield [{ value, place: { index: 0, line: 0 } }];
    }
    await importElements(one(), {
      store,
      authorOrg: a.id,
      defaultTlp: 'amber',
      audience: { communities: [], orgs: [], users: [] },
    });
    await store.close();
  });
  after(() => dir.remove());

  it('prints one DESIGN.md-shaped JSON line per address, from arguments and stdin, and exits 0', async () => {
    const unknown = `0x${'ab'.repeat(20)}`;
    const run = await bulwark(
      ['--data', data, '--json', OFAC_LAZARUS, '-'],
      `${unknown}\n\n${OFAC_LAZARUS.toLowerCase()}\n`,
    );
    assert.equal(run.code, 0, run.stderr);
    const results = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      results.map((r) => [r.address, r.risk]),
      [
        [OFAC_LAZARUS.toLowerCase(), 'severe'],
        [unknown, 'none'],
        [OFAC_LAZARUS.toLowerCase(), 'severe'],
      ],
    );
    for (const reason of results[0].reasons) {
      assert.equal(typeof reason.kind, 'string');
      assert.equal(typeof reason.source, 'string');
      assert.equal(typeof reason.detail, 'string');
    }
    assert.ok(
      results[0].reasons.some((r: { entities: { name: string }[] }) =>
        r.entities.some((e) => e.name === 'Lazarus Group'),
      ),
    );
  });

  it("screens with an organisation's view under --as-org", async () => {
    const asA = await bulwark(['--data', data, '--json', '--as-org', 'Exchange A', PRIVATE]);
    const asB = await bulwark(['--data', data, '--json', '--as-org', 'Bank B', PRIVATE]);
    assert.equal(JSON.parse(asA.stdout).risk, 'high');
    assert.equal(JSON.parse(asB.stdout).risk, 'none');
  });

  it('prints the risk and the reasons for people without --json', async () => {
    const run = await bulwark(['--data', data, OFAC_LAZARUS]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /SEVERE/);
    assert.match(run.stdout, /sanctioned: .*OFAC SDN/);
  });

  it('fails with the known organisations for an unknown --as-org', async () => {
    const run = await bulwark(['--data', data, '--as-org', 'Nobody', OFAC_LAZARUS]);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /Nobody/);
  });
});
