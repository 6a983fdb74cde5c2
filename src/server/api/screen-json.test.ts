/**
 * `screenJson` is `JSON.stringify` of a screening answer, byte for byte: on generated answers (strings
 * with quotes, escapes, control and astral characters; optional fields; frozen and unfrozen reasons),
 * on a first answer and a repeat of the same reasons (kept texts), and after an unfrozen part changed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { RISKS, type ScreenReason, type ScreenResult } from '../../screen/index.ts';
import { screenJson } from './screen-json.ts';

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
const risk = fc.constantFrom(...RISKS);

const reason = fc.record(
  {
    kind: fc.constantFrom('direct', 'same-cluster', 'indirect'),
    source: text,
    detail: text,
    category: text,
    risk,
    entities: fc.array(fc.record({ id: text, type: text, name: text }), { maxLength: 3 }),
    stix_ids: fc.array(text, { maxLength: 3 }),
    since: text,
    confidence: fc.integer({ min: 0, max: 100 }),
    through_block: fc.option(fc.integer(), { nil: null }),
    pending: fc.constant(true),
    overridden_by: fc.option(text, { nil: undefined }),
  },
  { requiredKeys: ['kind', 'source', 'detail', 'category', 'risk', 'entities', 'stix_ids'] },
) as fc.Arbitrary<ScreenReason>;

/** Frozen all the way down (as the screening index shares direct reasons), or only at the top. */
function freeze(r: ScreenReason, deep: boolean): ScreenReason {
  if (deep) {
    for (const e of r.entities) Object.freeze(e);
    Object.freeze(r.entities);
    Object.freeze(r.stix_ids);
  }
  return Object.freeze(r);
}

const reasons = fc.array(
  fc.tuple(reason, fc.constantFrom('deep', 'shallow', 'none')).map(([r, how]) => {
    return how === 'none' ? r : freeze(r, how === 'deep');
  }),
  { maxLength: 5 },
);

test('screenJson is JSON.stringify of the answer, first and repeated', () => {
  fc.assert(
    fc.property(text, risk, reasons, (address, r, list) => {
      const result: ScreenResult = { address, risk: r, reasons: list };
      assert.equal(screenJson(result), JSON.stringify(result));
      // the same reasons again, in another order and beside a fresh copy: kept texts where frozen
      const again: ScreenResult = { address, risk: r, reasons: [...list].reverse().concat(list) };
      assert.equal(screenJson(again), JSON.stringify(again));
    }),
    { numRuns: 500 },
  );
});

test('a reason not frozen all the way down is written as it is now, not as it was', () => {
  const entity = { id: 'e', type: 'organization', name: 'Before' };
  const shallow = Object.freeze({
    kind: 'direct',
    source: 'OFAC SDN',
    detail: 'd',
    category: 'sanctions',
    risk: 'severe',
    entities: [entity],
    stix_ids: ['indicator--1'],
  } as unknown as ScreenReason);
  const loose = { ...shallow, entities: [] } as ScreenReason;
  const result: ScreenResult = { address: 'a', risk: 'severe', reasons: [shallow, loose] };
  assert.equal(screenJson(result), JSON.stringify(result));
  entity.name = 'After "quoted"';
  loose.detail = 'changed\n';
  assert.equal(screenJson(result), JSON.stringify(result));
  assert.match(screenJson(result), /After \\"quoted\\"/);
});
