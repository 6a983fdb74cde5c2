import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BulwarkError } from '../errors/index.ts';
import { csvRows, parseCsv } from './csv.ts';
import { feedFormatError } from './test-support.ts';

test('quoted fields keep commas, doubled quotes and line breaks, and records keep their first line', () => {
  const text = 'a,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n\nlast,1';
  const records = [...parseCsv(text, 't.csv')];
  assert.deepEqual(records, [
    { line: 1, fields: ['a', 'b'] },
    { line: 2, fields: ['x, y', 'say "hi"'] },
    { line: 3, fields: ['two\nlines', 'z'] },
    { line: 6, fields: ['last', '1'] },
  ]);
});

test('a record with the wrong number of fields is FEED_FORMAT at its line', () => {
  const error = feedFormatError(() => [
    ...csvRows('address,name\n0xabc,A\n0xdef,B,extra\n', 't.csv', ['address', 'name']),
  ]);
  assert.equal(error.place.line, 3);
  assert.equal(error.place.source, 't.csv');
});

test('an unterminated quote and a stray quote are FEED_FORMAT at their line', () => {
  assert.equal(feedFormatError(() => [...parseCsv('a,b\nc,"open\n', 't')]).place.line, 2);
  assert.equal(feedFormatError(() => [...parseCsv('a,b\nc,d\ne,f"g\n', 't')]).place.line, 3);
  assert.equal(feedFormatError(() => [...parseCsv('a,"b"c\n', 't')]).place.line, 1);
});

test('a wrong header is FEED_FORMAT naming the expected one', () => {
  const error = feedFormatError(() => [...csvRows('addr,who\n', 't', ['address', 'name'])]);
  assert.match(error.hint ?? '', /address,name/);
});

const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é') });

function quote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

test('property: records written with RFC 4180 quoting parse back unchanged', () => {
  fc.assert(
    fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { maxLength: 8 }), (records) => {
      const text = records.map((r) => r.map(quote).join(',')).join('\r\n');
      const parsed = [...parseCsv(text, 'p')].map((r) => r.fields);
      assert.deepEqual(
        parsed,
        records.filter((r) => !(r.length === 1 && r[0] === '')),
      );
    }),
  );
});

test('property: on any text the parser yields records or throws BulwarkError, nothing else', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', 'x') }), (text) => {
      try {
        for (const record of parseCsv(text, 'p')) assert.ok(record.line >= 1);
      } catch (error) {
        assert.ok(error instanceof BulwarkError);
      }
    }),
  );
});
