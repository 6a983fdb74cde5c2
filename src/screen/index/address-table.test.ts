import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normaliseValue } from '../../stix/index.ts';
import { AddressTable } from './address-table.ts';

const normal = (s: string): string => normaliseValue('cryptocurrency-wallet', s);
const hex = fc.constantFrom(...'0123456789abcdefABCDEF');
const base58 = fc.constantFrom(...'123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz');
const evm = fc.array(hex, { minLength: 40, maxLength: 40 }).map((cs) => `0x${cs.join('')}`);
const bech32 = fc
  .tuple(
    fc.constantFrom('bc1', 'BC1', 'tb1', 'bcrt1', 'ltc1', 'LtC1'),
    fc.array(base58, { minLength: 6, maxLength: 40 }),
  )
  .map(([p, cs]) => p + cs.join(''));
const legacy = fc.array(base58, { minLength: 1, maxLength: 44 }).map((cs) => cs.join(''));
const odd = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('0x', '0X12', ' 0xAB', 'bc', 'ltc', 'b', ''),
);
const address = fc.oneof({ weight: 3, arbitrary: evm }, bech32, legacy, odd);

/** Other spellings of the same address: case flips and surrounding whitespace. */
const spelling = (a: string): fc.Arbitrary<string> =>
  fc.tuple(fc.boolean(), fc.constantFrom('', ' ', '\t', '\u00a0')).map(([upper, pad]) => {
    const cased = upper ? a.toUpperCase().replace(/^0X/, '0x') : a.toLowerCase();
    return pad + cased + pad;
  });

describe('AddressTable', () => {
  it('agrees with a Map keyed by the STIX core normalisation, for any keys and queries', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(address, { selector: normal, maxLength: 60 }),
        fc.array(address, { maxLength: 30 }),
        (keys, others) => {
          const normalised = keys.map(normal);
          const table = new AddressTable(normalised);
          const naive = new Map(normalised.map((k, i) => [k, i]));
          for (const q of [...keys, ...others]) assert.equal(table.lookup(q), naive.get(normal(q)) ?? -1, q);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds any spelling the core folds to a key, and only those', () => {
    fc.assert(
      fc.property(
        fc.oneof(evm, bech32, legacy).chain((a) => fc.tuple(fc.constant(a), spelling(a))),
        ([key, q]) => {
          const table = new AddressTable([normal(key)]);
          assert.equal(table.lookup(q), normal(q) === normal(key) ? 0 : -1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('answers a query given as UTF-8 bytes inside a larger buffer exactly as the same query as a string', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(address, { selector: normal, maxLength: 40 }),
        fc.array(fc.oneof(address, fc.oneof(evm, bech32, legacy).chain(spelling)), { maxLength: 30 }),
        fc.string({ maxLength: 5 }),
        (keys, others, pad) => {
          const table = new AddressTable(keys.map(normal));
          const encoder = new TextEncoder();
          for (const q of [...keys, ...others]) {
            const before = encoder.encode(pad);
            const body = encoder.encode(q);
            const buf = new Uint8Array(before.length + body.length + 3);
            buf.set(before);
            buf.set(body, before.length);
            assert.equal(
              table.lookupBytes(buf, before.length, before.length + body.length),
              table.lookup(q),
              q,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with a Set of normalised keys on near misses that share the characters the window table reads', () => {
    const tricky = fc.constantFrom('0', 'A', 'z', ' ', '\t', '\u00a0', 'İ', 'K', '\u0000');
    /** The key with one character the window does not read (1, or 8 on) replaced, or cut there, or case-flipped from there, or a tricky char spliced in. */
    const nearMiss = (key: string): fc.Arbitrary<string> =>
      fc
        .tuple(fc.nat(60), tricky, fc.constantFrom('replace', 'cut', 'flip', 'splice'))
        .map(([at, c, how]) => {
          const unread =
            key.length <= 8 ? [key.length] : [1, ...Array.from({ length: key.length - 8 }, (_, k) => 8 + k)];
          const i = unread[at % unread.length]!;
          if (how === 'replace') return key.slice(0, i) + c + key.slice(i + 1);
          if (how === 'cut') return key.slice(0, i);
          if (how === 'flip') return key.slice(0, i) + key.slice(i).toUpperCase();
          return key.slice(0, at % (key.length + 1)) + c + key.slice(at % (key.length + 1));
        });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.oneof(evm, bech32, legacy), { selector: normal, minLength: 1, maxLength: 40 }),
        fc.infiniteStream(fc.nat()),
        (raw, picks) => {
          const keys = raw.map(normal);
          const table = new AddressTable(keys);
          const set = new Set(keys);
          const queries = fc.sample(
            fc.oneof(...raw.map((k) => fc.oneof(nearMiss(k), spelling(k), fc.constant(k)))),
            { numRuns: 60, seed: picks.next().value },
          );
          for (const q of queries) {
            const entry = table.lookup(q);
            assert.equal(entry >= 0, set.has(normal(q)), JSON.stringify(q));
            if (entry >= 0) assert.equal(keys[entry], normal(q));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lookupMany gives each query of a batch (any range, across blocks) what lookup and the core give it', () => {
    /** Vanity keys: one head (characters 0–7, so one window hash), different tails. */
    const vanity = fc
      .tuple(fc.constantFrom('0x000000', '0x00000000', '1111111', 'bc1qqqqq'), fc.nat(), hex)
      .map(([head, n, c]) => `${head}${n.toString(16)}${c}`.padEnd(42, '0'));
    const key = fc.oneof({ weight: 3, arbitrary: evm }, bech32, legacy, vanity, odd);
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { selector: normal, maxLength: 60 }),
        fc.array(fc.oneof(key, fc.oneof(evm, bech32, legacy, vanity).chain(spelling)), { maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        (raw, others, a, b) => {
          const keys = raw.map(normal);
          const table = new AddressTable(keys);
          const naive = new Map(keys.map((k, i) => [k, i]));
          // keys in their own spelling, raw spellings and others, repeated so batches cross blocks
          const queries = [...keys, ...raw, ...others, ...keys.map((k) => k.toUpperCase()), ...others];
          const from = a % (queries.length + 1);
          const to = from + (b % (queries.length - from + 1));
          const out = new Int32Array(queries.length).fill(-7);
          table.lookupMany(queries, out, from, to);
          for (let i = 0; i < queries.length; i++) {
            const q = queries[i]!;
            const want = i < from || i >= to ? -7 : table.lookup(q);
            assert.equal(out[i], want, `${i} ${JSON.stringify(q)}`);
            if (want !== -7) assert.equal(want, naive.get(normal(q)) ?? -1, JSON.stringify(q));
          }
          const all = new Int32Array(queries.length);
          table.lookupMany(queries, all);
          assert.deepEqual(
            [...all],
            queries.map((q) => table.lookup(q)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lookupMany finds 5,000 keys in their own and other spellings among as many misses', () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => `0x${(i * 7919).toString(16).padStart(40, '0')}`);
    const table = new AddressTable(keys);
    const queries: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      queries.push(keys[i]!, `0x${(i * 7919 + 1).toString(16).padStart(40, 'f')}`);
      if (i % 10 === 0) queries.push(` ${keys[i]!.toUpperCase().replace('0X', '0x')}`);
    }
    const out = new Int32Array(queries.length);
    table.lookupMany(queries, out);
    let found = 0;
    for (let i = 0; i < queries.length; i++) {
      const expected = keys.indexOf(normal(queries[i]!));
      assert.equal(out[i], expected, queries[i]);
      if (expected >= 0) found++;
    }
    assert.equal(found, 5_500);
  });

  it('keeps base58 case: a legacy address with one letter case-flipped is another address', () => {
    const key = '1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V';
    const table = new AddressTable([key]);
    assert.equal(table.lookup(key), 0);
    assert.equal(table.lookup('1ajZPMsnmpdK2Rv9KQNfMurTXinscVro9V'), -1);
    assert.equal(table.lookup(key.toLowerCase()), -1);
  });

  it('finds every one of 50,000 near-identical keys by its own entry, and nothing else', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `0x${i.toString(16).padStart(40, '0')}`);
    const table = new AddressTable(keys);
    for (let i = 0; i < keys.length; i += 7) {
      assert.equal(table.lookup(keys[i]!.toUpperCase().replace('0X', '0x')), i);
      assert.equal(table.lookup(keys[i]!), i);
    }
    assert.equal(table.lookup(`0x${'f'.repeat(40)}`), -1);
    assert.equal(table.keyOf(123), keys[123]);
  });
});
