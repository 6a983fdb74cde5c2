/** The shared store: a pg.Pool; `schema` sets the search_path (created if missing), which tests use to isolate. */
import pg from 'pg';
import { BulwarkError } from '../../errors/index.ts';
import type { AlertStore } from '../alerts-types.ts';
import type { MemberStore } from '../members-types.ts';
import type { PaymentHoldStore } from '../payment-holds-types.ts';
import {
  isPlainLatest,
  readerTally,
  type TallyGroup,
  tallyCorrectionSql,
  tallyGroupsSql,
} from '../shared/latest-tally.ts';
import { countSql, findByValueSql, findReferencingSql, pageSql, tallySql } from '../shared/query-sql.ts';
import { toStoredVersion, type VersionRow } from '../shared/rows.ts';
import type { Sql } from '../shared/sql.ts';
import { organisationExists, readOnlyStore } from '../shared/store-errors.ts';
import { streamPages } from '../shared/stream.ts';
import type {
  NewVersion,
  ObjectPage,
  ObjectQuery,
  Organisation,
  PutOutcome,
  ReadScope,
  Store,
  StoredVersion,
  TallyRow,
  TlpLevel,
} from '../types.ts';
import { pgAlerts } from './pg-alerts.ts';
import { isConnectionError, mapPgError, redactUrl } from './pg-errors.ts';
import { PgMembers } from './pg-members.ts';
import { migratePostgres } from './pg-migrate.ts';
import { PgPaymentHolds } from './pg-payment-holds.ts';
import { BEGIN_WRITE, writeBatch } from './pg-put-batch.ts';

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export interface PostgresOptions {
  url: string;
  schema?: string;
  readonly?: boolean;
}

export class PostgresStore implements Store {
  readonly backend = 'postgres' as const;
  readonly members: MemberStore;
  readonly alerts: AlertStore;
  readonly payments: PaymentHoldStore;
  readonly #pool: pg.Pool;
  readonly #where: string;
  readonly #readonly: boolean;
  readonly #schema: string | undefined;

  constructor(options: PostgresOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new BulwarkError('USAGE', `"${options.schema}" is not a valid PostgreSQL schema name`, {
        hint: 'use letters, digits and underscores, starting with a letter',
      });
    }
    this.#where = redactUrl(options.url);
    this.#readonly = options.readonly ?? false;
    this.#schema = options.schema;
    // JIT compiles every query with a large estimated cost: hundreds of ms for a 2 ms page.
    const settings = [
      '-c jit=off',
      options.schema ? `-c search_path=${options.schema}` : '',
      this.#readonly ? '-c default_transaction_read_only=on' : '',
    ].join(' ');
    this.#pool = new pg.Pool({
      connectionString: options.url,
      options: settings.trim() || undefined,
      connectionTimeoutMillis: 10_000,
      max: 10,
    });
    // An idle client losing its server must not crash the process; the next checkout reconnects.
    this.#pool.on('error', () => {});
    this.members = new PgMembers((work) => this.#with(work));
    this.alerts = pgAlerts((work) => this.#with(work));
    this.payments = new PgPaymentHolds((work) => this.#with(work));
  }

  /** Runs `work` on one client; a client that lost its connection is destroyed, not reused. */
  async #with<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw mapPgError(error, this.#where);
    }
    // Errors emitted on an idle-in-transaction client are also reported by the failing query.
    const swallow = () => {};
    client.on('error', swallow);
    let broken = false;
    try {
      return await work(client);
    } catch (error) {
      broken = isConnectionError(error);
      throw mapPgError(error, this.#where);
    } finally {
      client.off('error', swallow);
      client.release(broken);
    }
  }

  async #rows(sql: Sql, text: string): Promise<VersionRow[]> {
    return this.#with(async (c) => (await c.query(text, sql.bindings() as unknown[])).rows as VersionRow[]);
  }

  /** Counts one request in a rate-limit window and answers the window's count so far (atomic upsert). */
  hitRateLimit(bucket: string, windowStart: number): Promise<number> {
    return this.#with(async (c) => {
      const { rows } = await c.query(
        'insert into rate_limits (bucket, window_start, hits) values ($1, $2, 1) on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1 returning hits',
        [bucket, windowStart],
      );
      return Number((rows[0] as { hits: number }).hits);
    });
  }

  /** Forgets the rate-limit windows that started before `windowStart`. */
  pruneRateLimits(windowStart: number): Promise<void> {
    return this.#with(async (c) => {
      await c.query('delete from rate_limits where window_start < $1', [windowStart]);
    });
  }

  migrate(): Promise<void> {
    return this.#with((client) => migratePostgres(client, this.#where, this.#readonly, this.#schema));
  }

  close(): Promise<void> {
    return this.#pool.end();
  }

  putBatch(versions: readonly NewVersion[]): Promise<PutOutcome[]> {
    if (this.#readonly) return Promise.reject(readOnlyStore(this.#where));
    return this.#with(async (client) => {
      try {
        await client.query(BEGIN_WRITE);
        const plan = await writeBatch(client, versions);
        await client.query('commit');
        return plan.outcomes;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      }
    });
  }

  async query(query: ObjectQuery): Promise<ObjectPage> {
    const { sql, text, limit } = pageSql('postgres', query);
    const rows = await this.#rows(sql, text);
    return { items: rows.slice(0, limit).map(toStoredVersion), more: rows.length > limit };
  }

  async count(query: ObjectQuery): Promise<number> {
    const { sql, text } = countSql('postgres', query);
    return this.#with(async (c) => Number((await c.query(text, sql.bindings() as unknown[])).rows[0].n));
  }

  async tally(query: ObjectQuery): Promise<TallyRow[]> {
    if (isPlainLatest(query)) {
      const correction = tallyCorrectionSql('postgres', query.scope);
      return this.#with(async (c) => {
        // One snapshot for both reads, so a write between them cannot be counted twice or not at all.
        await c.query('begin transaction isolation level repeatable read read only');
        try {
          const groups = (await c.query(tallyGroupsSql())).rows as TallyGroup[];
          const extra = correction
            ? (await c.query(correction.text, correction.sql.bindings() as unknown[])).rows
            : [];
          return readerTally(groups, extra as { type: string; tlp: string; n: string }[], query.scope);
        } finally {
          await c.query('commit');
        }
      });
    }
    const { sql, text } = tallySql('postgres', query);
    const result = await this.#with((c) => c.query(text, sql.bindings() as unknown[]));
    return (result.rows as { type: string; tlp: TlpLevel; n: string }[]).map((r) => ({
      type: r.type,
      tlp: r.tlp,
      count: Number(r.n),
    }));
  }

  stream(query: ObjectQuery, pageSize = 1000): AsyncIterable<StoredVersion> {
    return streamPages((q) => this.query(q), query, pageSize);
  }

  async findByValue(value: string, scope: ReadScope, limit?: number): Promise<StoredVersion[]> {
    const { sql, text } = findByValueSql('postgres', value, scope, limit);
    return (await this.#rows(sql, text)).map(toStoredVersion);
  }

  async findReferencing(id: string, scope: ReadScope, limit?: number): Promise<StoredVersion[]> {
    const { sql, text } = findReferencingSql('postgres', id, scope, limit);
    return (await this.#rows(sql, text)).map(toStoredVersion);
  }

  addOrganisation(org: Organisation): Promise<void> {
    return this.#with(async (c) => {
      try {
        await c.query(
          'insert into organisations (id, name, created_at, identity_json) values ($1, $2, $3, $4)',
          [org.id, org.name, org.createdAt, org.identityJson],
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw organisationExists(org.name, error);
        throw error;
      }
    });
  }

  getOrganisation(nameOrId: string): Promise<Organisation | undefined> {
    return this.#with(async (c) => {
      const result = await c.query(
        `${ORG_SELECT} where name = $1 or id = $1 order by name = $1 desc limit 1`,
        [nameOrId],
      );
      return result.rows[0] as Organisation | undefined;
    });
  }

  listOrganisations(): Promise<Organisation[]> {
    return this.#with(async (c) => (await c.query(`${ORG_SELECT} order by name`)).rows as Organisation[]);
  }

  getSetting(key: string): Promise<string | undefined> {
    return this.#with(async (c) => {
      const result = await c.query('select value from settings where key = $1', [key]);
      return result.rows[0]?.value as string | undefined;
    });
  }

  putSetting(key: string, value: string): Promise<void> {
    return this.#with(async (c) => {
      await c.query(
        'insert into settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value',
        [key, value],
      );
    });
  }
}

const ORG_SELECT =
  'select id, name, created_at as "createdAt", identity_json as "identityJson" from organisations';
