/** A STIX 2.1 object as plain JSON. */
export interface StixObject {
  type: string;
  id: string;
  [property: string]: unknown;
}

/** The source formats the converters read. */
export const FEED_FORMATS = [
  'attack-bundle',
  'misp-galaxy',
  'ofac-list',
  'ofac-entities',
  'heist-addresses',
  'graphsense-tagpack',
] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** What a conversion did, so nothing is skipped silently. */
export interface FeedReport {
  /** Objects yielded, by STIX type. */
  counts: Record<string, number>;
  /** Source entries not turned into objects, with the reason. */
  skipped: { entry: string; reason: string }[];
  /** Judgements the converter made that an operator may want to review (alias conflicts…). */
  warnings: string[];
}

export function newReport(): FeedReport {
  return { counts: {}, skipped: [], warnings: [] };
}

export interface ConvertOptions {
  /** File name or URL, for error messages. */
  source?: string;
  /**
   * Date of the list (RFC 3339). New objects are created at this instant; versions caused by a change
   * are modified at it. Defaults to the source's date for shipped files.
   */
  asOf?: string;
  /**
   * The latest versions the hub holds of objects an earlier run of this converter produced. With them,
   * unchanged entries come out identical (duplicates), changed ones as new versions, and entries gone
   * from the list as revoked versions. See README.md.
   */
  previous?: Iterable<StixObject>;
  /** Filled with counts, skips and warnings while the generator runs. */
  report?: FeedReport;
}
