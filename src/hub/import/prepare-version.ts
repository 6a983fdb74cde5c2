import type { StixObject } from '../../stix/index.ts';
import { indexTermsOf, refsOf, tlpLevelOf, tlpMarkingRef } from '../../stix/index.ts';
import type { Audience, NewVersion, TlpLevel } from '../../store/index.ts';

/** What the hub adds to every object it takes in: who wrote it and who may read it. */
export interface Provenance {
  authorOrg: string;
  /** Marking for objects that arrive without a TLP marking. */
  defaultTlp: TlpLevel;
  audience: Audience;
}

/**
 * Turns a validated STIX object into a store row. An object without a TLP marking gets the default
 * one written into its `object_marking_refs`, so every reader downstream sees the marking the hub
 * enforces, not a silent assumption.
 */
export function prepareVersion(object: StixObject, provenance: Provenance): NewVersion {
  let tlp = tlpLevelOf(object);
  let stored = object;
  if (tlp === undefined && object.type !== 'marking-definition') {
    tlp = provenance.defaultTlp;
    const refs = Array.isArray(object.object_marking_refs) ? (object.object_marking_refs as string[]) : [];
    stored = { ...object, object_marking_refs: [...refs, tlpMarkingRef(tlp)] };
  }
  return {
    id: stored.id,
    type: stored.type,
    specVersion: typeof stored.spec_version === 'string' ? stored.spec_version : '2.1',
    created: typeof stored.created === 'string' ? stored.created : null,
    modified: typeof stored.modified === 'string' ? stored.modified : null,
    revoked: stored.revoked === true,
    json: JSON.stringify(stored),
    terms: indexTermsOf(stored),
    refs: refsOf(stored),
    authorOrg: provenance.authorOrg,
    tlp: tlp ?? 'clear',
    audience: provenance.audience,
  };
}
