/**
 * Public surface of the STIX 2.1 core: the type registry, validation, id derivation, TLP markings,
 * index terms and references for the store, and the patterning parser.
 */
export { contributingProperties, deriveScoId, isStixId, newId, SCO_ID_NAMESPACE, typeOfId } from './ids.ts';
export { indexTermsOf, normalisePatternValue } from './index-terms.ts';
export { normaliseIpv6, normaliseName, normaliseValue } from './normalise.ts';
// pattern: the patterning parser's own surface
export * from './pattern/index.ts';
export { refsOf, type VersionKey, versionKey } from './refs.ts';
export {
  BANK_ACCOUNT_EXTENSION,
  BULWARK_IDENTITY_ID,
  CRYPTOCURRENCY_TRANSACTION_EXTENSION,
  CRYPTOCURRENCY_WALLET_EXTENSION,
  CUSTOM_SCO_DEFINITIONS,
  isScoType,
  REGISTRY,
  SDO_TYPE_NAMES,
  typeSpecOf,
} from './registry/index.ts';
export type { Category, PropKind, PropSpec, PropsSpec, TypeSpec } from './registry/kinds.ts';
export { compareTimestamps as compareStixTimestamps, isTimestamp } from './timestamp.ts';
export {
  isTlpMarkingId,
  parseTlpLevel,
  TLP_1_IDS,
  TLP_2_EXTENSION_ID,
  TLP_2_IDS,
  TLP_MARKINGS,
  TLP_RANK,
  tlpLevelOf,
  tlpLevelOfMarking,
  tlpMarkingRef,
} from './tlp.ts';
export type * from './types.ts';
export { type ValidationResult, validateObject } from './validate/validate-object.ts';
