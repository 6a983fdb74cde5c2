import { CUSTOM_SCO_TYPES } from './custom-sco.ts';
import type { TypeSpec } from './kinds.ts';
import { META_TYPES } from './meta.ts';
import { SCO_TYPES } from './sco.ts';
import { SDO_TYPES } from './sdo.ts';
import { SRO_TYPES } from './sro.ts';

export * from './custom-sco.ts';
export type * from './kinds.ts';
export { SDO_TYPE_NAMES } from './sro.ts';

/** Every type Bulwark knows, by name. */
export const REGISTRY: ReadonlyMap<string, TypeSpec> = new Map(
  [...SDO_TYPES, ...SRO_TYPES, ...META_TYPES, ...SCO_TYPES, ...CUSTOM_SCO_TYPES].map((spec) => [
    spec.type,
    spec,
  ]),
);

export function typeSpecOf(type: string): TypeSpec | undefined {
  return REGISTRY.get(type);
}

export function isScoType(type: string): boolean {
  return REGISTRY.get(type)?.category === 'sco';
}
