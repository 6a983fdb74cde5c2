import { bool, int, list, type PropsSpec, props, ref, req, str, ts } from './kinds.ts';

/** Reference to any object a `*_ref` may name, including custom types. */
export const anyRef = { kind: 'identifier', custom: true } as const;

export const externalReferences = list({ kind: 'external-reference' });
export const killChainPhases = list({ kind: 'kill-chain-phase' });
export const markingRefs = list(ref('marking-definition'));
export const granularMarkings = list({ kind: 'granular-marking' });
export const extensions = { kind: 'extensions' } as const;

/** Common properties of SDOs and SROs (section 3.2). */
export const SDO_COMMON: PropsSpec = props({
  type: req(str),
  spec_version: req(str),
  id: req(str),
  created_by_ref: ref('identity'),
  created: req(ts),
  modified: req(ts),
  revoked: bool,
  labels: list(str),
  confidence: int(0, 100),
  lang: str,
  external_references: externalReferences,
  object_marking_refs: markingRefs,
  granular_markings: granularMarkings,
  extensions,
});

/** Common properties of SCOs (section 3.2; spec_version optional). */
export const SCO_COMMON: PropsSpec = props({
  type: req(str),
  spec_version: str,
  id: req(str),
  object_marking_refs: markingRefs,
  granular_markings: granularMarkings,
  defanged: bool,
  extensions,
});

export function sdoProps(own: PropsSpec): PropsSpec {
  return { ...SDO_COMMON, ...own };
}

export function scoProps(own: PropsSpec): PropsSpec {
  return { ...SCO_COMMON, ...own };
}

/** The common order rule of every versioned object. */
export const CREATED_BEFORE_MODIFIED = { first: 'created', last: 'modified' } as const;
