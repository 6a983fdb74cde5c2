import { randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { v5 } from 'uuid';
import { REGISTRY } from './registry/index.ts';

/** The namespace of SCO ids (STIX 2.1 section 2.9), as the spec and the python stix2 library use it. */
export const SCO_ID_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** `type--uuid` with any RFC 4122 uuid (versions 1–5, variant 10xx); hex in either case. */
const STIX_ID =
  /^[a-z0-9](?:[a-z0-9]|-(?!-))*--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
/** Same shape with any version/variant nibble, to tell a bad uuid from a bad identifier. */
const ID_SHAPE =
  /^[a-z0-9](?:[a-z0-9]|-(?!-))*--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Preferred order of hash algorithms when `hashes` contributes to an id (the stix2 library's rule). */
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'] as const;

export type IdProblem = 'identifier' | 'uuid' | 'type-mismatch' | undefined;

/** True when `s` is a STIX identifier (of `type`, if given). */
export function isStixId(s: unknown, type?: string): s is string {
  if (typeof s !== 'string' || !STIX_ID.test(s)) return false;
  return type === undefined || hasTypePrefix(s, type);
}

/** Why `id` is not a valid identifier for an object of `type`, or undefined when it is. */
export function idProblem(id: string, type: string | undefined): IdProblem {
  if (!ID_SHAPE.test(id)) return 'identifier';
  if (type !== undefined && !hasTypePrefix(id, type)) return 'type-mismatch';
  return STIX_ID.test(id) ? undefined : 'uuid';
}

/** The type named by an identifier's prefix (no validation). */
export function typeOfId(id: string): string {
  const end = id.indexOf('--');
  return end < 0 ? id : id.slice(0, end);
}

function hasTypePrefix(id: string, type: string): boolean {
  const n = type.length;
  return id.charCodeAt(n) === 45 && id.charCodeAt(n + 1) === 45 && id.startsWith(type);
}

/** A new random (v4) identifier for an object of `type`. */
export function newId(type: string): string {
  return `${type}--${randomUUID()}`;
}

/** The version digit of an identifier's uuid (4 random, 5 derived). */
export function uuidVersionOf(id: string): number {
  return id.charCodeAt(id.length - 22) - 48;
}

function chooseOneHash(hashes: unknown): Record<string, unknown> | undefined {
  if (hashes === null || typeof hashes !== 'object' || Array.isArray(hashes)) return undefined;
  const dict = hashes as Record<string, unknown>;
  for (const algorithm of HASH_PREFERENCE)
    if (dict[algorithm] !== undefined) return { [algorithm]: dict[algorithm] };
  for (const key in dict) return { [key]: dict[key] };
  return undefined;
}

function pick(
  obj: Readonly<Record<string, unknown>>,
  names: readonly string[],
): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const name of names) {
    const value = name === 'hashes' ? chooseOneHash(obj.hashes) : obj[name];
    if (value === undefined) continue;
    out ??= {};
    out[name] = value;
  }
  return out;
}

/** The id-contributing properties of an SCO as they enter the uuidv5, or undefined when none is present. */
export function contributingProperties(
  obj: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  const spec = typeof obj.type === 'string' ? REGISTRY.get(obj.type) : undefined;
  if (spec === undefined) return undefined;
  for (const alternative of spec.idAlternatives ?? []) {
    if (alternative.every((name) => obj[name] !== undefined)) return pick(obj, alternative);
  }
  return spec.idContributing === undefined ? undefined : pick(obj, spec.idContributing);
}

/**
 * The deterministic id of an SCO: UUIDv5 in the SCO namespace over the RFC 8785 canonical JSON of its
 * id-contributing properties (one hash only, MD5 before SHA-1 before SHA-256 before SHA-512); a random
 * v4 id when the object has none of them (e.g. `process`) or its type is unknown.
 */
export function deriveScoId(obj: Readonly<{ type: string }> & Readonly<Record<string, unknown>>): string {
  const contributing = contributingProperties(obj);
  if (contributing === undefined) return newId(obj.type);
  const text = canonicalize(contributing);
  return text === undefined ? newId(obj.type) : `${obj.type}--${v5(text, SCO_ID_NAMESPACE)}`;
}
