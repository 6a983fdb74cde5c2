/** `MemberStore` on PostgreSQL, through the store's pooled-client runner (`with`). */
import type pg from 'pg';
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

type Runner = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

const COMMUNITY_SELECT = 'select id, name, created_at as "createdAt" from communities';
/** In the order the organisation joined them: the first is its default community. */
const COMMUNITIES_OF = `select c.id, c.name, c.created_at as "createdAt" from communities c
  join community_members m on m.community_id = c.id where m.org_id = $1 order by m.joined_at, c.name`;
const MEMBER_SELECT = 'select community_id as "communityId", org_id as "orgId" from community_members';

export class PgMembers implements MemberStore {
  readonly #with: Runner;

  constructor(run: Runner) {
    this.#with = run;
  }

  /** Runs `work` in a transaction, mapping constraint failures to what the caller got wrong. */
  #tx<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.#with(async (client) => {
      await client.query('begin');
      try {
        const result = await work(client);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw mapConstraint(error);
      }
    });
  }

  /** Communities selected by `query` (id, name, createdAt), in its order, with their members. */
  async #communities(client: pg.PoolClient, query: string, values: string[]): Promise<Community[]> {
    const rows = (await client.query(query, values)).rows;
    if (rows.length === 0) return [];
    const members = await client.query(
      `${MEMBER_SELECT} where community_id = any($1) order by community_id, org_id`,
      [rows.map((r) => r.id)],
    );
    return groupCommunities(rows, members.rows);
  }

  addCommunity(community: Community): Promise<void> {
    return this.#tx(async (c) => {
      await c.query('insert into communities (id, name, created_at) values ($1, $2, $3)', [
        community.id,
        community.name,
        community.createdAt,
      ]);
      await insertMembers(c, community.id, community.orgIds);
    });
  }

  getCommunity(nameOrId: string): Promise<Community | undefined> {
    return this.#with(async (c) => {
      const found = await this.#communities(c, `${COMMUNITY_SELECT} where name = $1 or id = $1`, [nameOrId]);
      return found.find((x) => x.name === nameOrId) ?? found[0];
    });
  }

  listCommunities(): Promise<Community[]> {
    return this.#with((c) => this.#communities(c, `${COMMUNITY_SELECT} order by name`, []));
  }

  communitiesOf(orgId: string): Promise<Community[]> {
    return this.#with((c) => this.#communities(c, COMMUNITIES_OF, [orgId]));
  }

  setCommunityMembers(communityId: string, orgIds: readonly string[]): Promise<void> {
    return this.#tx(async (c) => {
      const found = await c.query('select 1 from communities where id = $1 for update', [communityId]);
      if (found.rowCount === 0) {
        throw new BulwarkError('COMMUNITY_NOT_FOUND', `No community with id ${communityId}`, {
          hint: "List communities with 'bulwark community list'",
        });
      }
      const keep = [...new Set(orgIds)];
      await c.query('delete from community_members where community_id = $1 and not (org_id = any($2))', [
        communityId,
        keep,
      ]);
      await insertMembers(c, communityId, keep);
    });
  }

  addKey(key: ApiKeyRecord): Promise<void> {
    return this.#tx(async (c) => {
      await c.query(
        `insert into api_keys (id, org_id, role, label, secret_hash, created_at, last_used_at, revoked_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          key.id,
          key.orgId,
          key.role,
          key.label,
          key.secretHash,
          key.createdAt,
          key.lastUsedAt,
          key.revokedAt,
        ],
      );
    });
  }

  getKey(id: string): Promise<ApiKeyRecord | undefined> {
    return this.#with(async (c) => (await c.query(`${KEY_SELECT} where id = $1`, [id])).rows[0]);
  }

  listKeys(orgId?: string): Promise<ApiKeyRecord[]> {
    return this.#with(async (c) =>
      orgId === undefined
        ? (await c.query(`${KEY_SELECT} order by created_at, id`)).rows
        : (await c.query(`${KEY_SELECT} where org_id = $1 order by created_at, id`, [orgId])).rows,
    );
  }

  touchKey(id: string, at: string): Promise<void> {
    return this.#with(async (c) => {
      await c.query(
        'update api_keys set last_used_at = $1 where id = $2 and (last_used_at is null or last_used_at < $1)',
        [at, id],
      );
    });
  }

  revokeKey(id: string, at: string): Promise<boolean> {
    return this.#with(async (c) => {
      const result = await c.query(
        'update api_keys set revoked_at = $1 where id = $2 and revoked_at is null',
        [at, id],
      );
      return (result.rowCount ?? 0) > 0;
    });
  }

  appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return this.#with(async (c) => {
      // One statement: unnest of parallel arrays keeps a batch a single round trip, atomically.
      const columns: (string | null)[][] = [[], [], [], [], [], [], [], []];
      for (const entry of entries) {
        auditValues(entry).forEach((v, i) => {
          columns[i]!.push(v);
        });
      }
      await c.query(
        `insert into audit (${AUDIT_COLUMNS})
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
        columns,
      );
    });
  }

  queryAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return this.#with(async (c) => {
      const { text, values } = auditSql('postgres', query);
      return ((await c.query(text, values)).rows as AuditRow[]).map(toAuditEntry);
    });
  }

  putStatus(status: TaxiiStatus): Promise<void> {
    return this.#with(async (c) => {
      await c.query(
        'insert into taxii_status (id, org_id, json) values ($1, $2, $3) on conflict (id) do update set json = excluded.json',
        [status.id, status.orgId, statusJson(status)],
      );
    });
  }

  getStatus(id: string): Promise<TaxiiStatus | undefined> {
    return this.#with(async (c) => {
      const row = (await c.query('select json from taxii_status where id = $1', [id])).rows[0];
      return row === undefined ? undefined : parseStatus(row.json as string);
    });
  }

  deleteVersions(id: string, modified?: readonly string[]): Promise<number> {
    const keys = modified?.map(timestampKey);
    if (keys !== undefined && keys.length === 0) return Promise.resolve(0);
    return this.#tx(async (c) => {
      // putBatch's lock: a concurrent write of the same id must not see a half-fixed latest flag.
      await c.query("select pg_advisory_xact_lock(hashtext(current_schema() || '.bulwark.write'))");
      // The object's latest leaves the tally here and its new latest, if any, joins it below.
      await c.query(tallyDeltaSql('id = $1 and is_latest', -1), [id]);
      const deleted = await c.query(
        keys === undefined
          ? 'delete from versions where id = $1 returning seq'
          : 'delete from versions where id = $1 and modified_key = any($2) returning seq',
        keys === undefined ? [id] : [id, keys],
      );
      const seqs = deleted.rows.map((r) => r.seq as string);
      for (const table of seqs.length === 0 ? [] : ['audience', 'terms', 'refs']) {
        await c.query(`delete from ${table} where seq = any($1::bigint[])`, [seqs]);
      }
      await c.query(relatestSql('postgres'), [id]);
      await c.query(tallyDeltaSql('id = $1 and is_latest', 1), [id]);
      return seqs.length;
    });
  }
}

async function insertMembers(c: pg.PoolClient, communityId: string, orgIds: readonly string[]) {
  await c.query(
    `insert into community_members (community_id, org_id, joined_at)
     select $1, o, $3 from unnest($2::text[]) as o on conflict do nothing`,
    [communityId, [...new Set(orgIds)], new Date().toISOString()],
  );
}

function mapConstraint(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === '23503') {
    return new BulwarkError('ORG_NOT_FOUND', 'an organisation named in the request does not exist', {
      cause: error,
      hint: "Create it first with 'bulwark org add NAME'",
    });
  }
  if (code === '23505') {
    return new BulwarkError('CONFLICT', `already exists: ${(error as Error).message}`, { cause: error });
  }
  return error;
}
