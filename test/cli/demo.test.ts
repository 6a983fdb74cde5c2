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
  // the trace stopping at the scenario's services, against the truth with its exchanges as stops
  assert.ok(report.truth > 50, `${report.truth} tainted addresses in the scenario`);
  assert.ok(report.recall >= 0.99, `recall ${report.recall}`);
  assert.equal(report.precision, 1, 'no address that never received stolen value is marked');
  assert.ok(report.amount_error <= 0.01, `amount error ${report.amount_error}`);
  // without labels, against the scenario's own truth (every address ordinary); the two truths differ
  // by the entries reached only through exchanges' own transfers
  const plain = report.unlabelled;
  assert.ok(plain.recall >= 0.99, `recall ${plain.recall}`);
  assert.equal(plain.precision, 1);
  assert.ok(plain.amount_error <= 0.01, `amount error ${plain.amount_error}`);
  assert.ok(report.beyondExchanges > 0, 'exchanges swept and paid out stolen value');
  assert.equal(report.truth + report.beyondExchanges, plain.truth);

  // "where did it end up" names the exchanges, the mixer and the bridge, not only "held"
  assert.ok(report.exchangesReached.length > 0, 'the laundering reached an exchange');
  const exchanges = report.destinations.filter((d: { category: string }) => d.category === 'exchange');
  assert.deepEqual(
    [...new Set(exchanges.map((d: { name: string }) => d.name))].sort(),
    report.exchangesReached,
  );
  for (const d of exchanges) assert.ok(BigInt(d.value) > 0n, `${d.name} got ${d.value}`);
  const mixer = report.destinations.find((d: { category: string }) => d.category === 'mixer');
  assert.ok(mixer && BigInt(mixer.passedOn) > 0n, 'the trace went through the mixer by matching');
  assert.ok(report.destinations.some((d: { category: string }) => d.category === 'bridge'));
  const ethAt = (category: string) =>
    report.destinations
      .filter((d: { category: string; asset: string }) => d.category === category && d.asset === 'ETH')
      .reduce((sum: bigint, d: { value: string }) => sum + BigInt(d.value), 0n);
  assert.ok(ethAt('exchange') > ethAt('held'), 'more ended up at exchanges than is still held');

  const human = await runCli(['demo', '--data', `${dir.path}/human`]);
  assert.equal(human.code, 0, human.stderr);
  for (const name of report.exchangesReached)
    assert.match(human.stdout, new RegExp(`exchange +${name} +\\d+ ETH`));
});
