/**
 * The vocabulary in which the STIX type registry is written: what kind of value a property holds,
 * whether it is required, and the cross-property rules of a type. Validators and test generators are
 * both built from these descriptions, so the registry is the single statement of what STIX 2.1 allows.
 */

export type PropKind =
  | { readonly kind: 'string' }
  | { readonly kind: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'float'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'timestamp' }
  /** `targets` undefined: any identifier; `custom`: also any type this registry does not know. */
  | { readonly kind: 'identifier'; readonly targets?: readonly string[]; readonly custom?: boolean }
  | { readonly kind: 'list'; readonly of: PropKind }
  | { readonly kind: 'open-vocab'; readonly vocab: readonly string[] }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'hashes' }
  | { readonly kind: 'kill-chain-phase' }
  | { readonly kind: 'external-reference' }
  | { readonly kind: 'granular-marking' }
  | { readonly kind: 'dictionary' }
  | { readonly kind: 'hex' }
  | { readonly kind: 'binary' }
  /** A decimal number written as a string, so amounts keep every digit (e.g. wei). */
  | { readonly kind: 'decimal' }
  | { readonly kind: 'extensions' }
  /** An embedded object with its own properties (registry values, MIME parts, TLP definitions). */
  | { readonly kind: 'object'; readonly props: PropsSpec }
  /** A STIX object carried inside another (bundle `objects`): checked for `type` and `id` only. */
  | { readonly kind: 'stix-object' };

export interface PropSpec {
  readonly of: PropKind;
  readonly required?: boolean;
}

export type PropsSpec = Readonly<Record<string, PropSpec>>;

export type Category = 'sdo' | 'sro' | 'sco' | 'meta' | 'bundle';

/** `first` must not be after `last` (strictly before when `strict`). */
export interface OrderRule {
  readonly first: string;
  readonly last: string;
  readonly strict?: boolean;
}

export interface TypeSpec {
  readonly type: string;
  readonly category: Category;
  readonly props: PropsSpec;
  /** SCOs: the properties from which the UUIDv5 is derived, in the spec's order. */
  readonly idContributing?: readonly string[];
  /** SCOs whose id comes from one of several property sets: the first set with every property present wins. */
  readonly idAlternatives?: readonly (readonly string[])[];
  /** Groups of which at least one property must be present. */
  readonly atLeastOne?: readonly (readonly string[])[];
  /** When `given` is present, `needs` must be too. */
  readonly requires?: readonly { readonly given: string; readonly needs: string }[];
  /** Properties that must not appear together. */
  readonly exclusive?: readonly (readonly string[])[];
  /** `prop` is required when the boolean `flag` is true (malware `name` when `is_family`). */
  readonly requiredIfTrue?: readonly { readonly prop: string; readonly flag: string }[];
  readonly order?: readonly OrderRule[];
  /** Predefined extension names valid on this type (e.g. `ntfs-ext` on `file`). */
  readonly predefinedExtensions?: readonly string[];
  /** Defined by an extension-definition rather than the spec (accepted with or without the extension entry). */
  readonly extensionDefinition?: string;
}

export const str: PropKind = { kind: 'string' };
export const bool: PropKind = { kind: 'boolean' };
export const ts: PropKind = { kind: 'timestamp' };
export const hashes: PropKind = { kind: 'hashes' };
export const dict: PropKind = { kind: 'dictionary' };
export const hex: PropKind = { kind: 'hex' };
export const binary: PropKind = { kind: 'binary' };
export const decimal: PropKind = { kind: 'decimal' };

export function int(min?: number, max?: number): PropKind {
  return { kind: 'integer', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

export function float(min?: number, max?: number): PropKind {
  return { kind: 'float', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

export function ref(...targets: string[]): PropKind {
  return targets.length === 0 ? { kind: 'identifier' } : { kind: 'identifier', targets };
}

export function list(of: PropKind): PropKind {
  return { kind: 'list', of };
}

export function refs(...targets: string[]): PropKind {
  return list(ref(...targets));
}

export function ov(vocab: readonly string[]): PropKind {
  return { kind: 'open-vocab', vocab };
}

export function oneOf(values: readonly string[]): PropKind {
  return { kind: 'enum', values };
}

export function obj(props: PropsSpec): PropKind {
  return { kind: 'object', props };
}

/** Marks a property as required. */
export function req(of: PropKind): PropSpec {
  return { of, required: true };
}

/** Turns a record of kinds (optional) and specs into a PropsSpec. */
export function props(entries: Readonly<Record<string, PropKind | PropSpec>>): PropsSpec {
  const out: Record<string, PropSpec> = {};
  for (const [name, value] of Object.entries(entries)) out[name] = 'kind' in value ? { of: value } : value;
  return out;
}
