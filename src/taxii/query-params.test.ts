import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isBulwarkError } from '../errors/index.ts';
import { DEFAULT_PAGE, MAX_PAGE, pageFilter, versionSelectors } from './query-params.ts';

const LIST = { id: true, type: true, version: { kind: 'latest' } } as const;
const badRequest = (e: unknown) => isBulwarkError(e) && e.status === 400;

test('every TAXII filter maps to the store query; comma lists and repeated fields are OR-ed', () => {
  const filter = pageFilter(
    {
      'match[id]': 'indicator--1,indicator--2',
      'match[type]': ['indicator', 'malware,tool'],
      'match[spec_version]': '2.1',
      'match[version]': 'all',
      added_after: '2026-11-23T10:00:00.123456Z',
      limit: '50',
      next: '1234',
    },
    LIST,
  );
  assert.deepEqual(filter, {
    ids: ['indicator--1', 'indicator--2'],
    types: ['indicator', 'malware', 'tool'],
    specVersions: ['2.1'],
    versions: [{ kind: 'all' }],
    addedAfter: '2026-11-23T10:00:00.123456Z',
    limit: 50,
    afterSeq: 1234,
  });
});

test('defaults: latest version, a 1,000-object page; limit is capped, not refused', () => {
  assert.deepEqual(pageFilter({}, LIST), { limit: DEFAULT_PAGE, versions: [{ kind: 'latest' }] });
  assert.equal(pageFilter({ limit: '999999' }, LIST).limit, MAX_PAGE);
});

test('match[version] takes last, first, all, timestamps, or a combination of them', () => {
  const fallback = { kind: 'latest' } as const;
  const selectors = (value: string) => versionSelectors({ 'match[version]': value }, fallback);
  assert.deepEqual(versionSelectors({}, fallback), [{ kind: 'latest' }]);
  assert.deepEqual(selectors('last'), [{ kind: 'latest' }]);
  assert.deepEqual(selectors('first'), [{ kind: 'first' }]);
  assert.deepEqual(selectors('first,all'), [{ kind: 'all' }]);
  assert.deepEqual(selectors('2026-01-01T00:00:00.000Z,2026-02-01T00:00:00Z'), [
    { kind: 'modified', values: ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00Z'] },
  ]);
  assert.deepEqual(selectors('first,2026-01-01T00:00:00.000Z,last'), [
    { kind: 'latest' },
    { kind: 'first' },
    { kind: 'modified', values: ['2026-01-01T00:00:00.000Z'] },
  ]);
  assert.throws(() => selectors('yesterday'), badRequest);
});

test('malformed values are 400 with the field named', () => {
  for (const [field, value] of [
    ['limit', '0'],
    ['limit', '-3'],
    ['limit', 'ten'],
    ['next', 'abc'],
    ['added_after', '2026-11-23'],
    ['added_after', '2026-13-45T99:00:00Z'],
    ['match[type]', ','],
  ] as const) {
    assert.throws(
      () => pageFilter({ [field]: value }, LIST),
      (e) => badRequest(e) && isBulwarkError(e) && e.place.path === field,
      `${field}=${value}`,
    );
  }
});

test('any query string either parses or is refused with a 400, never another failure', () => {
  const key = fc.constantFrom(
    'limit',
    'next',
    'added_after',
    'match[id]',
    'match[type]',
    'match[version]',
    'match[spec_version]',
  );
  fc.assert(
    fc.property(
      fc.dictionary(key, fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }))),
      (params) => {
        try {
          const filter = pageFilter(params, LIST);
          assert.ok((filter.limit ?? 0) >= 1 && (filter.limit ?? 0) <= MAX_PAGE);
        } catch (error) {
          assert.ok(badRequest(error), String(error));
        }
      },
    ),
  );
});
