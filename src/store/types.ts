/**
 * The store contract: one interface, an adapter per backend (SQLite, PostgreSQL), one conformance suite.
 * The store keeps every version of every STIX object with the hub's metadata (author organisation,
 * TLP level, audience) and answers the queries the hub, TAXII and the engines need. It does not parse
 * STIX: callers hand it prepared rows (`NewVersion`), computed by `stix/`.
 */

export type * from './payment-holds-types.ts';

/** TLP 2.0 levels, lower-case; TLP 1.0 WHITE is stored as `clear`. */
export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

/** Who may read a version, besides its author organisation (which always may). */
export interface Audience {
  /** Community ids the object was shared to (GREEN, AMBER). */
  communities: readonly string[];
  /** Organisation ids named as recipients (AMBER+STRICT). */
  orgs: readonly string[];
  /** User (key holder) ids named as recipients (RED). */
  users: readonly string[];
}

/** A value that names an object, for look-up by value (an IP, a domain, a hash, a wallet address…). */
export interface IndexTerm {
  /** Normalised value (lower-cased where the type is case-insensitive, as `stix/` decides). */
  value: string;
  /** Where it came from: the SCO's own value, a value inside an indicator's pattern, or a name. */
  kind: 'sco' | 'pattern' | 'name';
}

/** One version of one object, ready to store. */
export interface NewVersion {
  id: string;
  type: string;
  specVersion: string;
  /** RFC 3339 `created`; null for objects without one (SCOs). */
  created: string | null;
  /** RFC 3339 `modified`; null for objects without one (SCOs, which then have one version). */
  modified: string | null;
  revoked: boolean;
  /** The object's JSON text, stored and served as-is. */
  json: string;
  terms: readonly IndexTerm[];
  /** Ids this object references (`*_ref`, `*_refs`, `sighting_of_ref`, embedded refs); the hub leaves out marking definitions. */
  refs: readonly string[];
  authorOrg: string;
  tlp: TlpLevel;
  audience: Audience;
}

/** A stored version, as read back. */
export interface StoredVersion {
  /** Store-wide insertion sequence: strictly increasing, never reused. */
  seq: number;
  id: string;
  type: string;
  specVersion: string;
  created: string | null;
  modified: string | null;
  revoked: boolean;
  /** When the store took this version: RFC 3339 UTC with microseconds, strictly increasing with seq. */
  dateAdded: string;
  json: string;
  authorOrg: string;
  tlp: TlpLevel;
  audience: Audience;
}

export type PutOutcome =
  | { status: 'added'; id: string; modified: string | null; seq: number; dateAdded: string }
  /** The same id and `modified` is already stored: nothing changed (imports are idempotent). */
  | { status: 'duplicate'; id: string; modified: string | null }
  /**
   * A new version of an object another organisation authored: not stored. Only the author organisation
   * versions its objects (reference data is authored by the reference organisation).
   */
  | { status: 'not-author'; id: string; modified: string | null };

/**
 * Who is reading. `all` is for the operator and for internal engines; every member read goes through
 * `member`, and the store filters in the query itself so counts and pages never include hidden rows.
 */
export type ReadScope =
  | { kind: 'all' }
  | {
      kind: 'member';
      orgId: string;
      communityIds: readonly string[];
      userId?: string;
    }
  /** Anonymous reader of a public collection: TLP:CLEAR only. */
  | { kind: 'public' };

/**
 * Which versions of each matching object to return (TAXII `match[version]`).
 *
 * `latest` and `first` are per reader: the newest (oldest) version among those the reader may see,
 * not the store's newest. When the author re-marks a newer version more narrowly (GREEN, then RED),
 * a community reader keeps reading the GREEN one as latest: it was shared with them, and TLP does not
 * take back what was shared; the RED version, its existence included, stays hidden from them (a
 * global latest would either leak it or make the whole object vanish). Every read path — pages,
 * counts, manifests, search, REST, export — uses the same rule, so two readers may rightly disagree on
 * an object's latest version. All versions of one object have one author (see `putBatch`), so no
 * other organisation can push a "latest" in front of the author's.
 */
export type VersionSelector =
  | { kind: 'latest' }
  | { kind: 'first' }
  | { kind: 'all' }
  | { kind: 'modified'; values: readonly string[] };

export interface ObjectQuery {
  scope: ReadScope;
  ids?: readonly string[];
  types?: readonly string[];
  specVersions?: readonly string[];
  /** Only versions whose dateAdded is strictly after this RFC 3339 instant. */
  addedAfter?: string;
  /** Only versions with seq strictly greater (keyset pagination cursor). */
  afterSeq?: number;
  versions?: VersionSelector;
  /** Only versions authored by this organisation. */
  authorOrg?: string;
  /**
   * Only versions shared to this community (a TAXII community collection); null: only versions shared
   * to no community (an organisation's private collection). Visibility still applies on top.
   */
  community?: string | null;
  /** Page size; the store may cap it (both adapters: default 1,000, at most 10,000, at least 1). */
  limit?: number;
}

export interface TallyRow {
  type: string;
  tlp: TlpLevel;
  count: number;
}

export interface ObjectPage {
  items: StoredVersion[];
  /** True when more rows match after the last item (continue with `afterSeq` = last item's seq). */
  more: boolean;
}

export interface Organisation {
  /** Stable id: the STIX identity id of the organisation. */
  id: string;
  name: string;
  createdAt: string;
  /** JSON of the organisation's STIX identity object. */
  identityJson: string;
}

export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  /** Communities, API keys, audit log, TAXII status resources, version deletion. */
  readonly members: import('./members-types.ts').MemberStore;
  readonly alerts: import('./alerts-types.ts').AlertStore;
  /** Payment holds and their decisions (payments screening in blocking and monitoring mode). */
  readonly payments: import('./payment-holds-types.ts').PaymentHoldStore;
  /** Creates or upgrades the schema; safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /**
   * Stores the versions in one transaction: all or nothing. Within the batch and against the store,
   * a repeated (id, modified) is a duplicate, not an error. Outcomes are in input order.
   */
  putBatch(versions: readonly NewVersion[]): Promise<PutOutcome[]>;

  /** Versions matching the query, in seq order. */
  query(query: ObjectQuery): Promise<ObjectPage>;
  /** How many versions match (same filter as `query`, ignoring limit/afterSeq). */
  count(query: ObjectQuery): Promise<number>;
  /** How many versions match per (type, TLP): `count`'s filter, grouped; no row is read into memory. */
  tally(query: ObjectQuery): Promise<TallyRow[]>;
  /** Every matching version in seq order, fetched in pages, never all in memory. */
  stream(query: ObjectQuery, pageSize?: number): AsyncIterable<StoredVersion>;

  /**
   * Objects named by a value (SCO value, pattern value, name), plus the relationships and sightings
   * that reference those objects; latest visible version of each, at most `limit`.
   * An object matches when any version the reader may see carries the term (or the reference), so a
   * value dropped by a later revision still finds the object; results are in seq order.
   */
  findByValue(value: string, scope: ReadScope, limit?: number): Promise<StoredVersion[]>;
  /** Latest visible versions of objects that reference `id` (relationships, sightings, reports…). */
  findReferencing(id: string, scope: ReadScope, limit?: number): Promise<StoredVersion[]>;

  addOrganisation(org: Organisation): Promise<void>;
  getOrganisation(nameOrId: string): Promise<Organisation | undefined>;
  listOrganisations(): Promise<Organisation[]>;

  /** Small named settings (reference-data versions, feed state). */
  getSetting(key: string): Promise<string | undefined>;
  putSetting(key: string, value: string): Promise<void>;
}
