import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isBulwarkError } from '../errors/index.ts';
import { acceptsTaxii, requireAcceptable, requireTaxiiContentType, TAXII_MEDIA_TYPE } from './media-types.ts';

test('TAXII 2.1, unversioned TAXII and wildcards are acceptable', () => {
  for (const accept of [
    TAXII_MEDIA_TYPE,
    'application/taxii+json; version="2.1"',
    'application/taxii+json',
    '*/*',
    'application/*',
    'text/html, application/taxii+json;version=2.1;q=0.5',
    undefined,
  ]) {
    assert.equal(acceptsTaxii(accept), true, String(accept));
  }
});

test('other media types, other TAXII versions and q=0 are not acceptable (406)', () => {
  for (const accept of [
    'application/json',
    'application/taxii+json;version=2.0',
    'application/stix+json;version=2.1',
    'application/taxii+json;version=2.1;q=0',
    'text/html',
  ]) {
    assert.equal(acceptsTaxii(accept), false, accept);
    assert.throws(
      () => requireAcceptable(accept),
      (e) => isBulwarkError(e) && e.status === 406,
    );
  }
});

test('a POST body must be declared application/taxii+json (415 otherwise)', () => {
  requireTaxiiContentType(TAXII_MEDIA_TYPE);
  requireTaxiiContentType('application/taxii+json');
  for (const type of ['application/json', 'application/taxii+json;version=2.0', undefined]) {
    assert.throws(
      () => requireTaxiiContentType(type),
      (e) => isBulwarkError(e) && e.status === 415,
    );
  }
});

test('Accept parsing never throws and a list is acceptable when one of its entries is', () => {
  const range = fc.oneof(
    fc.constantFrom(
      TAXII_MEDIA_TYPE,
      'application/json',
      'text/*',
      '*/*;q=0',
      'application/taxii+json;version=2.0',
    ),
    fc.string(),
  );
  fc.assert(
    fc.property(fc.array(range, { minLength: 1, maxLength: 5 }), (ranges) => {
      const joined = ranges.join(',');
      const expected =
        joined.trim() === '' ||
        ranges.some((r) => r.split(',').some((p) => acceptsTaxii(p) && p.trim() !== ''));
      assert.equal(acceptsTaxii(joined), expected);
    }),
  );
});
