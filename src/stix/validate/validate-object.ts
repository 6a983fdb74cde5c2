import type { BulwarkError } from '../../errors/index.ts';
import { SDO_COMMON } from '../registry/common.ts';
import { REGISTRY } from '../registry/index.ts';
import type { TypeSpec } from '../registry/kinds.ts';
import type { StixObject } from '../types.ts';
import { compileType, type ObjectCheck } from './compile-type.ts';
import { isPlainObject, ValidationContext } from './context.ts';
import { TYPE_NAME } from './names.ts';

export type ValidationResult =
  | { ok: true; object: StixObject; warnings: string[] }
  | { ok: false; errors: BulwarkError[] };

const KNOWN_TYPES: ReadonlySet<string> = new Set(REGISTRY.keys());
const VALIDATORS = new Map<string, ObjectCheck>();
for (const [type, spec] of REGISTRY) VALIDATORS.set(type, compileType(spec, KNOWN_TYPES));

/** A custom type: every common property optional, checked by kind when present. */
const CUSTOM_SPEC: TypeSpec = {
  type: 'x-custom',
  category: 'sdo',
  props: Object.fromEntries(
    Object.entries(SDO_COMMON).map(([name, prop]) => [name, { of: prop.of, required: name === 'id' }]),
  ),
  order: [{ first: 'created', last: 'modified' }],
};
const CUSTOM_VALIDATOR = compileType(CUSTOM_SPEC, KNOWN_TYPES);

/** True when an unknown type declares itself custom: `x-…`, or a new-object extension. */
function looksCustom(type: string, obj: Record<string, unknown>): boolean {
  if (type.startsWith('x-')) return true;
  const extensions = obj.extensions;
  if (!isPlainObject(extensions)) return false;
  for (const key in extensions) {
    const body = extensions[key];
    if (key.startsWith('extension-definition--') && isPlainObject(body)) {
      const kind = body.extension_type;
      if (kind === 'new-sdo' || kind === 'new-sco' || kind === 'new-sro') return true;
    }
  }
  return false;
}

function checkType(obj: Record<string, unknown>, ctx: ValidationContext): ObjectCheck | undefined {
  const type = obj.type;
  if (type === undefined) {
    ctx.errorAt('type', 'required', 'type is required');
    return undefined;
  }
  if (typeof type !== 'string' || !TYPE_NAME.test(type)) {
    ctx.errorAt('type', 'type', 'type must be a lowercase name like indicator or x-acme-widget');
    return undefined;
  }
  const known = VALIDATORS.get(type);
  if (known !== undefined) return known;
  if (looksCustom(type, obj)) {
    ctx.warn('custom-type', `${type} is a custom type: only its common properties were checked`);
    return CUSTOM_VALIDATOR;
  }
  ctx.path.push('type');
  ctx.error(
    'unknown-type',
    `${type} is not a STIX 2.1 type`,
    'Custom types start with x- or carry a new-sdo/new-sco/new-sro extension',
    true,
  );
  ctx.path.pop();
  return undefined;
}

/**
 * Validates one STIX 2.1 object against the registry. Never throws: every problem comes back as a
 * BulwarkError naming the object, the property path and the rule broken. Warnings are legal but
 * doubtful content (custom types, empty lists, SCO ids derived some other way).
 */
export function validateObject(input: unknown): ValidationResult {
  const ctx = new ValidationContext();
  if (!isPlainObject(input)) {
    ctx.error('type', 'a STIX object must be a JSON object');
    return { ok: false, errors: ctx.errors! };
  }
  if (typeof input.id === 'string') ctx.objectId = input.id.slice(0, 300);
  const validator = checkType(input, ctx);
  if (validator !== undefined) validator(input, ctx);
  if (ctx.errors !== undefined) return { ok: false, errors: ctx.errors };
  return { ok: true, object: input as StixObject, warnings: ctx.warnings ?? [] };
}
