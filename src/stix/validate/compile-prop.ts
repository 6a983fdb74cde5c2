import { idProblem, typeOfId } from '../ids.ts';
import type { PropKind, PropsSpec } from '../registry/kinds.ts';
import { EXTENSION_TYPE } from '../registry/vocab.ts';
import { isTimestamp } from '../timestamp.ts';
import { type Check, describeValue, isPlainObject, type ValidationContext } from './context.ts';
import { checkExternalReference, checkHashes, checkKillChainPhase } from './embedded.ts';
import { BASE64, CUSTOM_PROPERTY_NAME, DECIMAL, HEX } from './names.ts';

/** What a compiled check may need to know beyond the property kind. */
export interface CompileOptions {
  /** Every type the registry knows, to tell a custom reference target from a misplaced one. */
  readonly knownTypes: ReadonlySet<string>;
  /** Predefined extension names of the type being compiled. */
  readonly predefinedExtensions: ReadonlySet<string>;
}

const EXTENSION_TYPES = new Set<string>(EXTENSION_TYPE);

function typeError(ctx: ValidationContext, expected: string, value: unknown): void {
  ctx.error('type', `must be ${expected}, not ${describeValue(value)}`);
}

function numberCheck(integer: boolean, min?: number, max?: number): Check {
  const expected = integer ? 'an integer' : 'a number';
  return (value, ctx) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      typeError(ctx, expected, value);
    } else if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      ctx.error('range', `${value} is outside ${min ?? '-∞'}..${max ?? '∞'}`);
    }
  };
}

function identifierCheck(kind: Extract<PropKind, { kind: 'identifier' }>, options: CompileOptions): Check {
  const targets = kind.targets === undefined ? undefined : new Set(kind.targets);
  const custom = kind.custom === true;
  return (value, ctx) => {
    if (typeof value !== 'string') {
      typeError(ctx, 'an identifier (type--uuid)', value);
      return;
    }
    const problem = idProblem(value, undefined);
    if (problem !== undefined) {
      ctx.error(problem, `${value} is not a STIX identifier (type--RFC 4122 uuid)`);
      return;
    }
    if (targets === undefined) return;
    const type = typeOfId(value);
    if (targets.has(type) || (custom && !options.knownTypes.has(type))) return;
    ctx.error('identifier', `${value} must reference ${[...targets].join(' or ')}`);
  };
}

function listCheck(of: Check): Check {
  return (value, ctx) => {
    if (!Array.isArray(value)) {
      typeError(ctx, 'a list', value);
      return;
    }
    // The spec forbids empty lists, but exporters write them often; they carry no data, so only warn.
    if (value.length === 0) ctx.warn('empty-list', 'an empty list should be omitted');
    for (let i = 0; i < value.length; i++) {
      ctx.path.push(i);
      of(value[i], ctx);
      ctx.path.pop();
    }
  };
}

function stringPattern(pattern: RegExp, rule: string, expected: string): Check {
  return (value, ctx) => {
    if (typeof value !== 'string') typeError(ctx, expected, value);
    else if (!pattern.test(value)) ctx.error(rule, `must be ${expected}`);
  };
}

function enumCheck(values: readonly string[]): Check {
  const allowed = new Set(values);
  return (value, ctx) => {
    if (typeof value !== 'string' || !allowed.has(value)) {
      ctx.error('enum', `must be one of ${values.join(', ')}`);
    }
  };
}

function granularMarkingCheck(options: CompileOptions): Check {
  const markingRef = identifierCheck({ kind: 'identifier', targets: ['marking-definition'] }, options);
  const selectors = listCheck((value, ctx) => {
    if (typeof value !== 'string') typeError(ctx, 'a selector string', value);
  });
  return (value, ctx) => {
    if (!isPlainObject(value)) {
      typeError(ctx, 'a granular marking object', value);
      return;
    }
    if (value.selectors === undefined) ctx.errorAt('selectors', 'required', 'selectors is required');
    else nested(ctx, 'selectors', selectors, value.selectors);
    if (value.marking_ref !== undefined) nested(ctx, 'marking_ref', markingRef, value.marking_ref);
    if (value.lang !== undefined && typeof value.lang !== 'string')
      ctx.errorAt('lang', 'type', 'must be a string');
    if ((value.marking_ref === undefined) === (value.lang === undefined)) {
      ctx.error('granular-marking', 'a granular marking needs exactly one of marking_ref or lang');
    }
  };
}

function extensionsCheck(options: CompileOptions): Check {
  return (value, ctx) => {
    if (!isPlainObject(value)) {
      typeError(ctx, 'an object of extensions', value);
      return;
    }
    for (const name in value) {
      ctx.path.push(name);
      checkExtension(name, value[name], options, ctx);
      ctx.path.pop();
    }
  };
}

function checkExtension(name: string, body: unknown, options: CompileOptions, ctx: ValidationContext): void {
  if (name.startsWith('extension-definition--')) {
    if (idProblem(name, 'extension-definition') !== undefined) {
      ctx.error('extensions', `${name} is not an extension-definition identifier`);
    }
  } else if (!options.predefinedExtensions.has(name)) {
    if (name.endsWith('-ext')) ctx.warn('extensions', `${name} is not a predefined extension of this type`);
    else {
      ctx.error(
        'extensions',
        `${name} is neither an extension-definition id nor a predefined extension`,
        'Name the extension by the id of its extension-definition',
      );
    }
  }
  if (!isPlainObject(body)) {
    typeError(ctx, 'an object', body);
    return;
  }
  const type = body.extension_type;
  if (type !== undefined && (typeof type !== 'string' || !EXTENSION_TYPES.has(type))) {
    ctx.errorAt('extension_type', 'enum', `must be one of ${EXTENSION_TYPE.join(', ')}`);
  }
}

function nested(ctx: ValidationContext, prop: string | number, check: Check, value: unknown): void {
  ctx.path.push(prop);
  check(value, ctx);
  ctx.path.pop();
}

/** Checks the properties of an embedded object: known ones by kind, unknown ones by name. */
export function compileProps(specs: PropsSpec, options: CompileOptions): Check {
  const checks: Record<string, Check> = Object.create(null);
  const required: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    checks[name] = compileKind(spec.of, options);
    if (spec.required) required.push(name);
  }
  return (value, ctx) => {
    if (!isPlainObject(value)) {
      typeError(ctx, 'an object', value);
      return;
    }
    for (const key in value) {
      const check = checks[key];
      if (check !== undefined) nested(ctx, key, check, value[key]);
      else if (!CUSTOM_PROPERTY_NAME.test(key))
        ctx.errorAt(key, 'custom-property-name', customNameMessage(key));
    }
    for (const name of required)
      if (value[name] === undefined) ctx.errorAt(name, 'required', `${name} is required`);
  };
}

export function customNameMessage(key: string): string {
  return `${JSON.stringify(key.slice(0, 80))} is not a property of this type nor a valid custom property name (a-z, 0-9, _; 3–250 characters)`;
}

function stixObjectCheck(value: unknown, ctx: ValidationContext): void {
  if (!isPlainObject(value)) {
    typeError(ctx, 'a STIX object', value);
    return;
  }
  if (typeof value.type !== 'string') ctx.errorAt('type', 'required', 'type is required');
  if (typeof value.id !== 'string') ctx.errorAt('id', 'required', 'id is required');
}

/** Builds the check of one property kind, once, as a closure. */
export function compileKind(kind: PropKind, options: CompileOptions): Check {
  switch (kind.kind) {
    case 'string':
      return (value, ctx) => (typeof value === 'string' ? undefined : typeError(ctx, 'a string', value));
    case 'boolean':
      return (value, ctx) =>
        typeof value === 'boolean' ? undefined : typeError(ctx, 'true or false', value);
    case 'integer':
      return numberCheck(true, kind.min, kind.max);
    case 'float':
      return numberCheck(false, kind.min, kind.max);
    case 'timestamp':
      return (value, ctx) =>
        isTimestamp(value)
          ? undefined
          : ctx.error('timestamp', 'must be an RFC 3339 UTC timestamp like 2024-01-31T12:00:00.000Z');
    case 'identifier':
      return identifierCheck(kind, options);
    case 'list':
      return listCheck(compileKind(kind.of, options));
    case 'open-vocab':
      return (value, ctx) =>
        typeof value === 'string' ? undefined : ctx.error('vocab', 'must be a vocabulary string');
    case 'enum':
      return enumCheck(kind.values);
    case 'hashes':
      return checkHashes;
    case 'kill-chain-phase':
      return checkKillChainPhase;
    case 'external-reference':
      return checkExternalReference;
    case 'granular-marking':
      return granularMarkingCheck(options);
    case 'dictionary':
      return (value, ctx) => (isPlainObject(value) ? undefined : typeError(ctx, 'an object', value));
    case 'hex':
      return stringPattern(HEX, 'hex', 'hexadecimal (an even number of 0-9a-f digits)');
    case 'binary':
      return stringPattern(BASE64, 'binary', 'base64');
    case 'decimal':
      return stringPattern(DECIMAL, 'decimal', 'a decimal number written as a string, like "12.5"');
    case 'extensions':
      return extensionsCheck(options);
    case 'object':
      return compileProps(kind.props, options);
    case 'stix-object':
      return stixObjectCheck;
  }
}
