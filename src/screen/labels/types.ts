/**
 * A label: one fact the hub holds about one address (a sanctions listing, a heist attribution, an
 * exchange's wallet, a victim note), with the STIX objects that justify it, so a screening answer can
 * be traced back to the list and the objects a regulator can be shown.
 */
import type { TlpLevel } from '../../store/index.ts';

export const LABEL_CATEGORIES = [
  'sanctioned',
  'heist',
  'attributed',
  'flagged',
  'mixer',
  'bridge',
  'exchange',
  'service',
  'victim',
  'disputed',
] as const;

export type LabelCategory = (typeof LABEL_CATEGORIES)[number];

/** A threat actor, intrusion set, campaign or infrastructure a label points to. */
export interface LabelEntity {
  id: string;
  type: string;
  name: string;
}

export interface Label {
  /** The address in the STIX core's one spelling (`normaliseValue('cryptocurrency-wallet', …)`). */
  address: string;
  category: LabelCategory;
  /** The list or publisher: "OFAC SDN", "FBI PSA …", "GraphSense TagPack source", or the author organisation. */
  source: string;
  /** The feed the object came from (`x_bulwark_feed`), when it came from a shipped feed. */
  feed?: string;
  /** One sentence an analyst can read out: the indicator's name, the note's abstract, the service's name. */
  detail: string;
  /** Since when: the indicator's `valid_from`, else the object's `created`. */
  since?: string;
  /** The STIX `confidence` of the justifying object, when it has one. */
  confidence?: number;
  /**
   * The marking of the object that makes the label (the indicator, note or relationship); `red` for
   * an organisation's registered wallets, which only its own readers get.
   */
  marking: TlpLevel;
  /** Name of the organisation that authored that object. */
  authorOrg: string;
  /**
   * Every STIX object that justifies the label: indicator, wallet, relationships, note, entities.
   * Empty for a registered wallet: a store record of the organisation's, not a hub object.
   */
  stixIds: string[];
  entities: LabelEntity[];
}

export interface LabelSet {
  labels: Label[];
  /** The highest store `seq` among the versions read: the label version the set was built at. */
  version: number;
  /** How many label source objects the reader could see: a drop means versions were deleted. */
  objectCount: number;
  /**
   * The reader's organisation's registered wallets the set was built from (`readRegisteredWallets`'
   * stamp; empty for non-members): they are store records, not hub objects, so `version` does not move
   * when one is registered or removed.
   */
  registeredWallets?: string;
}
