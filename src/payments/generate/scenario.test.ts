import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createScreener } from '../screen/screener.ts';
import { parseAll } from '../test-support.ts';
import type { PaymentVerdict } from '../types.ts';
import { generateTraffic } from './generate-traffic.ts';

const SPLIT = '2016-01-01';

interface Outcome {
  heist: boolean;
  run?: string;
  verdict: PaymentVerdict;
}

/**
 * Learns Aug–Dec 2015 from the parsed message texts, then screens Jan–Feb 2016 in release order; what
 * the screener does not hold (risk below high) is released and learned, as a bank would.
 */
async function replay(): Promise<Outcome[]> {
  const traffic = generateTraffic({ seed: 2016 });
  const screener = createScreener();
  const outcomes: Outcome[] = [];
  for (const item of traffic) {
    const [result] = await parseAll(item.text);
    assert.ok(result?.ok, 'generated messages parse');
    const p = result.payment;
    if ((p.createdAt ?? '') < SPLIT) {
      screener.learn(p);
      continue;
    }
    const verdict = screener.screen(p);
    outcomes.push({ heist: item.heist, ...(item.run ? { run: item.run } : {}), verdict });
    if (verdict.risk !== 'high' && verdict.risk !== 'severe') screener.learn(p);
  }
  return outcomes;
}

let replayed: Promise<Outcome[]> | undefined;
function outcomes(): Promise<Outcome[]> {
  replayed ??= replay();
  return replayed;
}

const held = (o: Outcome) => o.verdict.risk === 'high' || o.verdict.risk === 'severe';

test('the generator is deterministic: same seed, same messages', () => {
  const a = generateTraffic({ seed: 7, start: '2015-12-01', end: '2015-12-15' });
  const b = generateTraffic({ seed: 7, start: '2015-12-01', end: '2015-12-15' });
  assert.deepEqual(
    a.map((x) => x.text),
    b.map((x) => x.text),
  );
  assert.notDeepEqual(
    a.map((x) => x.text),
    generateTraffic({ seed: 8, start: '2015-12-01', end: '2015-12-15' }).map((x) => x.text),
  );
});

test('heist runs are held (≥ 90 % at risk high or severe) with ≤ 5 % of ordinary payments held', async () => {
  const all = await outcomes();
  const heists = all.filter((o) => o.heist);
  const normal = all.filter((o) => !o.heist);
  const detection = heists.filter(held).length / heists.length;
  const falsePositives = normal.filter(held).length / normal.length;
  console.log(
    `# scenario: ${heists.length} heist, ${normal.length} ordinary payments screened; ` +
      `detection ${(detection * 100).toFixed(1)} %, false positives ${(falsePositives * 100).toFixed(2)} %`,
  );
  assert.equal(heists.length, 70);
  assert.ok(normal.length > 500);
  assert.ok(detection >= 0.9, `detection ${detection}`);
  assert.ok(falsePositives <= 0.05, `false positives ${falsePositives}`);
});

test('every payment of the Bangladesh run is held, and the misspelt foundation is named', async () => {
  const run = (await outcomes()).filter((o) => o.run === 'bangladesh-2016');
  assert.equal(run.length, 35);
  assert.ok(run.every(held));
  const kinds = new Set(run.flatMap((o) => o.verdict.reasons.map((r) => r.kind)));
  for (const kind of [
    'off-hours',
    'burst',
    'new-beneficiary',
    'new-beneficiary-country',
    'individual-beneficiary',
  ]) {
    assert.ok(kinds.has(kind), kind);
  }
  const details = run.flatMap((o) => o.verdict.reasons.map((r) => r.detail)).join('\n');
  assert.match(details, /"FANDATION" is 2 edits from "FOUNDATION"/);
  assert.match(details, /weekend \(Friday\) in BD/);
  assert.match(details, /2016-02-08 is a public holiday in PH/);
});
