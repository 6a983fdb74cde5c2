import { contributingProperties, deriveScoId, idProblem, uuidVersionOf } from '../ids.ts';
import type { OrderRule, TypeSpec } from '../registry/kinds.ts';
import { compareTimestamps, isTimestamp } from '../timestamp.ts';
import { type CompileOptions, compileKind, customNameMessage } from './compile-prop.ts';
import type { Check, ValidationContext } from './context.ts';
import { CUSTOM_PROPERTY_NAME } from './names.ts';
import { TYPE_RULES } from './type-rules.ts';

export type ObjectCheck = (obj: Record<string, unknown>, ctx: ValidationContext) => void;

function idCheck(spec: TypeSpec): ObjectCheck {
  const sco = spec.category === 'sco';
  return (obj, ctx) => {
    const id = obj.id;
    if (id === undefined) return;
    if (typeof id !== 'string') {
      ctx.errorAt('id', 'type', 'id must be a string');
      return;
    }
    const type = obj.type as string;
    const problem = idProblem(id, type);
    if (problem === 'type-mismatch') ctx.errorAt('id', 'identifier', `id must start with ${type}--`);
    else if (problem !== undefined) ctx.errorAt('id', problem, `${id} is not type--RFC 4122 uuid`);
    else if (sco && uuidVersionOf(id) === 5) checkDerivedId(obj, id, ctx);
  };
}

/** Several producers derive SCO ids differently (other namespaces, unnormalised input): warn only. */
function checkDerivedId(obj: Record<string, unknown>, id: string, ctx: ValidationContext): void {
  let derived: string;
  try {
    if (contributingProperties(obj) === undefined) return;
    derived = deriveScoId(obj as { type: string });
  } catch {
    // Canonicalisation recurses; absurdly deep extension bodies must not make validation throw.
    ctx.warnAt(
      'id',
      'id-contributing',
      'the id-contributing properties are too deeply nested to derive an id',
    );
    return;
  }
  if (derived.toLowerCase() !== id.toLowerCase()) {
    ctx.warnAt(
      'id',
      'id-contributing',
      `id differs from ${derived} derived from its id-contributing properties`,
    );
  }
}

function specVersionCheck(required: boolean): ObjectCheck {
  return (obj, ctx) => {
    const version = obj.spec_version;
    if (version === '2.1') return;
    if (version === undefined) {
      if (required) {
        ctx.errorAt(
          'spec_version',
          'spec_version',
          'spec_version "2.1" is required',
          'STIX 2.0 objects have no spec_version: convert them to 2.1',
        );
      }
      return;
    }
    ctx.errorAt('spec_version', 'spec_version', `spec_version must be "2.1", not ${JSON.stringify(version)}`);
  };
}

function orderCheck(rule: OrderRule): ObjectCheck {
  const name = rule.first === 'created' && rule.last === 'modified' ? 'modified-before-created' : 'order';
  const relation = rule.strict ? 'after' : 'at or after';
  return (obj, ctx) => {
    const first = obj[rule.first];
    const last = obj[rule.last];
    if (!isTimestamp(first) || !isTimestamp(last)) return;
    const cmp = compareTimestamps(first, last);
    if (cmp > 0 || (rule.strict && cmp === 0)) {
      ctx.errorAt(rule.last, name, `${rule.last} must be ${relation} ${rule.first}`);
    }
  };
}

function presenceChecks(spec: TypeSpec): ObjectCheck[] {
  const checks: ObjectCheck[] = [];
  for (const group of spec.atLeastOne ?? []) {
    checks.push((obj, ctx) => {
      if (!group.some((name) => obj[name] !== undefined)) {
        ctx.errorAt(group[0]!, 'required', `one of ${group.join(', ')} is required`);
      }
    });
  }
  for (const { given, needs } of spec.requires ?? []) {
    checks.push((obj, ctx) => {
      if (obj[given] !== undefined && obj[needs] === undefined) {
        ctx.errorAt(needs, 'required', `${needs} is required when ${given} is present`);
      }
    });
  }
  for (const group of spec.exclusive ?? []) {
    checks.push((obj, ctx) => {
      if (group.filter((name) => obj[name] !== undefined).length > 1) {
        ctx.errorAt(group[1]!, 'exclusive', `${group.join(' and ')} must not both be present`);
      }
    });
  }
  for (const { prop, flag } of spec.requiredIfTrue ?? []) {
    checks.push((obj, ctx) => {
      if (obj[flag] === true && obj[prop] === undefined) {
        ctx.errorAt(prop, 'required', `${prop} is required when ${flag} is true`);
      }
    });
  }
  return checks;
}

/** Builds the validator of one type from its registry entry, once. */
export function compileType(spec: TypeSpec, knownTypes: ReadonlySet<string>): ObjectCheck {
  const options: CompileOptions = {
    knownTypes,
    predefinedExtensions: new Set(spec.predefinedExtensions ?? []),
  };
  const checks: Record<string, Check> = Object.create(null);
  const required: string[] = [];
  for (const [name, prop] of Object.entries(spec.props)) {
    if (prop.required) required.push(name);
    // type, id and spec_version are checked as a whole below.
    if (name !== 'type' && name !== 'id' && name !== 'spec_version')
      checks[name] = compileKind(prop.of, options);
  }
  const wholeChecks: ObjectCheck[] = [
    idCheck(spec),
    specVersionCheck(spec.props.spec_version?.required === true),
    ...presenceChecks(spec),
    ...(spec.order ?? []).map(orderCheck),
    ...(TYPE_RULES[spec.type] ?? []),
  ];
  return (obj, ctx) => {
    const path = ctx.path;
    for (const key in obj) {
      const check = checks[key];
      if (check !== undefined) {
        path.push(key);
        check(obj[key], ctx);
        path.pop();
      } else if (
        key !== 'type' &&
        key !== 'id' &&
        key !== 'spec_version' &&
        !CUSTOM_PROPERTY_NAME.test(key)
      ) {
        ctx.errorAt(key, 'custom-property-name', customNameMessage(key));
      }
    }
    for (let i = 0; i < required.length; i++) {
      const name = required[i]!;
      if (obj[name] === undefined && name !== 'spec_version')
        ctx.errorAt(name, 'required', `${name} is required`);
    }
    for (let i = 0; i < wholeChecks.length; i++) wholeChecks[i]!(obj, ctx);
  };
}
