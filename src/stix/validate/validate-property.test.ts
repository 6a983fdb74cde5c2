import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { REGISTRY } from '../registry/index.ts';
import type { PropKind, TypeSpec } from '../registry/kinds.ts';
import { objectOf } from './registry-arbitrary.ts';
import { validateObject } from './validate-object.ts';

const SPECS = [...REGISTRY.values()];
const anyObject = fc.constantFrom(...SPECS).chain((spec) => objectOf(spec).map((obj) => ({ spec, obj })));

function describeErrors(result: ReturnType<typeof validateObject>): string {
  return result.ok ? 'ok' : result.errors.map((e) => `${e.place.path}: ${e.message} [${e.rule}]`).join('; ');
}

test('every object generated from the registry, of every type, validates and survives a JSON round trip', () => {
  fc.assert(
    fc.property(anyObject, ({ obj }) => {
      const result = validateObject(obj);
      assert.ok(result.ok, `${obj.type}: ${describeErrors(result)}`);
      const copy = JSON.parse(JSON.stringify(obj));
      assert.deepEqual(copy, obj);
      assert.ok(validateObject(copy).ok);
    }),
    { numRuns: 600 },
  );
});

test('each type generates a valid object (no type is skipped by chance)', () => {
  for (const spec of SPECS) {
    const [obj] = fc.sample(objectOf(spec), { numRuns: 1, seed: 42 });
    const result = validateObject(obj);
    assert.ok(result.ok, `${spec.type}: ${describeErrors(result)}`);
  }
});

/** A value of the wrong JSON type for a property kind. */
function wrongValue(kind: PropKind): unknown {
  switch (kind.kind) {
    case 'integer':
    case 'float':
      return 'seven';
    case 'boolean':
      return 'yes';
    case 'list':
    case 'hashes':
    case 'dictionary':
    case 'extensions':
    case 'object':
    case 'stix-object':
    case 'kill-chain-phase':
    case 'external-reference':
    case 'granular-marking':
      return 'not an object';
    default:
      return 12345;
  }
}

const mutation = fc
  .constantFrom(...SPECS.filter((s) => Object.values(s.props).some((p) => p.required)))
  .chain((spec: TypeSpec) => {
    const required = Object.keys(spec.props).filter((n) => spec.props[n]!.required && n !== 'type');
    return fc.record({
      spec: fc.constant(spec),
      obj: objectOf(spec),
      prop: fc.constantFrom(...required),
      how: fc.constantFrom('delete', 'wrong-type', 'bad-timestamp'),
    });
  });

test('removing or breaking a required property, or its timestamp, gives an error at that property', () => {
  fc.assert(
    fc.property(mutation, ({ spec, obj, prop, how }) => {
      const kind = spec.props[prop]!.of;
      const broken: Record<string, unknown> = { ...obj };
      if (how === 'delete') delete broken[prop];
      else if (how === 'bad-timestamp' && kind.kind === 'timestamp') broken[prop] = '2024-02-30 10:00:00';
      else broken[prop] = wrongValue(kind);
      const result = validateObject(broken);
      assert.equal(result.ok, false, `${spec.type}.${prop} (${how}) passed`);
      if (result.ok) return;
      const named = result.errors.some((e) => e.place.path === prop || e.place.path?.startsWith(`${prop}.`));
      assert.ok(named, `${spec.type}.${prop} (${how}): ${describeErrors(result)}`);
    }),
    { numRuns: 600 },
  );
});

test('the validator never throws: any JSON value or near-object comes back as a result', () => {
  const nearObject = fc
    .tuple(
      fc.constantFrom(...REGISTRY.keys(), 'x-custom', 'nonsense'),
      fc.dictionary(fc.string(), fc.jsonValue()),
    )
    .map(([type, rest]) => ({ ...rest, type }));
  fc.assert(
    fc.property(fc.oneof(fc.anything(), fc.jsonValue(), nearObject), (value) => {
      const result = validateObject(value);
      assert.equal(typeof result.ok, 'boolean');
      if (!result.ok) assert.ok(result.errors.length > 0);
    }),
    { numRuns: 1000 },
  );
});
