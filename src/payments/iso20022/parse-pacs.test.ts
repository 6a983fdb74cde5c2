import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { dataFile, parseAll } from '../test-support.ts';
import type { Payment } from '../types.ts';
import { transactionLines } from './parse-pacs.ts';

async function one(text: string): Promise<Payment> {
  const [result] = await parseAll(text);
  assert.ok(result?.ok, result && !result.ok ? result.error.describe() : 'parsed');
  return result.payment;
}

test('the prowide pacs.008.001.07 vector yields its transaction with parties, agents and amounts', async () => {
  const p = await one(dataFile('vectors/prowide-examples_pacs.008.001.07.xml'));
  assert.equal(p.format, 'pacs.008');
  assert.equal(p.reference, '2233445566');
  assert.equal(p.endToEndId, '987654321987654321');
  assert.deepEqual(p.amount, { value: '5000.00', currency: 'USD', minor: 500000n });
  assert.equal(p.valueDate, '2019-07-31');
  assert.equal(p.createdAt, '2019-10-19T21:00:45');
  assert.equal(p.debtor.name, 'Jhon Doe');
  assert.equal(p.debtor.country, 'AR');
  assert.deepEqual(p.debtor.addressLines, ['Foo Street 1', '1234 Buenos Aires']);
  assert.equal(p.creditor.name, 'Mike Smith');
  assert.equal(p.debtorAgent, 'ITUSUSP1XXX');
  assert.equal(p.creditorAgent, 'USTBUS31XXX');
  assert.equal(p.senderBic, 'CITTGB2LPBG');
  assert.equal(p.receiverBic, 'ICBCUS4CXXX');
  assert.equal(p.charges, 'SHAR');
  assert.equal(p.source.line, 64);
});

test('the ClrSysMmbId variant parses the same transaction', async () => {
  const p = await one(dataFile('vectors/prowide-examples_pacs.008.001.07_ClrSysMmbId.xml'));
  assert.equal(p.reference, '2233445566');
  assert.equal(p.amount.value, '5000.00');
});

test('the pacs.009 vector yields an institution-to-institution payment', async () => {
  const p = await one(dataFile('vectors/prowide-examples_pacs.009.001.09.xml'));
  assert.equal(p.format, 'pacs.009');
  assert.equal(p.debtor.bic, 'BBBBCAXXXXX');
  assert.equal(p.creditor.bic, 'CCCCESXXXXX');
  assert.equal(p.amount.value, '12345.67');
  assert.equal(p.senderBic, 'TESTARZZXXX', 'from the AppHdr when no instructing agent is given');
  assert.equal(p.receiverBic, 'AAAAUSXXXXX');
});

const BASE = dataFile('vectors/prowide-examples_pacs.008.001.07.xml');

const CASES: Array<[string, string, string, string, RegExp]> = [
  [
    'unknown currency',
    "IntrBkSttlmAmt Ccy='USD'",
    "IntrBkSttlmAmt Ccy='ZZZ'",
    'CdtTrfTxInf[0].IntrBkSttlmAmt',
    /ISO 4217/,
  ],
  [
    'too many decimals',
    '>5000</IntrBkSttlmAmt>',
    '>5000.123</IntrBkSttlmAmt>',
    'CdtTrfTxInf[0].IntrBkSttlmAmt',
    /2 decimals/,
  ],
  [
    'amount not a number',
    '>5000</IntrBkSttlmAmt>',
    '>5,000</IntrBkSttlmAmt>',
    'CdtTrfTxInf[0].IntrBkSttlmAmt',
    /decimal/,
  ],
  [
    'impossible date',
    '<IntrBkSttlmDt>2019-07-31',
    '<IntrBkSttlmDt>2019-02-30',
    'CdtTrfTxInf[0].IntrBkSttlmDt',
    /date/,
  ],
  ['bad BIC', 'USTBUS31XXX', 'USTB-S31', 'CdtTrfTxInf[0].CdtrAgt.FinInstnId.BICFI', /BIC/],
  [
    'missing EndToEndId',
    '<EndToEndId>987654321987654321</EndToEndId>',
    '',
    'CdtTrfTxInf[0].PmtId.EndToEndId',
    /missing/,
  ],
  ['missing Cdtr', 'Cdtr>', 'UltmtCdtr>', 'CdtTrfTxInf[0].Cdtr', /missing/],
  ['bad charge bearer', '<ChrgBr>SHAR', '<ChrgBr>HALF', 'CdtTrfTxInf[0].ChrgBr', /DEBT/],
  ['count mismatch', '<NbOfTxs>1', '<NbOfTxs>2', 'GrpHdr.NbOfTxs', /holds 1/],
  ['missing MsgId', '<MsgId>823823423</MsgId>', '', 'GrpHdr.MsgId', /missing/],
  ['bad settlement method', '<SttlmMtd>INDA', '<SttlmMtd>CASH', 'GrpHdr.SttlmInf.SttlmMtd', /INDA/],
  ['unsupported version', 'pacs.008.001.07', 'pacs.008.001.02', 'Document', /namespace/],
  ['broken XML', '</Cdtr>', '</Cdtor>', 'xml', /closing tag/i],
  ['DOCTYPE', '<message>', '<!DOCTYPE x [<!ENTITY a "b">]><message>', 'xml', /DOCTYPE/],
];

for (const [name, from, to, path, reason] of CASES) {
  test(`a malformed pacs.008 (${name}) is rejected naming ${path}`, async () => {
    assert.ok(BASE.includes(from));
    const [result] = await parseAll(BASE.replaceAll(from, to));
    assert.ok(result && !result.ok, 'rejected');
    assert.equal(result.error.code, 'BULWARK_E_PAYMENT_MALFORMED');
    assert.equal(result.error.place.path, path);
    assert.match(result.error.message, reason);
  });
}

test('a bad transaction among good ones fails alone, with its line', async () => {
  const tx = /<CdtTrfTxInf>[\s\S]*<\/CdtTrfTxInf>/.exec(BASE)?.[0] as string;
  const doc = BASE.replace('<NbOfTxs>1', '<NbOfTxs>3').replace(
    tx,
    `${tx}\n${tx.replace("Ccy='USD'>5000<", "Ccy='USD'>5000.999<")}\n${tx}`,
  );
  const results = await parseAll(doc);
  assert.deepEqual(
    results.map((r) => r.ok),
    [true, false, true],
  );
  const bad = results[1];
  assert.ok(bad && !bad.ok);
  assert.equal(bad.error.place.path, 'CdtTrfTxInf[1].IntrBkSttlmAmt');
  assert.ok((bad.error.place.line ?? 0) > 64);
});

test('JSON lines carry messages of both formats, one result each', async () => {
  const mt = dataFile('vectors/prowide-core_MT103-out-ack.rje').split('$')[0] as string;
  const lines = [JSON.stringify(mt), JSON.stringify({ message: BASE }), 'not json', '{"other": 1}'].join(
    '\n',
  );
  const results = await parseAll(lines);
  assert.deepEqual(
    results.map((r) => (r.ok ? r.payment.format : `${r.index}:${r.error.place.path}`)),
    ['mt103', 'pacs.008', '2:message', '3:message'],
  );
});

test('transaction lines count the line feeds before each transaction as a loop over every char does', () => {
  const piece = fc.constantFrom(
    '\n',
    '\r\n',
    ' ',
    '<CdtTrfTxInf>',
    '<p:CdtTrfTxInf ',
    '<CdtTrfTxInfX>',
    'a',
    '<',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 1, max: 50 }), (parts, first) => {
      const xml = parts.join('');
      const expected: number[] = [];
      const pattern = /<(?:[\w-]+:)?CdtTrfTxInf[\s>]/g;
      for (let m = pattern.exec(xml); m; m = pattern.exec(xml)) {
        let line = first;
        for (let i = 0; i < m.index; i++) if (xml.charCodeAt(i) === 10) line++;
        expected.push(line);
      }
      assert.deepEqual(transactionLines(xml, first), expected, JSON.stringify(xml));
    }),
    { numRuns: 3000 },
  );
});
