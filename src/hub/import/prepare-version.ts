import type { StixObject } from '../../stix/index.ts';
import { indexTermsOf, refsOf, tlpLevelOf, tlpMarkingRef, typeSpecOf } from '../../stix/index.ts';
import type { Audience, NewVersion, TlpLevel } from '../../store/index.ts';

/** What the hub adds to every object it takes in: who wrote it and who may read it. */
export interface Provenance {
  authorOrg: string;
  /** Marking for objects that arrive without a TLP marking. */
  defaultTlp: TlpLevel;
  audience: Audience;
  /**
   * The author organisation's identity id, stamped as `created_by_ref` on SDOs and SROs that carry
   * none (an import or submission by a member). Objects that name another creator keep it.
   */
  createdByRef?: string;
}

function stampCreator(object: StixObject, createdByRef: string | undefined): StixObject {
  if (createdByRef === undefined || typeof object.created_by_ref === 'string') return object;
  const category = typeSpecOf(object.type)?.category;
  if (category !== 'sdo' && category !== 'sro') return object;
  return { ...object, created_by_ref: createdByRef };
}

/**
 * The references worth a row in the store's `refs` index: all but those to marking definitions. Nearly
 * every object names its TLP marking, so those rows were a third of an import's index writes, and the
 * one question they answer — everything under TLP:AMBER — no read path asks (visibility reads `tlp`).
 */
function indexedRefs(object: StixObject): string[] {
  return refsOf(object).filter((ref) => !ref.startsWith('marking-definition--'));
}

/**
 * Turns a validated STIX object into a store row. An object without a TLP marking gets the default
 * one written into its `object_marking_refs`, so every reader downstream sees the marking the hub
 * enforces, not a silent assumption.
 */
export function prepareVersion(object: StixObject, provenance: Provenance): NewVersion {
  let tlp = tlpLevelOf(object);
  let stored = stampCreator(object, provenance.createdByRef);
  if (tlp === undefined && object.type !== 'marking-definition') {
    tlp = provenance.defaultTlp;
    const refs = Array.isArray(stored.object_marking_refs) ? (stored.object_marking_refs as string[]) : [];
    stored = { ...stored, object_marking_refs: [...refs, tlpMarkingRef(tlp)] };
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
    refs: indexedRefs(stored),
    authorOrg: provenance.authorOrg,
    tlp: tlp ?? 'clear',
    audience: provenance.audience,
  };
}
