/** The screening answer (DESIGN.md: `screen --json`, `GET /api/v1/screen/{address}`). */
import type { TlpLevel } from '../store/index.ts';
import type { LabelCategory, LabelEntity } from './labels/types.ts';

export const RISKS = ['none', 'low', 'medium', 'high', 'severe'] as const;
export type Risk = (typeof RISKS)[number];

/** Why an address carries a risk: enough for a regulator — which list, which entity, which objects, since when. */
export interface ScreenReason {
  /** `direct`: the address itself is labelled; `same-cluster` and `indirect` come from exposure providers. */
  kind: 'direct' | 'same-cluster' | 'indirect';
  /** The list or publisher, e.g. "OFAC SDN". */
  source: string;
  detail: string;
  category: LabelCategory;
  /** What this reason alone contributes to the risk. */
  risk: Risk;
  entities: LabelEntity[];
  stix_ids: string[];
  since?: string;
  feed?: string;
  confidence?: number;
  marking: TlpLevel;
  author: string;
  /** Set when another reason overrides this one (a victim note over a heist indicator). */
  overridden_by?: string;
}

export interface ScreenResult {
  address: string;
  risk: Risk;
  reasons: ScreenReason[];
}

/**
 * Extension point for exposure the labels alone cannot give (same cluster, indirect taint within k
 * hops): the tracing engine implements it; the screener merges what it reports. It must be a lookup
 * (taint kept current as blocks arrive), not a traversal, to keep screening on the hot path.
 */
export interface ExposureProvider {
  readonly kind: 'same-cluster' | 'indirect';
  /** Reasons for `address` (normalised by the STIX core), or none. */
  exposureOf(address: string): readonly ScreenReason[];
}

export function riskRank(risk: Risk): number {
  return RISKS.indexOf(risk);
}
