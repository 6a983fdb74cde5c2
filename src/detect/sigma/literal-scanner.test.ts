import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LiteralScanner } from '../literals/index.ts';
import { requiredLiteral } from './regex.ts';

const text = (max: number) =>
  fc.array(fc.constantFrom('a', 'b', 'c', 'k', '\\', ' ', 'é'), { maxLength: max }).map((c) => c.join(''));

test('one scan finds exactly the literals that occur, start and end the text, as includes(), startsWith() and endsWith() would', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(
        text(4).filter((s) => s.length > 0),
        { maxLength: 12 },
      ),
      fc.array(text(30), { maxLength: 5 }),
      (lits, subjects) => {
        const scanner = new LiteralScanner();
        const ids = lits.map((l) => scanner.add(l));
        scanner.build();
        const words = (scanner.count + 31) >>> 5;
        for (const s of subjects) {
          const bits = new Uint32Array(words);
          const starts = new Uint32Array(words);
          const ends = new Uint32Array(words);
          scanner.scan(s, bits, starts, ends, 0);
          const set = (a: Uint32Array, id: number): boolean =>
            ((a[id >>> 5] as number) & (1 << (id & 31))) !== 0;
          // the raw scan of a mixed-case subject finds what the scan of its lowercase does
          const upper = s.toUpperCase().replaceAll('K', '\u212a');
          const raw = [new Uint32Array(words), new Uint32Array(words), new Uint32Array(words)] as const;
          scanner.scanRaw(upper, raw[0], raw[1], raw[2], 0);
          const low = upper.toLowerCase();
          lits.forEach((lit, k) => {
            const id = ids[k] as number;
            if (id < 0) return; // non-ASCII literals are left to a direct search
            assert.equal(set(bits, id), s.includes(lit), `${lit} in ${s}`);
            assert.equal(set(starts, id), s.startsWith(lit), `${s} starts with ${lit}`);
            assert.equal(set(ends, id), s.endsWith(lit), `${s} ends with ${lit}`);
            assert.equal(set(raw[0], id), low.includes(lit), `${lit} in raw ${upper}`);
            assert.equal(set(raw[1], id), low.startsWith(lit), `raw ${upper} starts with ${lit}`);
            assert.equal(set(raw[2], id), low.endsWith(lit), `raw ${upper} ends with ${lit}`);
          });
        }
      },
    ),
    { numRuns: 500 },
  );
});

test('the literal a regular expression requires is one every match contains', () => {
  assert.equal(requiredLiteral('ping\\s+-n.{6,64}echo EEEE\\s?>\\s?'), 'echo EEEE');
  assert.equal(requiredLiteral('ipconfig\\s+/all'), 'ipconfig');
  assert.equal(requiredLiteral('\\\\Temp\\\\[a-z]{8}\\.dll$'), '\\Temp\\');
  assert.equal(requiredLiteral('abcd?'), 'abc');
  assert.equal(requiredLiteral('a{2,5}bcd'), 'abcd'); // at least one a, right before bcd
  assert.equal(requiredLiteral('(abc|xyz)def'), 'def');
  assert.equal(requiredLiteral('(abc|xyz)'), undefined);
  // escapes standing for other characters are no part of a literal (\x41 is A, not "41")
  assert.equal(requiredLiteral('\\x41bcd'), undefined);
  assert.equal(requiredLiteral('\\u0041bcd'), undefined);
  assert.equal(requiredLiteral('x(abcdef)?'), undefined);
  const patterns = ['abc+d', 'a(bc)*abca', 'ab?cab', '[abc]{2}cab', 'ca\\.b+a', 'ba.c{1,2}ab'];
  fc.assert(
    fc.property(
      fc.constantFrom(...patterns),
      fc.array(fc.constantFrom('a', 'b', 'c', '.'), { maxLength: 14 }),
      (p, cs) => {
        const s = cs.join('');
        const lit = requiredLiteral(p);
        if (lit !== undefined && new RegExp(p).test(s))
          assert.ok(s.includes(lit), `${p} matched ${s} without ${lit}`);
      },
    ),
    { numRuns: 3000 },
  );
});
