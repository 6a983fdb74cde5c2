import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normaliseValue } from '../../stix/index.ts';
import { ABSENT, NO_HASH, UNSURE, WindowFilter, windowHash, windowHashBytes } from './window-filter.ts';

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

describe('WindowFilter', () => {
  it('never answers ABSENT for a query the core normalises to a key', () => {
    fc.assert(
      fc.property(spelled, fc.array(spelled, { maxLength: 20 }), (q, others) => {
        const filter = new WindowFilter([normal(q), ...others.map(normal)]);
        assert.notEqual(filter.test(q), ABSENT, JSON.stringify(q));
        for (const o of others) assert.notEqual(filter.test(o), ABSENT, JSON.stringify(o));
      }),
      { numRuns: 2000 },
    );
  });

  it('hashes a string and its UTF-8 bytes alike', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.oneof(spelled, fc.string({ unit: 'binary', maxLength: 20 })), (s) => {
        const bytes = encoder.encode(`..${s}`);
        const h = windowHash(s);
        // non-ASCII within the first 11 characters makes both unsure; beyond them, bytes do not move it
        assert.equal(windowHashBytes(bytes, 2, bytes.length), h, JSON.stringify(s));
      }),
      { numRuns: 1000 },
    );
  });

  it('is unsure of padded, short and non-ASCII heads, and sure of a plain address', () => {
    const filter = new WindowFilter(['0x098b716b8aaf21512996dc57eb0615e2383e2f96']);
    assert.equal(filter.test(' 0x098b716b8aaf21512996dc57eb0615e2383e2f96'), UNSURE);
    assert.equal(filter.test('0x098b716b'), UNSURE);
    assert.equal(windowHash('0x098b716b'), NO_HASH);
    assert.equal(windowHash('0x098b716\t\t\t\t'), NO_HASH);
    assert.equal(windowHash('0x098b\u00e9'.padEnd(42, '0')), NO_HASH);
    assert.notEqual(filter.test('0x098B716B8AAF21512996dc57eb0615e2383e2f96'), ABSENT);
    assert.equal(filter.test('0x098b717b8aaf21512996dc57eb0615e2383e2f96'), ABSENT);
  });
});
