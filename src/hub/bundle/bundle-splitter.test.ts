import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BulwarkError } from '../../errors/index.ts';
import { BundleSplitter } from './bundle-splitter.ts';

function split(chunks: Buffer[]): { elements: unknown[]; topLevel: Map<string, unknown> } {
  const elements: unknown[] = [];
  const splitter = new BundleSplitter((text) => elements.push(JSON.parse(text)));
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  return { elements, topLevel: splitter.topLevel };
}

function chunked(text: string, sizes: number[]): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes.length ? Math.max(1, sizes[k % sizes.length]!) : bytes.length;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

const stixish = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
const bundleArb = fc.record({
  objects: fc.array(stixish, { maxLength: 12 }),
  extra: fc.dictionary(
    fc.string().filter((k) => !['objects', 'type'].includes(k)),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 3 },
  ),
  indent: fc.constantFrom(undefined, 0, 1, 2, '\t'),
  sizes: fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 5 }),
  objectsFirst: fc.boolean(),
});

test('any bundle, however chunked and indented, splits into exactly the objects JSON.parse sees', () => {
  fc.assert(
    fc.property(bundleArb, ({ objects, extra, indent, sizes, objectsFirst }) => {
      const doc = objectsFirst
        ? { objects, ...extra, type: 'bundle' }
        : { type: 'bundle', id: 'bundle--1', ...extra, objects };
      const text = JSON.stringify(doc, null, indent);
      const { elements, topLevel } = split(chunked(text, sizes));
      // Compare with what JSON.parse reads back, not with the generated values: JSON has no -0,
      // so {"": -0} round-trips as {"": 0} and the splitter must agree with the parser, not the source.
      const parsed = JSON.parse(text);
      assert.deepEqual(elements, parsed.objects);
      assert.equal(topLevel.get('type'), 'bundle');
      for (const k of Object.keys(extra)) assert.deepEqual(topLevel.get(k), parsed[k]);
    }),
    { numRuns: 400 },
  );
});

test('every proper prefix of a bundle is reported as malformed, never as success', () => {
  fc.assert(
    fc.property(fc.array(stixish, { minLength: 1, maxLength: 4 }), fc.nat(), (objects, cut) => {
      const text = JSON.stringify({ type: 'bundle', id: 'bundle--1', objects });
      const prefix = text.slice(0, cut % text.length);
      assert.throws(
        () => split([Buffer.from(prefix)]),
        (e: unknown) =>
          e instanceof BulwarkError && ['BULWARK_E_INVALID_JSON', 'BULWARK_E_NOT_A_BUNDLE'].includes(e.code),
      );
    }),
    { numRuns: 300 },
  );
});

test('the splitter never throws anything but a BulwarkError on arbitrary bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      try {
        split([Buffer.from(bytes)]);
      } catch (e) {
        assert.ok(e instanceof BulwarkError, String(e));
      }
    }),
    { numRuns: 500 },
  );
});

test('documents that are not bundles are refused with the reason', () => {
  const cases: [string, RegExp][] = [
    ['[]', /JSON array, not a bundle/],
    ['{"type":"indicator","objects":[]}', /"type" is "indicator"/],
    ['{"objects":[]}', /has no "type"/],
    ['', /empty/],
    ['{"type":"bundle","objects":{}}', /must be an array/],
  ];
  for (const [text, why] of cases) {
    assert.throws(
      () => split([Buffer.from(text)]),
      (e: unknown) => e instanceof BulwarkError && e.code === 'BULWARK_E_NOT_A_BUNDLE' && why.test(e.message),
      text,
    );
  }
});

test('structural faults name the line they are on', () => {
  const text = '{\n"type": "bundle",\n"objects": [\n{"a": 1},\n{"b": 2},\n]\n}';
  assert.throws(
    () => split([Buffer.from(text)]),
    (e: unknown) =>
      e instanceof BulwarkError && e.place.line === 6 && /not followed by an object/.test(e.message),
  );
  assert.throws(
    () => split([Buffer.from('{"type":"bundle","objects":[]} x')]),
    (e: unknown) => e instanceof BulwarkError && /after the end/.test(e.message),
  );
});

test('elements report their index and starting line', () => {
  const places: [number, number][] = [];
  const splitter = new BundleSplitter((_t, p) => places.push([p.index, p.line]));
  splitter.write(Buffer.from('{"type":"bundle",\n"objects":[\n{"a":"x\\"}"},\n\n{"b":[{}]}]}'));
  splitter.end();
  assert.deepEqual(places, [
    [0, 3],
    [1, 5],
  ]);
});
