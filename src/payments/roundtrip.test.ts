import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isBulwarkError } from '../errors/index.ts';
import { formatPacs008 } from './iso20022/format-pacs.ts';
import { formatMt103 } from './mt103/format-mt103.ts';
import { mtPaymentArb, pacsPaymentArb } from './payment-arbitrary.ts';
import { parseAll } from './test-support.ts';
import type { Payment } from './types.ts';

function withoutSource(p: Payment): Omit<Payment, 'source'> {
  const { source: _source, ...rest } = p;
  return rest;
}

async function parseOne(text: string): Promise<Payment> {
  const results = await parseAll(text);
  assert.equal(results.length, 1);
  const [result] = results;
  assert.ok(result?.ok, result && !result.ok ? result.error.describe() : 'one result');
  return result.payment;
}

test('any valid payment written as MT103 parses back equal', async () => {
  await fc.assert(
    fc.asyncProperty(mtPaymentArb, async (payment) => {
      assert.deepEqual(withoutSource(await parseOne(formatMt103(payment))), withoutSource(payment));
    }),
    { numRuns: 300 },
  );
});

test('any valid payment written as pacs.008 parses back equal', async () => {
  await fc.assert(
    fc.asyncProperty(pacsPaymentArb, async (payment) => {
      assert.deepEqual(withoutSource(await parseOne(formatPacs008(payment))), withoutSource(payment));
    }),
    { numRuns: 300 },
  );
});

/** Deletes, duplicates or replaces a slice of a valid message: the faults a broken sender or a tamperer makes. */
const mutation = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 12 }),
  insert: fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('{', '}', '$', ':', '\n', '-}', '<', '>', '&', '/', ','),
  ),
});

function mutate(text: string, m: { at: number; length: number; insert: string }): string {
  const at = m.at % (text.length + 1);
  return text.slice(0, at) + m.insert + text.slice(at + m.length);
}

async function onlyBulwarkErrors(text: string): Promise<void> {
  for (const result of await parseAll(text)) {
    if (!result.ok) assert.ok(isBulwarkError(result.error));
  }
}

test('mutated MT103 messages yield payments or BulwarkErrors, never another exception', async () => {
  await fc.assert(
    fc.asyncProperty(
      mtPaymentArb,
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
      async (payment, ms) => {
        await onlyBulwarkErrors(ms.reduce(mutate, formatMt103(payment)));
      },
    ),
    { numRuns: 500 },
  );
});

test('mutated pacs.008 documents yield payments or BulwarkErrors, never another exception', async () => {
  await fc.assert(
    fc.asyncProperty(
      pacsPaymentArb,
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
      async (payment, ms) => {
        await onlyBulwarkErrors(ms.reduce(mutate, formatPacs008(payment)));
      },
    ),
    { numRuns: 500 },
  );
});

test('arbitrary text yields only BulwarkErrors', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.string(),
        fc.string().map((s) => `{1:${s}`),
        fc.string().map((s) => `<${s}`),
        fc.json(),
      ),
      async (text) => {
        await onlyBulwarkErrors(text);
      },
    ),
    { numRuns: 500 },
  );
});

test('a batch parses the same however the stream cuts it into chunks', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.oneof(
          mtPaymentArb.map(formatMt103),
          pacsPaymentArb.map((p) => JSON.stringify(formatPacs008(p))),
        ),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      fc.array(fc.nat(), { maxLength: 6 }),
      fc.boolean(),
      async (messages, cuts, asJsonLines) => {
        const text = asJsonLines
          ? messages.map((m) => (m.startsWith('"') ? m : JSON.stringify(m))).join('\n')
          : messages.filter((m) => !m.startsWith('"')).join('\n$\n');
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        async function* pieces(): AsyncGenerator<string> {
          let from = 0;
          for (const at of points) {
            yield text.slice(from, at);
            from = at;
          }
          yield text.slice(from);
        }
        assert.deepEqual(await parseAll(pieces()), await parseAll(text));
      },
    ),
    { numRuns: 150 },
  );
});
