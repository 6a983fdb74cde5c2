/**
 * The hub's own records beside the STIX objects: communities, API keys, the audit log and TAXII
 * status resources. Part of the store contract (`Store.members`), implemented by both adapters and
 * covered by the same conformance suite.
 */

export interface Community {
  id: string;
  name: string;
  createdAt: string;
  /** Organisation ids that belong to it. */
  orgIds: string[];
}

export type KeyRole = 'reader' | 'contributor' | 'admin';

/** An API key as stored: never the secret, only its hash. */
export interface ApiKeyRecord {
  /** Public key id; also the "user" that TLP:RED recipient lists name. */
  id: string;
  orgId: string;
  role: KeyRole;
  label: string | null;
  /** Hex SHA-256 of the secret part (keys are 256-bit random: a fast hash is enough). */
  secretHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEntry {
  /** Set by the store. */
  seq?: number;
  at: string;
  /** Organisation and key acting; null for the operator on the command line. */
  orgId: string | null;
  keyId: string | null;
  /** What was done, e.g. `object.write`, `object.read.denied`, `key.create`, `community.add`. */
  action: string;
  /** What it was done to (an object id, a key id, a community id). */
  target: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  /** Where the request came from (client address), if over HTTP. */
  source: string | null;
  /** Extra, non-secret detail. */
  detail: Record<string, unknown> | null;
}

export interface AuditQuery {
  afterSeq?: number;
  orgId?: string;
  action?: string;
  outcome?: AuditEntry['outcome'];
  limit?: number;
}

/** A TAXII 2.1 status resource. */
export interface TaxiiStatus {
  id: string;
  /** The organisation that made the request: only it may read the status. */
  orgId: string;
  status: 'pending' | 'complete';
  requestTimestamp: string;
  totalCount: number;
  successCount: number;
  failureCount: number;
  pendingCount: number;
  successes: { id: string; version?: string; message?: string }[];
  failures: { id: string; version?: string; message?: string }[];
  pendings: { id: string; version?: string; message?: string }[];
}

export interface MemberStore {
  addCommunity(community: Community): Promise<void>;
  getCommunity(nameOrId: string): Promise<Community | undefined>;
  listCommunities(): Promise<Community[]>;
  /** Communities an organisation belongs to, in the order it joined them (the first is its default). */
  communitiesOf(orgId: string): Promise<Community[]>;
  /**
   * Makes `orgIds` the members: organisations that stay keep their joining time. Unknown community:
   * COMMUNITY_NOT_FOUND; unknown organisation: ORG_NOT_FOUND (nothing changes).
   */
  setCommunityMembers(communityId: string, orgIds: readonly string[]): Promise<void>;

  addKey(key: ApiKeyRecord): Promise<void>;
  getKey(id: string): Promise<ApiKeyRecord | undefined>;
  listKeys(orgId?: string): Promise<ApiKeyRecord[]>;
  /** Records use (never moves last-used back); callers coalesce (hub: at most once a minute per key). */
  touchKey(id: string, at: string): Promise<void>;
  /** False when there is no such key or it was already revoked (the first revocation time stays). */
  revokeKey(id: string, at: string): Promise<boolean>;

  /** Appends all entries or none; the store numbers them (`seq`, increasing). */
  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
  /** Entries in seq order (at most `limit`, default 1000, capped at 10,000). */
  queryAudit(query: AuditQuery): Promise<AuditEntry[]>;

  putStatus(status: TaxiiStatus): Promise<void>;
  getStatus(id: string): Promise<TaxiiStatus | undefined>;

  /**
   * Deletes versions of an object (TAXII DELETE): all of them, or those whose `modified` is listed.
   * Returns how many were deleted. Index terms, refs and audience rows go with them, and the newest
   * remaining version becomes the latest. Not a visibility check: the caller decides who may delete.
   */
  deleteVersions(id: string, modified?: readonly string[]): Promise<number>;
}
