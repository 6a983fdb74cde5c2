/**
 * Test support: fast-check arbitraries of valid STIX objects, generated from the registry itself, so
 * every type and property the registry declares is exercised by the property tests. Not product code.
 */
import fc from 'fast-check';
import { deriveScoId } from '../ids.ts';
import type { PropKind, TypeSpec } from '../registry/kinds.ts';
import { compareTimestamps } from '../timestamp.ts';

type Obj = Record<string, unknown>;

const TLP_GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
const text = fc.string({ maxLength: 12 });
const uuid4 = fc.uuid({ version: 4 });
const hexByte = fc.integer({ min: 0, max: 255 }).map((n) => n.toString(16).padStart(2, '0'));
const hexOf = (bytes: number) =>
  fc.array(hexByte, { minLength: bytes, maxLength: bytes }).map((b) => b.join(''));
const timestamp = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((ms) => new Date(ms).toISOString());

function scaled(min: number | undefined, max: number | undefined, scale: number): fc.Arbitrary<number> {
  return fc
    .integer({ min: (min ?? -1_000_000) * scale, max: (max ?? 1_000_000) * scale })
    .map((n) => n / scale);
}

function identifier(targets: readonly string[] | undefined): fc.Arbitrary<string> {
  const types = targets ?? ['identity', 'indicator', 'malware', 'ipv4-addr'];
  return fc.tuple(fc.constantFrom(...types), uuid4).map(([t, u]) => `${t}--${u}`);
}

/** An arbitrary valid value of one property kind. */
export function arbitraryValue(kind: PropKind): fc.Arbitrary<unknown> {
  switch (kind.kind) {
    case 'string':
      return text;
    case 'integer':
      return scaled(kind.min, kind.max, 1);
    case 'float':
      return scaled(kind.min, kind.max, 4);
    case 'boolean':
      return fc.boolean();
    case 'timestamp':
      return timestamp;
    case 'identifier':
      return identifier(kind.targets);
    case 'list':
      return fc.array(arbitraryValue(kind.of), { minLength: 1, maxLength: 3 });
    case 'open-vocab':
      return fc.constantFrom(...kind.vocab);
    case 'enum':
      return fc.constantFrom(...kind.values);
    case 'hashes':
      return fc.oneof(
        hexOf(16).map((h) => ({ MD5: h })),
        hexOf(32).map((h) => ({ 'SHA-256': h })),
      );
    case 'kill-chain-phase':
      return fc.record({ kill_chain_name: text, phase_name: text }, { noNullPrototype: true });
    case 'external-reference':
      return fc.record(
        { source_name: text, url: text, external_id: text },
        { requiredKeys: ['source_name', 'url'], noNullPrototype: true },
      );
    case 'granular-marking':
      return fc.record(
        {
          selectors: fc.array(text, { minLength: 1, maxLength: 2 }),
          marking_ref: fc.constant(TLP_GREEN),
        },
        { noNullPrototype: true },
      );
    case 'dictionary':
      return fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), text, { maxKeys: 3, noNullPrototype: true });
    case 'hex':
      return fc.integer({ min: 0, max: 8 }).chain(hexOf);
    case 'binary':
      return fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b).toString('base64'));
    case 'decimal':
      return fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `${a}.${b}`);
    case 'extensions':
      return uuid4.map((u) => ({
        [`extension-definition--${u}`]: { extension_type: 'property-extension', x_note: 'n' },
      }));
    case 'object':
      return fc.record(
        Object.fromEntries(Object.entries(kind.props).map(([name, spec]) => [name, arbitraryValue(spec.of)])),
        {
          requiredKeys: Object.entries(kind.props)
            .filter(([, s]) => s.required)
            .map(([n]) => n),
          noNullPrototype: true,
        },
      );
    case 'stix-object':
      return uuid4.map((u) => ({ type: 'x-thing', id: `x-thing--${u}` }));
  }
}

/** Makes cross-property rules hold, taking missing values from `full` (a value for every property). */
function repair(spec: TypeSpec, obj: Obj, full: Obj): void {
  for (const group of spec.atLeastOne ?? []) {
    if (!group.some((n) => obj[n] !== undefined)) obj[group[0]!] = full[group[0]!];
  }
  for (const group of spec.exclusive ?? []) {
    for (const name of group.filter((n) => obj[n] !== undefined).slice(1)) delete obj[name];
  }
  for (let round = 0; round < 3; round++) {
    for (const { given, needs } of spec.requires ?? []) {
      if (obj[given] !== undefined && obj[needs] === undefined) obj[needs] = full[needs];
    }
  }
  for (const { prop, flag } of spec.requiredIfTrue ?? []) {
    if (obj[flag] === true && obj[prop] === undefined) obj[prop] = full[prop];
  }
  for (const rule of spec.order ?? []) {
    const a = obj[rule.first];
    const b = obj[rule.last];
    if (typeof a !== 'string' || typeof b !== 'string') continue;
    const cmp = compareTimestamps(a, b);
    if (cmp > 0) [obj[rule.first], obj[rule.last]] = [b, a];
    if (rule.strict && cmp === 0) obj[rule.last] = new Date(Date.parse(a) + 1).toISOString();
  }
  if (spec.type === 'indicator' && obj.pattern_type === 'stix') {
    const label = String(full.name ?? '').replace(/[^a-z0-9]/gi, '');
    obj.pattern = `[domain-name:value = '${label}.example.com']`;
  }
  if (spec.type === 'marking-definition') {
    obj.definition_type = 'statement';
    obj.definition = { statement: String(full.name ?? 'internal') };
  }
}

/** An arbitrary valid object of the registry type `spec`. */
export function objectOf(spec: TypeSpec): fc.Arbitrary<Obj> {
  const names = Object.keys(spec.props);
  const model = Object.fromEntries(names.map((name) => [name, arbitraryValue(spec.props[name]!.of)]));
  const required = names.filter((n) => spec.props[n]!.required);
  return fc
    .tuple(fc.record(model, { requiredKeys: required, noNullPrototype: true }), fc.record(model), uuid4)
    .map(([chosen, full, u]) => {
      const obj: Obj = { ...chosen };
      repair(spec, obj, full);
      obj.type = spec.type;
      if (
        spec.props.spec_version !== undefined &&
        (spec.props.spec_version.required || obj.spec_version !== undefined)
      ) {
        obj.spec_version = '2.1';
      }
      obj.id = spec.category === 'sco' ? deriveScoId(obj as { type: string }) : `${spec.type}--${u}`;
      return obj;
    });
}
