/** `MemberStore` on SQLite: synchronous better-sqlite3 calls, each write in its own transaction. */
import type Database from 'better-sqlite3';
import { BulwarkError } from '../../errors/index.ts';
import type {
  ApiKeyRecord,
  AuditEntry,
  AuditQuery,
  Community,
  MemberStore,
  TaxiiStatus,
} from '../members-types.ts';
import { tallyDeltaSql } from '../shared/latest-tally.ts';
import {
  AUDIT_COLUMNS,
  type AuditRow,
  auditSql,
  auditValues,
  groupCommunities,
  KEY_SELECT,
  parseStatus,
  relatestSql,
  statusJson,
  toAuditEntry,
} from '../shared/members-rows.ts';
import { timestampKey } from '../shared/timestamps.ts';
import { mapSqliteError } from './sqlite-errors.ts';

const COMMUNITY_SELECT = 'select id, name, created_at as "createdAt" from communities';
/** In the order the organisation joined them: the first is its default community. */
const COMMUNITIES_OF = `select c.id, c.name, c.created_at as "createdAt" from communities c
  join community_members m on m.community_id = c.id where m.org_id = ? order by m.joined_at, c.name`;
const MEMBER_SELECT = 'select community_id as "communityId", org_id as "orgId" from community_members';

export class SqliteMembers implements MemberStore {
  readonly #db: Database.Database;
  readonly #file: string;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database, file: string) {
    this.#db = db;
    this.#file = file;
  }

  /** Statements by text: authentication and audit writes run the same few again and again. */
  #prepare(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      if (this.#statements.size >= 100) this.#statements.clear();
      statement = this.#db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  #run<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(mapMemberError(error, this.#file));
    }
  }

  /** Communities selected by `query` (id, name, createdAt), in its order, with their members. */
  #communities(query: string, ...values: string[]): Community[] {
    const rows = this.#prepare(query).all(...values) as {
      id: string;
      name: string;
      createdAt: string;
    }[];
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const members = this.#prepare(
      `${MEMBER_SELECT} where community_id in (${ids.map(() => '?').join(',')}) order by community_id, org_id`,
    ).all(...ids) as { communityId: string; orgId: string }[];
    return groupCommunities(rows, members);
  }

  addCommunity(community: Community): Promise<void> {
    return this.#run(() =>
      this.#db.transaction(() => {
        this.#prepare('insert into communities (id, name, created_at) values (?, ?, ?)').run(
          community.id,
          community.name,
          community.createdAt,
        );
        this.#insertMembers(community.id, community.orgIds);
      })(),
    );
  }

  /** Adds the organisations not yet members; those already members keep their joining time. */
  #insertMembers(communityId: string, orgIds: readonly string[]): void {
    const insert = this.#prepare(
      'insert into community_members (community_id, org_id, joined_at) values (?, ?, ?) on conflict do nothing',
    );
    const at = new Date().toISOString();
    for (const orgId of new Set(orgIds)) insert.run(communityId, orgId, at);
  }

  getCommunity(nameOrId: string): Promise<Community | undefined> {
    return this.#run(() => {
      const found = this.#communities(`${COMMUNITY_SELECT} where name = ? or id = ?`, nameOrId, nameOrId);
      return found.find((c) => c.name === nameOrId) ?? found[0];
    });
  }

  listCommunities(): Promise<Community[]> {
    return this.#run(() => this.#communities(`${COMMUNITY_SELECT} order by name`));
  }

  communitiesOf(orgId: string): Promise<Community[]> {
    return this.#run(() => this.#communities(COMMUNITIES_OF, orgId));
  }

  setCommunityMembers(communityId: string, orgIds: readonly string[]): Promise<void> {
    return this.#run(() =>
      this.#db.transaction(() => {
        const exists = this.#prepare('select 1 from communities where id = ?').get(communityId);
        if (exists === undefined) throw communityMissing(communityId);
        const keep = [...new Set(orgIds)];
        this.#prepare(
          `delete from community_members where community_id = ? and org_id not in (${keep.map(() => '?').join(',')})`,
        ).run(communityId, ...keep);
        this.#insertMembers(communityId, keep);
      })(),
    );
  }

  addKey(key: ApiKeyRecord): Promise<void> {
    return this.#run(() => {
      this.#prepare(
        `insert into api_keys (id, org_id, role, label, secret_hash, created_at, last_used_at, revoked_at)
           values (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        key.id,
        key.orgId,
        key.role,
        key.label,
        key.secretHash,
        key.createdAt,
        key.lastUsedAt,
        key.revokedAt,
      );
    });
  }

  getKey(id: string): Promise<ApiKeyRecord | undefined> {
    return this.#run(() => this.#prepare(`${KEY_SELECT} where id = ?`).get(id) as ApiKeyRecord | undefined);
  }

  listKeys(orgId?: string): Promise<ApiKeyRecord[]> {
    return this.#run(() =>
      orgId === undefined
        ? (this.#prepare(`${KEY_SELECT} order by created_at, id`).all() as ApiKeyRecord[])
        : (this.#prepare(`${KEY_SELECT} where org_id = ? order by created_at, id`).all(
            orgId,
          ) as ApiKeyRecord[]),
    );
  }

  touchKey(id: string, at: string): Promise<void> {
    return this.#run(() => {
      this.#prepare(
        'update api_keys set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)',
      ).run(at, id, at);
    });
  }

  revokeKey(id: string, at: string): Promise<boolean> {
    return this.#run(
      () =>
        this.#prepare('update api_keys set revoked_at = ? where id = ? and revoked_at is null').run(at, id)
          .changes > 0,
    );
  }

  appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    return this.#run(() => {
      const insert = this.#prepare(`insert into audit (${AUDIT_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?)`);
      this.#db.transaction(() => {
        for (const entry of entries) insert.run(auditValues(entry));
      })();
    });
  }

  queryAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return this.#run(() => {
      const { text, values } = auditSql('sqlite', query);
      return (this.#prepare(text).all(values) as AuditRow[]).map(toAuditEntry);
    });
  }

  putStatus(status: TaxiiStatus): Promise<void> {
    return this.#run(() => {
      this.#prepare(
        'insert into taxii_status (id, org_id, json) values (?, ?, ?) on conflict (id) do update set json = excluded.json',
      ).run(status.id, status.orgId, statusJson(status));
    });
  }

  getStatus(id: string): Promise<TaxiiStatus | undefined> {
    return this.#run(() => {
      const json = this.#prepare('select json from taxii_status where id = ?').pluck().get(id) as
        | string
        | undefined;
      return json === undefined ? undefined : parseStatus(json);
    });
  }

  deleteVersions(id: string, modified?: readonly string[]): Promise<number> {
    return this.#run(() => this.#deleteVersions(id, modified));
  }

  #deleteVersions(id: string, modified?: readonly string[]): number {
    const keys = modified?.map(timestampKey);
    if (keys !== undefined && keys.length === 0) return 0;
    const filter = keys === undefined ? '' : ` and modified_key in (${keys.map(() => '?').join(',')})`;
    return this.#db
      .transaction(() => {
        this.#prepare(tallyDeltaSql('id = ? and is_latest', -1)).run(id);
        const seqs = this.#prepare(`delete from versions where id = ?${filter} returning seq`)
          .pluck()
          .all(id, ...(keys ?? [])) as number[];
        // The object's latest leaves the tally here and its new latest, if any, joins it below.
        // terms and refs are keyed by value first: deleting by seq scans them (TAXII DELETE is rare).
        const list = `(${seqs.map(() => '?').join(',')})`;
        for (const table of seqs.length === 0 ? [] : ['audience', 'terms', 'refs']) {
          this.#prepare(`delete from ${table} where seq in ${list}`).run(...seqs);
        }
        this.#prepare(relatestSql('sqlite')).run(id, id);
        this.#prepare(tallyDeltaSql('id = ? and is_latest', 1)).run(id);
        return seqs.length;
      })
      .immediate();
  }
}

function communityMissing(id: string): BulwarkError {
  return new BulwarkError('COMMUNITY_NOT_FOUND', `No community with id ${id}`, {
    hint: "List communities with 'bulwark community list'",
  });
}

/** Constraint failures name what the caller got wrong; the rest is the adapter's usual mapping. */
function mapMemberError(error: unknown, file: string): unknown {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as { message?: string }).message ?? '';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new BulwarkError('ORG_NOT_FOUND', 'an organisation named in the request does not exist', {
      cause: error,
      hint: "Create it first with 'bulwark org add NAME'",
    });
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new BulwarkError('CONFLICT', `already exists: ${message}`, { cause: error });
  }
  return mapSqliteError(error, file);
}
