import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { requireAnvil } from '../support/anvil.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('bulwark-demo-');
after(() => dir.remove());

test('bulwark demo traces the heist on a real node and reports recall, precision and amount error', async (t) => {
  const probe = await requireAnvil(t);
  if (!probe) return;
  await probe.stop();
  const result = await runCli(['demo', '--data', dir.path, '--json']);
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.ok(report.truth > 50, `${report.truth} tainted addresses in the scenario`);
  assert.ok(report.recall >= 0.99, `recall ${report.recall}`);
  assert.equal(report.precision, 1, 'no address that never received stolen value is marked');
  assert.ok(report.amount_error <= 0.01, `amount error ${report.amount_error}`);
  assert.ok(report.exchangesReached.length > 0, 'the laundering reached an exchange');
});
