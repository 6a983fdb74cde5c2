import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { countLines, isBasicHeader, matchingBrace, subBlockEnd } from './fin-envelope.ts';

/** The char-by-char readings the indexOf jumps replaced. */
function braceByLoop(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return i;
  }
  return -1;
}

function linesByLoop(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

const envelopeText = fc
  .array(fc.constantFrom('{', '}', '{4:', '-}', '\n', '\r\n', 'A', ':20:', '1'), { maxLength: 30 })
  .map((parts) => parts.join(''));

test('matchingBrace finds the closing brace the char loop finds, for every opening brace', () => {
  fc.assert(
    fc.property(envelopeText, (text) => {
      for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
        assert.equal(matchingBrace(text, i), braceByLoop(text, i), `${JSON.stringify(text)} at ${i}`);
      }
    }),
    { numRuns: 5000 },
  );
  assert.equal(matchingBrace('{1:{2:}x}', 0), 8);
  assert.equal(matchingBrace('{1:{2:}', 0), -1);
});

test('countLines counts the line feeds of a range as the char loop does', () => {
  fc.assert(
    fc.property(envelopeText, fc.nat(), fc.nat(), (text, a, b) => {
      const from = Math.min(a, b) % (text.length + 1);
      const to = from + ((Math.max(a, b) - Math.min(a, b)) % (text.length - from + 1));
      assert.equal(countLines(text, from, to), linesByLoop(text, from, to));
    }),
    { numRuns: 5000 },
  );
});

test('isBasicHeader accepts exactly the basic headers the regex accepts', () => {
  const BASIC = /^F01[A-Z0-9]{12}\d{4}\d{6}$/;
  const good = 'F01BBHOBDDHAXXX0000000000';
  const edit = fc.tuple(
    fc.nat({ max: 27 }),
    fc.nat({ max: 2 }),
    fc.constantFrom('', 'F', '0', '1', 'a', 'A', 'Z', '9', '-', ' '),
  );
  fc.assert(
    fc.property(fc.array(edit, { maxLength: 3 }), (edits) => {
      let text = good;
      for (const [at, length, insert] of edits) text = text.slice(0, at) + insert + text.slice(at + length);
      assert.equal(isBasicHeader(text), BASIC.test(text), text);
    }),
    { numRuns: 5000 },
  );
  assert.ok(isBasicHeader(good) && !isBasicHeader(`${good}0`));
});

test('subBlockEnd ends a {tag:value} where the sticky regex it replaces ends it', () => {
  const SUB_BLOCK = /\{([A-Za-z0-9]{3}):([^{}]*)\}/y;
  const text = fc
    .array(fc.constantFrom('{', '}', '{121:', '{108:', ':', 'a', 'Z', '1', '-', '\n', 'é', '{1:'), {
      maxLength: 12,
    })
    .map((parts) => parts.join(''));
  fc.assert(
    fc.property(text, fc.nat(), (content, start) => {
      const at = start % (content.length + 1);
      SUB_BLOCK.lastIndex = at;
      const match = SUB_BLOCK.exec(content);
      assert.equal(
        subBlockEnd(content, at),
        match ? SUB_BLOCK.lastIndex : -1,
        `${JSON.stringify(content)} at ${at}`,
      );
    }),
    { numRuns: 10000 },
  );
  assert.equal(subBlockEnd('{121:abc}{108:x}', 0), 9);
});
