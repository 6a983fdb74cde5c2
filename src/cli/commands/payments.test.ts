import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type CliResult, runCli } from '../../../test/support/cli.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DATA = join(ROOT, 'data', 'payments');

/** Runs the real `bulwark payments` command as users do (exit codes, stderr). */
function bulwark(args: string[], input = ''): Promise<CliResult> {
  return runCli(['payments', ...args], { input });
}

describe('bulwark payments screen', () => {
  it('prints one verdict JSON line per message of an RJE file', async () => {
    const run = await bulwark(['screen', join(DATA, 'vectors', 'prowide-core_MT103-out-ack.rje'), '--json']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 13);
    assert.deepEqual(Object.keys(lines[0] ?? {}), ['reference', 'risk', 'score', 'reasons']);
    assert.equal(lines[0]?.reference, '22342343');
  });

  it('with a learned history, holds the Bangladesh run of the sample week and little else', async () => {
    const traffic = join(DATA, 'generated', 'traffic-2016-02-01-to-07.jsonl');
    const history = join(DATA, 'generated', 'history-2015-11-to-12.jsonl');
    const run = await bulwark(['screen', traffic, '--history', history, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const verdicts = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { risk: string });
    const labels = readFileSync(traffic, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { label: string }).label);
    assert.equal(verdicts.length, labels.length);
    const held = verdicts.map((v) => v.risk === 'high' || v.risk === 'severe');
    const caught = held.filter((h, i) => h && labels[i] === 'heist').length;
    const falseAlarms = held.filter((h, i) => h && labels[i] === 'normal').length;
    assert.equal(caught, labels.filter((l) => l === 'heist').length);
    assert.ok(falseAlarms <= 0.05 * labels.filter((l) => l === 'normal').length);
  });

  it('reports malformed messages on stderr with index and field, and still screens the rest', async () => {
    const good = readFileSync(join(DATA, 'vectors', 'prowide-core_MT103-out-ack.rje'), 'utf8').split(
      '$',
    )[0] as string;
    const bad = good.replace(':32A:191014USD1814,28', ':32A:191014USD1814.28');
    const run = await bulwark(['screen', '-'], `${good}$${bad}$${good}`);
    assert.equal(run.code, 0);
    assert.match(run.stderr, /message #1 \(at :32A:, line \d+\): BULWARK_E_PAYMENT_MALFORMED/);
    assert.equal(run.stdout.trim().split('\n').length, 3);
    assert.match(run.stdout, /^REFERENCE\s+RISK\s+SCORE/);
  });

  it('exits 1 when no message parses and 2 on a missing file or a bad config', async () => {
    const none = await bulwark(['screen', '-'], 'garbage\n');
    assert.equal(none.code, 1);
    assert.match(none.stderr, /message #0/);
    const missing = await bulwark(['screen', join(DATA, 'no-such-file.rje')]);
    assert.equal(missing.code, 2);
    assert.equal(missing.stdout, '');
    const config = await bulwark(['screen', '-', '--config', join(DATA, 'nope.yaml')]);
    assert.equal(config.code, 2);
  });
});
