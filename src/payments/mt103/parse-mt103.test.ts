import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isBulwarkError } from '../../errors/index.ts';
import { dataFile, parseAll } from '../test-support.ts';
import type { Payment } from '../types.ts';

function payments(results: Awaited<ReturnType<typeof parseAll>>): Payment[] {
  return results.map((r) => {
    assert.ok(r.ok, r.ok ? '' : r.error.describe());
    return r.payment;
  });
}

test('the prowide out-ack RJE file yields its 13 MT103s with sender, receiver, UETR and amounts', async () => {
  const all = payments(await parseAll(dataFile('vectors/prowide-core_MT103-out-ack.rje')));
  assert.equal(all.length, 13);
  const first = all[0] as Payment;
  assert.equal(first.reference, '22342343');
  assert.equal(first.uetr, '8579f4a4-a547-463e-ae63-e7c6620d59b4');
  assert.deepEqual(first.amount, { value: '1814.28', currency: 'USD', minor: 181428n });
  assert.equal(first.valueDate, '2019-10-14');
  assert.equal(first.senderBic, 'BBBBUS3NXXX');
  assert.equal(first.receiverBic, 'BICFOOYYXXX');
  assert.equal(first.createdAt, '2019-10-14T16:10:00');
  assert.equal(first.debtor.name, 'FOO CAPITAL MARKETS LP');
  assert.deepEqual(first.debtor.addressLines, ['99 WALL ST STE 9999', 'NEW YORK, NY 10005-3122']);
  assert.deepEqual(first.creditor.account, { kind: 'other', value: '00123456789012345678' });
  assert.equal(first.intermediaries[0]?.role, 'ordering-institution');
  assert.equal(first.charges, 'SHA');
  assert.match(first.remittance ?? '', /^FINDERS FEES-JULY/);
  const euro = all[1] as Payment;
  assert.equal(euro.amount.value, '111222.33');
  assert.equal(euro.creditorAgent, 'BICFOOYY');
  assert.deepEqual(euro.intermediaries, [{ role: 'senders-correspondent', bic: 'FOODESMMXXX' }]);
  assert.equal(euro.instructedAmount?.value, '111222.33');
});

test('the bulk RJE file skips each ACK in front of its message and reads 71F and 53B', async () => {
  const all = payments(await parseAll(dataFile('vectors/prowide-core_MT103-bulk-with-ack.rje')));
  assert.deepEqual(
    all.map((p) => [p.reference, p.amount.value, p.senderBic]),
    [
      ['234234233', '3700.00', 'BBBBUS33XXX'],
      ['C4772342333', '1321.00', 'BKTRUS33XXX'],
      ['201904250034434', '1417.80', 'BBBBUS33XXX'],
    ],
  );
  assert.deepEqual(all[0]?.intermediaries, [{ role: 'senders-correspondent', account: '00000000000000' }]);
  assert.equal(all[1]?.charges, 'BEN');
});

test('each message reports the input line it starts on', async () => {
  const all = payments(await parseAll(dataFile('vectors/prowide-core_MT103-out-ack.rje')));
  assert.deepEqual(
    all.slice(0, 3).map((p) => p.source.line),
    [1, 23, 38],
  );
});

const GOOD = [
  '{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{3:{121:8579f4a4-a547-463e-ae63-e7c6620d59b4}}{4:',
  ':20:REF1',
  ':23B:CRED',
  ':32A:160204USD1000,50',
  ':50K:/12345',
  'ACME LTD',
  ':59:/999',
  'JOHN DOE',
  ':71A:SHA',
  '-}',
].join('\n');

function mutate(from: string, to: string): string {
  assert.ok(GOOD.includes(from), `fixture holds ${from}`);
  return GOOD.replace(from, to);
}

const CASES: Array<[string, string, string, RegExp]> = [
  ['missing :20:', ':20:REF1\n', ':20:', /mandatory/],
  ['reference with //', ':20:REF1', ':20:', /16x/],
  ['bad 23B code', ':23B:CRED', ':23B:', /CRED, CRTS/],
  ['invalid date', ':32A:160204', ':32A:', /YYMMDD/],
  ['unknown currency', 'USD1000,50', ':32A:', /ISO 4217/],
  ['dot instead of comma', '1000,50', ':32A:', /decimal comma/],
  ['too many decimals for JPY', 'USD1000,50', ':32A:', /allows 0 decimals/],
  ['bad charges code', ':71A:SHA', ':71A:', /OUR, SHA or BEN/],
  ['unknown tag', ':71A:SHA', ':99Z:', /not a field of MT103/],
  ['59 line too long', 'JOHN DOE', ':59:', /at most 35/],
  ['bad BIC in 57A', ':71A:SHA', ':57A:', /not a BIC/],
  ['bad UETR', '8579f4a4', '{3:{121:}}', /UUID/],
  ['wrong message type', 'I103', 'block 2', /MT202/],
  ['non-X character', 'ACME LTD', ':50K:', /X set/],
  ['33B currency differs without 36', ':50K:', ':36:', /mandatory when/],
  ['two 50 options', ':50K:', ':50K:', /more than once/],
  ['option F without numbered lines', ':50K:/12345\nACME LTD', ':50F:', /numbered/],
  ['36 with one currency', ':50K:', ':36:', /only allowed/],
  ['23E with SSTD', ':23B:CRED', ':23E:', /not allowed when :23B: is SSTD/],
  ['71F with OUR', ':71A:SHA', ':71F:', /not allowed when :71A: is OUR/],
  ['BEN without 71F', ':71A:SHA', ':71F:', /mandatory when :71A: is BEN/],
  ['71G with SHA', ':71A:SHA', ':71G:', /only allowed when :71A: is OUR/],
];

const REPLACEMENTS: Record<string, string> = {
  'missing :20:': '',
  'reference with //': ':20:RE//F1',
  'bad 23B code': ':23B:CRDT',
  'invalid date': ':32A:160230',
  'unknown currency': 'XYZ1000,50',
  'dot instead of comma': '1000.50',
  'too many decimals for JPY': 'JPY1000,50',
  'bad charges code': ':71A:ALL',
  'unknown tag': ':71A:SHA\n:99Z:X',
  '59 line too long': 'JOHN DOE OF A VERY LONG NAME THAT DOES NOT FIT',
  'bad BIC in 57A': ':57A:NOTABIC\n:71A:SHA',
  'bad UETR': '8579f4a4X',
  'wrong message type': 'I202',
  'non-X character': 'ACME & SONS',
  '33B currency differs without 36': ':33B:EUR900,\n:50K:',
  'two 50 options': ':50A:BANKBEBB\n:50K:',
  'option F without numbered lines': ':50F:/12345\nACME LTD',
  '36 with one currency': ':36:1,5\n:50K:',
  '23E with SSTD': ':23B:SSTD\n:23E:SDVA',
  '71F with OUR': ':71A:OUR\n:71F:USD1,',
  'BEN without 71F': ':71A:BEN',
  '71G with SHA': ':71A:SHA\n:71G:USD1,',
};

for (const [name, from, path, reason] of CASES) {
  test(`a malformed MT103 (${name}) is rejected naming ${path}`, async () => {
    const [result] = await parseAll(mutate(from, REPLACEMENTS[name] as string));
    assert.ok(result && !result.ok, 'rejected');
    assert.ok(isBulwarkError(result.error));
    assert.equal(result.error.code, 'BULWARK_E_PAYMENT_MALFORMED');
    assert.equal(result.error.place.path, path);
    assert.match(result.error.message, reason);
    assert.ok((result.error.place.line ?? 0) >= 1);
  });
}

test('a bad field in the middle of a batch is reported with its line and index, and the rest still parses', async () => {
  const bad = GOOD.replace(':32A:160204USD1000,50', ':32A:160204USD1000');
  const results = await parseAll(`${GOOD}\n$${bad}\n$${GOOD}`);
  assert.deepEqual(
    results.map((r) => r.ok),
    [true, false, true],
  );
  const failed = results[1];
  assert.ok(failed && !failed.ok);
  assert.equal(failed.index, 1);
  assert.equal(failed.error.place.path, ':32A:');
  assert.equal(failed.error.place.line, 14);
});

test('a message split across stream chunks parses as if read whole', async () => {
  const text = dataFile('vectors/prowide-core_MT103-out-ack.rje');
  async function* pieces(): AsyncGenerator<string> {
    for (let i = 0; i < text.length; i += 7) yield text.slice(i, i + 7);
  }
  const whole = await parseAll(text);
  const streamed = await parseAll(pieces());
  assert.deepEqual(streamed, whole);
});
