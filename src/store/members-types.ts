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
  /** Communities an organisation belongs to. */
  communitiesOf(orgId: string): Promise<Community[]>;
  setCommunityMembers(communityId: string, orgIds: readonly string[]): Promise<void>;

  addKey(key: ApiKeyRecord): Promise<void>;
  getKey(id: string): Promise<ApiKeyRecord | undefined>;
  listKeys(orgId?: string): Promise<ApiKeyRecord[]>;
  /** Records use; stores may coalesce updates (at most one write per key per minute). */
  touchKey(id: string, at: string): Promise<void>;
  revokeKey(id: string, at: string): Promise<boolean>;

  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
  queryAudit(query: AuditQuery): Promise<AuditEntry[]>;

  putStatus(status: TaxiiStatus): Promise<void>;
  getStatus(id: string): Promise<TaxiiStatus | undefined>;

  /**
   * Deletes versions of an object (TAXII DELETE): all of them, or those whose `modified` is listed.
   * Returns how many were deleted. Index terms, refs and audience rows go with them.
   */
  deleteVersions(id: string, modified?: readonly string[]): Promise<number>;
}
