/** Rows of the members tables as both adapters read them back, and the audit query both build. */
import type { ApiKeyRecord, AuditEntry, AuditQuery, Community, TaxiiStatus } from '../members-types.ts';
import type { Dialect } from './sql.ts';

export const KEY_SELECT = `select id, org_id as "orgId", role, label, secret_hash as "secretHash",
  created_at as "createdAt", last_used_at as "lastUsedAt", revoked_at as "revokedAt" from api_keys`;

export const AUDIT_COLUMNS = 'at, org_id, key_id, action, target, outcome, source, detail';

export interface AuditRow {
  seq: number | string;
  at: string;
  org_id: string | null;
  key_id: string | null;
  action: string;
  target: string | null;
  outcome: AuditEntry['outcome'];
  source: string | null;
  detail: string | null;
}

export function auditValues(entry: AuditEntry): (string | null)[] {
  return [
    entry.at,
    entry.orgId,
    entry.keyId,
    entry.action,
    entry.target,
    entry.outcome,
    entry.source,
    entry.detail === null ? null : JSON.stringify(entry.detail),
  ];
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    orgId: row.org_id,
    keyId: row.key_id,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    source: row.source,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
  };
}

export const AUDIT_LIMIT_MAX = 10_000;

/** The audit query as SQL text with its bindings, in seq order. */
export function auditSql(dialect: Dialect, query: AuditQuery): { text: string; values: (string | number)[] } {
  const values: (string | number)[] = [];
  const where: string[] = [];
  const bind = (value: string | number): string => {
    values.push(value);
    return dialect === 'sqlite' ? '?' : `$${values.length}`;
  };
  if (query.afterSeq !== undefined) where.push(`seq > ${bind(query.afterSeq)}`);
  if (query.orgId !== undefined) where.push(`org_id = ${bind(query.orgId)}`);
  if (query.action !== undefined) where.push(`action = ${bind(query.action)}`);
  if (query.outcome !== undefined) where.push(`outcome = ${bind(query.outcome)}`);
  const limit = Math.max(1, Math.min(query.limit ?? 1000, AUDIT_LIMIT_MAX));
  const filter = where.length ? ` where ${where.join(' and ')}` : '';
  return {
    text: `select seq, ${AUDIT_COLUMNS} from audit${filter} order by seq limit ${bind(limit)}`,
    values,
  };
}

/** Communities with their member organisations, from (community row, member row) results. */
export function groupCommunities(
  communities: readonly { id: string; name: string; createdAt: string }[],
  members: readonly { communityId: string; orgId: string }[],
): Community[] {
  const byId = new Map<string, Community>();
  for (const c of communities) byId.set(c.id, { id: c.id, name: c.name, createdAt: c.createdAt, orgIds: [] });
  for (const m of members) byId.get(m.communityId)?.orgIds.push(m.orgId);
  return [...byId.values()];
}

export function statusJson(status: TaxiiStatus): string {
  return JSON.stringify(status);
}

export function parseStatus(json: string): TaxiiStatus {
  return JSON.parse(json) as TaxiiStatus;
}

export type KeyRow = ApiKeyRecord;

/** SQL to restore the latest flag of one object after some of its versions were deleted. */
export function relatestSql(dialect: Dialect): string {
  const p = dialect === 'sqlite' ? ['?', '?'] : ['$1', '$1'];
  const yes = dialect === 'sqlite' ? '1' : 'true';
  return `update versions set is_latest = ${yes} where seq = (
    select seq from versions where id = ${p[0]} order by modified_key desc, seq desc limit 1
  ) and not exists (select 1 from versions where id = ${p[1]} and is_latest = ${yes})`;
}
