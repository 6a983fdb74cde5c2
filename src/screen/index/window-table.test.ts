import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normaliseValue } from '../../stix/index.ts';
import { ABSENT, BLOCK, NO_HASH, UNSURE, WindowTable, windowHash, windowHashBytes } from './window-table.ts';

const normal = (s: string): string => normaliseValue('cryptocurrency-wallet', s);
const hex = fc.constantFrom(...'0123456789abcdefABCDEF');
const base58 = fc.constantFrom(...'123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz');
const evm = fc.array(hex, { minLength: 40, maxLength: 40 }).map((cs) => `0x${cs.join('')}`);
const bech32 = fc
  .tuple(
    fc.constantFrom('bc1', 'BC1', 'tb1', 'bcrt1', 'ltc1'),
    fc.array(base58, { minLength: 0, maxLength: 40 }),
  )
  .map(([p, cs]) => p + cs.join(''));
const legacy = fc.array(base58, { minLength: 1, maxLength: 44 }).map((cs) => cs.join(''));
/** Characters the core's trim or toLowerCase treat specially: spaces, controls, non-ASCII that folds or grows. */
const tricky = fc.constantFrom(
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u2028',
  '\ufeff',
  'İ',
  'K',
  'ß',
  'Σ',
  '\u0000',
  '\u007f',
);
/** An address with tricky characters spliced in anywhere, then in any case and padding. */
const spelled = fc
  .tuple(
    fc.oneof(evm, bech32, legacy, fc.string({ maxLength: 16 })),
    fc.array(fc.tuple(fc.nat(50), tricky), { maxLength: 2 }),
    fc.constantFrom('', ' ', '\t', '\u00a0', '\r\n'),
    fc.constantFrom('same', 'upper', 'lower'),
  )
  .map(([a, splices, pad, casing]) => {
    let s = a;
    for (const [at, c] of splices) s = s.slice(0, at) + c + s.slice(at);
    const cased = casing === 'upper' ? s.toUpperCase() : casing === 'lower' ? s.toLowerCase() : s;
    return pad + cased + pad;
  });

/** `find` of a query in any spelling, or `UNSURE` when the query has no window hash. */
function findAny(table: WindowTable, q: string): number {
  const h = windowHash(q);
  return h === NO_HASH ? UNSURE : table.find(q, h);
}

describe('WindowTable', () => {
  it('never answers ABSENT (nor mayHave false) for a query the core normalises to a key, and finds only the key itself', () => {
    fc.assert(
      fc.property(spelled, fc.array(spelled, { maxLength: 20 }), (q, others) => {
        const keys = [...new Set([normal(q), ...others.map(normal)])];
        const table = new WindowTable(keys);
        for (const query of [q, ...others]) {
          const e = findAny(table, query);
          assert.notEqual(e, ABSENT, JSON.stringify(query));
          if (e >= 0) assert.equal(keys[e], query);
          const h = windowHash(query);
          if (h !== NO_HASH) assert.ok(table.mayHave(h), JSON.stringify(query));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('answers ABSENT only when no key is any spelling of the query', () => {
    fc.assert(
      fc.property(
        fc.array(spelled, { maxLength: 30 }),
        fc.array(spelled, { maxLength: 30 }),
        (raw, queries) => {
          const keys = [...new Set(raw.map(normal))];
          const table = new WindowTable(keys);
          const set = new Set(keys);
          for (const q of queries) {
            const e = findAny(table, q);
            if (e === ABSENT) assert.ok(!set.has(normal(q)), JSON.stringify(q));
            else if (e >= 0) assert.equal(keys[e], q);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps every key of a window many keys share findable: the first ones by itself, the rest UNSURE', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom('0x000000', '1111111', 'bc1qqqqq'),
        (n, head) => {
          // Same characters 0–7, different tails: one window hash for all of them.
          const keys = Array.from(
            { length: n },
            (_, i) => head + i.toString(16).padStart(42 - head.length, '0'),
          );
          const table = new WindowTable(keys);
          const h = windowHash(keys[0]!);
          let own = 0;
          keys.forEach((k, i) => {
            const e = table.find(k, h);
            assert.ok(e === i || e === UNSURE, `${k}: ${e}`);
            if (e === i) own++;
          });
          assert.equal(own, Math.min(n, 4));
          // another string with the window is never ABSENT (it may be another spelling of a key)
          assert.equal(table.find(`${head}z`.padEnd(42, 'z'), h), UNSURE);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('findMany answers each query of a batch as find does, across block boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(spelled, { maxLength: 40 }),
        fc.array(spelled, { maxLength: 3 * BLOCK }),
        fc.nat(),
        (raw, others, at) => {
          const keys = [...new Set(raw.map(normal))];
          const table = new WindowTable(keys);
          const queries = [...others, ...keys, ...raw];
          const from = at % (queries.length + 1);
          const out = new Int32Array(queries.length).fill(7);
          table.findMany(queries, out, from, queries.length);
          queries.forEach((q, i) => {
            assert.equal(out[i], i < from ? 7 : findAny(table, q), JSON.stringify(q));
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hashes a string and its UTF-8 bytes alike', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.oneof(spelled, fc.string({ unit: 'binary', maxLength: 20 })), (s) => {
        const bytes = encoder.encode(`..${s}`);
        const h = windowHash(s);
        // Non-ASCII at 0 or 2–7 makes both unsure; at 1 the string keeps its window (nothing moves it)
        // while its bytes shift it and are unsure; from 8 on, nothing moves the window.
        const ascii = (i: number) => i >= s.length || s.charCodeAt(i) < 128;
        if ([0, 1, 2, 3, 4, 5, 6, 7].every(ascii)) assert.equal(windowHashBytes(bytes, 2, bytes.length), h);
        else if ([0, 2, 3, 4, 5, 6, 7].every(ascii))
          assert.equal(windowHashBytes(bytes, 2, bytes.length), NO_HASH);
        else {
          assert.equal(h, NO_HASH, JSON.stringify(s));
          assert.equal(windowHashBytes(bytes, 2, bytes.length), NO_HASH, JSON.stringify(s));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is unsure of padded, short and non-ASCII heads, and sure of a plain address', () => {
    const key = '0x098b716b8aaf21512996dc57eb0615e2383e2f96';
    const table = new WindowTable([key]);
    assert.equal(windowHash(` ${key}`), NO_HASH);
    assert.equal(windowHash('0x098b7'), NO_HASH);
    assert.equal(windowHash('0x098b7\t\t\t'), NO_HASH);
    assert.equal(windowHash('0x09\u00e9'.padEnd(42, '0')), NO_HASH);
    assert.equal(findAny(table, key), 0);
    assert.equal(findAny(table, '0x098B716B8AAF21512996dc57eb0615e2383e2f96'), UNSURE);
    assert.equal(findAny(table, '0x098c716b8aaf21512996dc57eb0615e2383e2f96'), ABSENT);
  });
});
