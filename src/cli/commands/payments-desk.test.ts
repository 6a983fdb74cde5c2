import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type CliResult, runCli } from '../../../test/support/cli.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { addOrganisation, createKey } from '../../hub/index.ts';
import { openStore } from '../../store/index.ts';

const GENERATED = join(import.meta.dirname, '..', '..', '..', 'data', 'payments', 'generated');
const TRAFFIC = join(GENERATED, 'traffic-2016-02-01-to-07.jsonl');
const HISTORY = join(GENERATED, 'history-2015-11-to-12.jsonl');

const dir = tempDir('bulwark-desk-');
const keys = { maker: '', checker: '', admin: '' };

before(async () => {
  const store = await openStore({ data: dir.path });
  await addOrganisation(store, 'Bangladesh Bank');
  keys.maker = (await createKey(store, { org: 'Bangladesh Bank', role: 'contributor' })).key;
  keys.checker = (await createKey(store, { org: 'Bangladesh Bank', role: 'contributor' })).key;
  keys.admin = (await createKey(store, { org: 'Bangladesh Bank', role: 'admin' })).key;
  await store.close();
});
after(() => dir.remove());

/** The real `bulwark payments …` against the test's store, as a person with `key`. */
function bulwark(args: string[], key?: string): Promise<CliResult> {
  return runCli(['payments', ...args, '--data', dir.path], { env: key ? { BULWARK_API_KEY: key } : {} });
}

const lines = (run: CliResult) =>
  run.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('bulwark payments desk', () => {
  it('holds flagged payments in blocking mode; the maker cannot release them, a checker can; the report tells', async () => {
    const screen = await bulwark(
      ['screen', TRAFFIC, '--history', HISTORY, '--mode', 'blocking', '--json'],
      keys.maker,
    );
    assert.equal(screen.code, 0, screen.stderr);
    const held = lines(screen).filter((r) => r.hold !== undefined);
    const heists = readFileSync(TRAFFIC, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"label":"heist"'));
    assert.ok(held.length >= heists.length && heists.length > 0, `${held.length} held`);
    assert.match(screen.stderr, /held/);

    const list = await bulwark(['holds', '--status', 'held', '--json'], keys.checker);
    assert.equal(list.code, 0, list.stderr);
    assert.equal(lines(list).length, held.length);
    const holdIds = held.map((r) => (r.hold as { id: string }).id);
    const id = holdIds[0] as string;

    const own = await bulwark(['decide', id, 'approve', '--comment', 'mine'], keys.maker);
    assert.equal(own.code, 1);
    assert.match(own.stderr, /BULWARK_E_PAYMENT_HOLD_OWN/);
    const ok = await bulwark(
      ['decide', id, 'approve', '--comment', 'called the beneficiary bank'],
      keys.checker,
    );
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /released/);
    const other = holdIds[1] as string;
    assert.equal((await bulwark(['decide', other, 'reject', '--comment', 'fraud'], keys.checker)).code, 0);

    const day = new Date().toISOString().slice(0, 10);
    const report = await bulwark(['report', '--day', day, '--json'], keys.checker);
    assert.equal(report.code, 0, report.stderr);
    const r = lines(report)[0] as { held: unknown[]; released: { id: string }[]; rejected: { id: string }[] };
    assert.equal(r.held.length, held.length);
    assert.deepEqual(
      r.released.map((l) => l.id),
      [id],
    );
    assert.deepEqual(
      r.rejected.map((l) => l.id),
      [other],
    );
    const text = await bulwark(['report', '--day', day, '--org', 'Bangladesh Bank']);
    assert.match(
      text.stdout,
      /Released: 1\n.*\n\s+why: .+\n\s+approve by \S+ at .*: called the beneficiary bank/,
    );
  });

  it('monitoring mode alerts and holds nothing', async () => {
    const screen = await bulwark(
      ['screen', TRAFFIC, '--history', HISTORY, '--mode', 'monitoring', '--json'],
      keys.maker,
    );
    assert.equal(screen.code, 0, screen.stderr);
    const flagged = lines(screen).filter((r) => r.hold !== undefined);
    assert.ok(flagged.length > 0);
    assert.ok(flagged.every((r) => (r.hold as { status: string }).status === 'alerted'));
  });

  it('refuses usage errors with exit 2 and acting without a key with exit 2', async () => {
    assert.equal((await bulwark(['decide', 'x', 'maybe', '--comment', 'c'], keys.checker)).code, 2);
    assert.equal((await bulwark(['report', '--day', '2016-13-45'], keys.checker)).code, 2);
    assert.equal((await bulwark(['decide', 'x', 'approve', '--comment', 'c'])).code, 2);
    assert.equal((await bulwark(['screen', TRAFFIC, '--mode', 'sometimes'], keys.maker)).code, 2);
    assert.equal((await bulwark(['policy', '--approvals', '2'], keys.checker)).code, 1);
    assert.equal((await bulwark(['policy', '--approvals', '2'], keys.admin)).code, 0);
  });
});
