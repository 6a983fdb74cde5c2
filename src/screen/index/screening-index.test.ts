import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Label } from '../labels/types.ts';
import { ScreeningIndex } from './screening-index.ts';

function label(address: string, category: Label['category'] = 'sanctioned'): Label {
  return {
    address,
    category,
    source: 'test list',
    detail: 'test label',
    marking: 'clear',
    authorOrg: 'test',
    stixIds: [],
    entities: [],
  };
}

const LABELLED = [
  '0x098b716b8aaf21512996dc57eb0615e2383e2f96',
  'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh',
  '1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V',
];

describe('ScreeningIndex.lookupLines', () => {
  const index = new ScreeningIndex({ labels: LABELLED.map((a) => label(a)), version: 1, objectCount: 3 });

  it('screens each line of a CRLF file with blank lines and no final newline, in order', () => {
    const text = `0x098B716B8Aaf21512996dC57EB0615e2383E2f96\r\n\r\nunknown\n\nBC1QXY2KGDYGJRSQTZQ2N0YRF2493P83KKFJHX0WLH`;
    const bytes = new TextEncoder().encode(text);
    const entries = new Int32Array(16);
    const starts = new Uint32Array(16);
    const n = index.lookupLines(bytes, 0, bytes.length, entries, starts);
    assert.equal(n, 3);
    assert.deepEqual(
      [...entries.subarray(0, 3)].map((e) => (e < 0 ? null : index.keyOf(e))),
      [LABELLED[0], null, LABELLED[1]],
    );
    assert.deepEqual([...starts.subarray(0, 3)], [0, 46, 55]);
  });

  it('gives every line the entry lookup gives its text', () => {
    const line = fc.oneof(
      fc.constantFrom(...LABELLED, ...LABELLED.map((a) => a.toUpperCase().replace(/^0X/, '0x'))),
      fc.stringMatching(/^[^\n\r]{0,50}$/),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const bytes = new TextEncoder().encode(lines.join('\n'));
        const entries = new Int32Array(lines.length + 1);
        const n = index.lookupLines(bytes, 0, bytes.length, entries);
        const expected = lines.filter((l) => l !== '').map((l) => index.lookup(l));
        assert.deepEqual([...entries.subarray(0, n)], expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ScreeningIndex.lookupMany', () => {
  const index = new ScreeningIndex({ labels: LABELLED.map((a) => label(a)), version: 1, objectCount: 3 });

  it('gives every address of a batch, whole or a range of it, the entry lookup gives it', () => {
    const address = fc.oneof(
      fc.constantFrom(...LABELLED, ...LABELLED.map((a) => ` ${a.toUpperCase().replace(/^0X/, '0x')}`)),
      fc.string({ maxLength: 50 }),
    );
    fc.assert(
      fc.property(fc.array(address, { maxLength: 100 }), fc.nat(), (addresses, at) => {
        const whole = new Int32Array(addresses.length);
        index.lookupMany(addresses, whole);
        assert.deepEqual(
          [...whole],
          addresses.map((a) => index.lookup(a)),
        );
        const from = at % (addresses.length + 1);
        const part = new Int32Array(addresses.length).fill(9);
        index.lookupMany(addresses, part, from, addresses.length);
        assert.deepEqual([...part.subarray(0, from)], new Array(from).fill(9));
        assert.deepEqual([...part.subarray(from)], [...whole.subarray(from)]);
      }),
      { numRuns: 300 },
    );
  });
});
