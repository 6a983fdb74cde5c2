import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BulwarkError, Errors, EXIT_FAILURE, EXIT_USAGE, exitCodeOf } from './index.ts';

test('an error carries its catalogue code, place and hint into its description and JSON', () => {
  const error = new BulwarkError('STIX_INVALID', 'modified is before created', {
    objectId: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    path: 'modified',
    rule: 'modified-after-created',
    hint: 'Set modified to created or later',
  });
  assert.equal(error.code, 'BULWARK_E_STIX_INVALID');
  assert.equal(error.status, 422);
  assert.match(error.describe(), /indicator--8e2e.*at modified.*Set modified/);
  assert.deepEqual(error.toJSON().path, 'modified');
});

test('usage errors exit 2 and every other failure exits 1', () => {
  assert.equal(exitCodeOf(new BulwarkError('USAGE', 'unknown flag')), EXIT_USAGE);
  assert.equal(exitCodeOf(new BulwarkError('STORE_UNAVAILABLE', 'down')), EXIT_FAILURE);
  assert.equal(exitCodeOf(new Error('boom')), EXIT_FAILURE);
});

test('every catalogue code is unique and prefixed', () => {
  const codes = Object.values(Errors).map((e) => e.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const code of codes) assert.match(code, /^BULWARK_E_[A-Z_]+$/);
});
