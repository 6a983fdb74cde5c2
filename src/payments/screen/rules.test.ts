import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig, loadConfig } from './config.ts';
import { PaymentHistory } from './history.ts';
import { createScreener } from './screener.ts';
import { kinds, payment, trainedScreener } from './test-fixtures.ts';

test('an ordinary payment like the history raises nothing', () => {
  const verdict = trainedScreener().screen(payment());
  assert.deepEqual(verdict, { reference: 'REF', risk: 'none', score: 0, reasons: [] });
});

test('new-beneficiary fires for a creditor never paid, and only with enough history', () => {
  const other = payment({
    creditor: { name: 'NEW SUPPLIER LTD', addressLines: [], account: { kind: 'other', value: '9' } },
  });
  assert.ok(kinds(trainedScreener(), other).includes('new-beneficiary'));
  const young = createScreener();
  for (let i = 0; i < 3; i++) young.learn(payment());
  assert.ok(!kinds(young, other).includes('new-beneficiary'));
});

test('new bank and new country fire on a never-used beneficiary bank, in a new country', () => {
  const found = kinds(trainedScreener(), payment({ bank: 'MULEPHMMXXX' }));
  assert.ok(found.includes('new-beneficiary-bank'));
  assert.ok(found.includes('new-beneficiary-country'));
  const sameCountry = kinds(trainedScreener(), payment({ bank: 'OTHRSGSGXXX' }));
  assert.ok(sameCountry.includes('new-beneficiary-bank') && !sameCountry.includes('new-beneficiary-country'));
});

test('amount-outlier fires far outside the corridor median, not inside the usual spread', () => {
  assert.ok(kinds(trainedScreener(), payment({ usd: 20_000_000 })).includes('amount-outlier'));
  assert.ok(kinds(trainedScreener(), payment({ usd: 500 })).includes('amount-outlier'));
  assert.ok(!kinds(trainedScreener(), payment({ usd: 130_000 })).includes('amount-outlier'));
});

test('off-hours: Bangladeshi Friday is a weekend, 22:00 is after hours, a Sunday is a working day', () => {
  const s = trainedScreener();
  const friday = s.screen(payment({ createdAt: '2016-02-05T10:00:00' })).reasons[0];
  assert.equal(friday?.kind, 'off-hours');
  assert.match(friday?.detail ?? '', /weekend \(Friday\)/);
  assert.match(
    s.screen(payment({ createdAt: '2016-02-04T22:00:00' })).reasons[0]?.detail ?? '',
    /outside business hours/,
  );
  assert.match(
    s.screen(payment({ createdAt: '2016-02-21T10:00:00' })).reasons[0]?.detail ?? '',
    /public holiday/,
  );
  assert.deepEqual(kinds(s, payment({ createdAt: '2016-02-07T10:00:00' })), []);
});

test('beneficiary-holiday fires when the value date is a holiday where the money lands', () => {
  const found = kinds(trainedScreener(), payment({ bank: 'MULEPHMMXXX', valueDate: '2016-02-08' }));
  assert.ok(found.includes('beneficiary-holiday'));
});

test('burst fires from the fifth large payment within the window, not for spread-out ones', () => {
  const s = trainedScreener();
  const minutes = [0, 5, 10, 15, 20, 25];
  const fired = minutes.map((m) =>
    kinds(
      s,
      payment({ usd: 2_000_000, createdAt: `2016-01-12T12:${String(m).padStart(2, '0')}:00` }),
    ).includes('burst'),
  );
  assert.deepEqual(fired, [false, false, false, false, true, true]);
  const spread = trainedScreener();
  const hours = [9, 10, 11, 12, 13, 14].map((h) =>
    kinds(
      spread,
      payment({ usd: 2_000_000, createdAt: `2016-01-12T${String(h).padStart(2, '0')}:30:00` }),
    ).includes('burst'),
  );
  assert.ok(hours.every((f) => !f));
});

test('individual-beneficiary fires for a person where history holds institutions only', () => {
  const found = kinds(trainedScreener(), payment({ creditorName: 'RAMON SANTOS' }));
  assert.ok(found.includes('individual-beneficiary'));
  assert.ok(
    !kinds(trainedScreener(), payment({ creditorName: 'ATLAS LOGISTICS GMBH' })).includes(
      'individual-beneficiary',
    ),
  );
});

test('watchlist matches a transliterated name variant and a listed account, and forces severe', () => {
  const config = loadConfig(
    'watchlist: [{ name: "KOREA KWANGSON BANKING CORP", accounts: ["GB12 3456"], source: "test list" }]',
  );
  const s = createScreener(config);
  const byName = s.screen(payment({ creditorName: 'Korea Kwangsŏn Banking Corporation' }));
  assert.equal(byName.risk, 'severe');
  assert.equal(byName.reasons[0]?.source, 'test list');
  const byAccount = s.screen(
    payment({ creditor: { name: 'X', addressLines: [], account: { kind: 'other', value: 'gb123456' } } }),
  );
  assert.equal(byAccount.reasons[0]?.kind, 'watchlist');
  assert.ok(!kinds(s, payment({ creditorName: 'KOREA EXCHANGE BANK' })).includes('watchlist'));
});

test('text-anomaly finds "FANDATION" but not correct or plural institution words', () => {
  const s = createScreener();
  const reason = s
    .screen(payment({ creditorName: 'SHALIKA FANDATION' }))
    .reasons.find((r) => r.kind === 'text-anomaly');
  assert.match(reason?.detail ?? '', /FANDATION.*FOUNDATION/);
  assert.ok(!kinds(s, payment({ creditorName: 'SHALIKA FOUNDATION' })).includes('text-anomaly'));
  assert.ok(
    !kinds(s, payment({ creditorName: 'SUMMIT TEXTILES', remittance: 'PAYMENT FOR SERVICES' })).includes(
      'text-anomaly',
    ),
  );
});

test('a disabled rule stays silent and weights are the analyst’s', () => {
  const quiet = trainedScreener(
    loadConfig('rules: { newBeneficiaryCountry: { enabled: false }, newBeneficiaryBank: { weight: 33 } }'),
  );
  const verdict = quiet.screen(payment({ bank: 'MULEPHMMXXX' }));
  assert.deepEqual(
    verdict.reasons.map((r) => [r.kind, r.weight]),
    [['new-beneficiary-bank', 33]],
  );
  assert.equal(verdict.score, 33);
});

test('a history serialised to JSON and read back screens the same', () => {
  const s = trainedScreener();
  const copy = createScreener(
    defaultConfig(),
    PaymentHistory.fromJSON(JSON.parse(JSON.stringify(s.history))),
  );
  for (const p of [
    payment(),
    payment({ usd: 9_000_000, bank: 'MULEPHMMXXX', creditorName: 'RAMON SANTOS' }),
  ]) {
    assert.deepEqual(copy.screen(p), trainedScreener().screen(p));
  }
  assert.throws(() => PaymentHistory.fromJSON({ version: 2 }), /serialised payment history/);
});
