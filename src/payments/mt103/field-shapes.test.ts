import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isCommaAmount, swiftDate } from './field-formats.ts';
import {
  isChargesCode,
  isDateCurrencyAmount,
  isFourLetters,
  isOutputHeader,
  isReference,
  isUetr,
} from './field-shapes.ts';

const REFERENCE = /^(?!\/)(?!.*\/\/)([A-Za-z0-9/\-?:().,'+ ]{1,16})(?<!\/)$/;
const DATE_CURRENCY_AMOUNT = /^(\d{6})([A-Z]{3})(.+)$/;

/** First lines of fields: built from the characters that decide each shape, never a line terminator. */
const line = fc
  .array(
    fc.constantFrom('/', 'A', 'z', '0', '9', ',', ' ', '-', '_', 'é', 'O', 'U', 'R', 'S', 'H', 'B', 'E', 'N'),
    {
      maxLength: 20,
    },
  )
  .map((parts) => parts.join(''));
const digitsThenLetters = fc
  .tuple(fc.stringMatching(/^\d{0,7}$/), fc.stringMatching(/^[A-Za-z]{0,4}$/), line)
  .map(([a, b, c]) => a + b + c);

test('the char-code field checks accept exactly what the regexes they replace accept', () => {
  fc.assert(
    fc.property(line, digitsThenLetters, (text, dated) => {
      for (const t of [text, dated]) {
        assert.equal(isReference(t), REFERENCE.test(t), `20: ${t}`);
        assert.equal(isDateCurrencyAmount(t), DATE_CURRENCY_AMOUNT.test(t), `32A: ${t}`);
        assert.equal(isFourLetters(t), /^([A-Z]{4})$/.test(t), `23B: ${t}`);
        assert.equal(isChargesCode(t), /^(OUR|SHA|BEN)$/.test(t), `71A: ${t}`);
      }
    }),
    { numRuns: 5000 },
  );
  assert.ok(isReference('N24047') && !isReference('A//B') && !isReference('/AB'));
  assert.ok(isDateCurrencyAmount('160204USD951000,'));
});

test('isOutputHeader accepts exactly the output application headers the regex accepts', () => {
  const OUTPUT = /^O(\d{3})(\d{4})(\d{6})([A-Z0-9]{12})\d{10}(\d{6})(\d{4})[SUN]?$/;
  const good = 'O1031505140101BBHOBDDHAXXX00000000001401011505N';
  const edit = fc.tuple(
    fc.nat({ max: 48 }),
    fc.nat({ max: 2 }),
    fc.constantFrom('', 'O', 'I', '1', 'a', 'A', 'Z', 'S', 'X', '-', '9'),
  );
  fc.assert(
    fc.property(fc.array(edit, { maxLength: 3 }), (edits) => {
      let text = good;
      for (const [at, length, insert] of edits) text = text.slice(0, at) + insert + text.slice(at + length);
      assert.equal(isOutputHeader(text), OUTPUT.test(text), text);
    }),
    { numRuns: 5000 },
  );
  assert.ok(isOutputHeader(good) && isOutputHeader(good.slice(0, 46)));
});

test('isUetr and isCommaAmount accept exactly what the regexes they replace accept', () => {
  const UETR = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const good = '56c6725f-0bc1-4e97-bc99-486fae249c60';
  const edit = fc.tuple(
    fc.nat({ max: 37 }),
    fc.nat({ max: 2 }),
    fc.constantFrom('', '-', '4', '8', 'b', 'c', 'f', 'g', 'A', '0'),
  );
  const amount = fc
    .array(fc.constantFrom('0', '7', ',', ',', '.', 'a', ' ', '٣'), { maxLength: 8 })
    .map((c) => c.join(''));
  fc.assert(
    fc.property(fc.array(edit, { maxLength: 3 }), amount, (edits, a) => {
      let text = good;
      for (const [at, length, insert] of edits) text = text.slice(0, at) + insert + text.slice(at + length);
      assert.equal(isUetr(text), UETR.test(text), text);
      assert.equal(isCommaAmount(a), /^\d[\d]*,\d*$/.test(a), a);
    }),
    { numRuns: 5000 },
  );
  assert.ok(isUetr(good) && !isUetr(good.toUpperCase()) && isCommaAmount('1,') && !isCommaAmount(',5'));
});

/** YYMMDD read with Date: the reading the remembered, arithmetic `swiftDate` must agree with. */
function dateByDate(text: string): string | undefined {
  if (!/^\d{6}$/.test(text)) return undefined;
  const yy = Number(text.slice(0, 2));
  const iso = `${yy < 80 ? 2000 + yy : 1900 + yy}-${text.slice(2, 4)}-${text.slice(4, 6)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

test('swiftDate reads every YYMMDD as Date does, the same each time it is asked', () => {
  const text = fc
    .array(fc.constantFrom('0', '1', '2', '3', '9', '2', '0', 'a', ' '), { minLength: 5, maxLength: 7 })
    .map((c) => c.join(''));
  fc.assert(
    fc.property(fc.array(text, { maxLength: 20 }), (texts) => {
      for (const t of [...texts, ...texts]) assert.equal(swiftDate(t), dateByDate(t), t);
    }),
    { numRuns: 3000 },
  );
});
