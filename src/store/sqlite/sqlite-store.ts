/** The embedded store: better-sqlite3 in WAL mode with synchronous=FULL (acknowledged writes survive a crash). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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
import { sqliteAlerts } from './sqlite-alerts.ts';
import { mapSqliteError } from './sqlite-errors.ts';
import { SqliteMembers } from './sqlite-members.ts';
import { migrateSqlite } from './sqlite-migrate.ts';
import { SqlitePaymentHolds } from './sqlite-payment-holds.ts';
import { sqliteBatchWriter } from './sqlite-put-batch.ts';

const STATEMENT_CACHE = 200;

export class SqliteStore implements Store {
  readonly backend = 'sqlite' as const;
  readonly file: string;
  readonly members: MemberStore;
  readonly alerts: AlertStore;
  readonly payments: PaymentHoldStore;
  readonly #db: Database.Database;
  readonly #readonly: boolean;
  readonly #statements = new Map<string, Database.Statement>();
  #write: ((versions: readonly NewVersion[]) => PutOutcome[]) | undefined;
  #counter: Database.Statement | undefined;
  #counterDb: Database.Database | undefined;

  private constructor(db: Database.Database, file: string, readonly: boolean) {
    this.#db = db;
    this.file = file;
    this.#readonly = readonly;
    this.members = new SqliteMembers(db, file);
    this.alerts = sqliteAlerts(db, file);
    this.payments = new SqlitePaymentHolds(db, file);
  }

  static open(dataDir: string, readonly = false): SqliteStore {
    const file = join(dataDir, 'hub.sqlite');
    try {
      if (!readonly) mkdirSync(dataDir, { recursive: true });
      const db = new Database(file, { readonly, fileMustExist: readonly });
      if (!readonly) db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      // Index pages of random keys (ids, values) stay in memory across a large import; readers walk in
      // seq order and need far less, which keeps exports and servers small.
      db.pragma(readonly ? 'cache_size = -8192' : 'cache_size = -65536');
      // Multi-row inserts in a transaction keep a statement journal (to undo one failed statement);
      // in a temp file it was written more bytes than the WAL itself. Reads here page by indexes and
      // sort little, so temporary data in memory stays small.
      if (!readonly) db.pragma('temp_store = memory');
      return new SqliteStore(db, file, readonly);
    } catch (error) {
      const mapped = mapSqliteError(error, file);
      if (mapped instanceof BulwarkError) throw mapped;
      // A missing or unwritable directory surfaces as a plain fs or TypeError: still "cannot open".
      throw new BulwarkError('STORE_UNAVAILABLE', `cannot open the SQLite store ${file}: ${String(error)}`, {
        source: file,
        cause: error,
        hint: 'check --data / BULWARK_DATA names a directory this user may write (read-only: one that exists)',
      });
    }
  }

  #run<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(mapSqliteError(error, this.file));
    }
  }

  #prepare(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      if (this.#statements.size >= STATEMENT_CACHE) this.#statements.clear();
      statement = this.#db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  #all(sql: Sql, text: string): VersionRow[] {
    return this.#prepare(text).all(sql.bindings()) as VersionRow[];
  }

  /**
   * Counts one request in a rate-limit window and answers the window's count so far. On a connection
   * of its own with synchronous=OFF: a counter is not an acknowledged write, and an fsync per request
   * (this store's writes are synchronous=FULL) cost more than answering it. Other processes on the
   * same file still see every hit at once (WAL); a crash may forget the last hits of a window.
   */
  hitRateLimit(bucket: string, windowStart: number): Promise<number> {
    return this.#run(() => {
      if (!this.#counter) {
        const db = this.#readonly ? this.#db : new Database(this.file);
        if (!this.#readonly) {
          db.pragma('synchronous = OFF');
          db.pragma('busy_timeout = 5000');
          this.#counterDb = db;
        }
        this.#counter = db.prepare(
          'insert into rate_limits (bucket, window_start, hits) values (?, ?, 1) on conflict (bucket, window_start) do update set hits = hits + 1 returning hits',
        );
      }
      return (this.#counter.get(bucket, windowStart) as { hits: number }).hits;
    });
  }

  /** Forgets the rate-limit windows that started before `windowStart`. */
  pruneRateLimits(windowStart: number): Promise<void> {
    return this.#run(() => {
      this.#prepare('delete from rate_limits where window_start < ?').run(windowStart);
    });
  }

  migrate(): Promise<void> {
    return this.#run(() => migrateSqlite(this.#db, this.file, this.#readonly));
  }

  close(): Promise<void> {
    return this.#run(() => {
      this.#statements.clear();
      this.#counter = undefined;
      this.#counterDb?.close();
      this.#db.close();
    });
  }

  putBatch(versions: readonly NewVersion[]): Promise<PutOutcome[]> {
    return this.#run(() => {
      if (this.#readonly) throw readOnlyStore(this.file);
      this.#write ??= sqliteBatchWriter(this.#db);
      return this.#write(versions);
    });
  }

  query(query: ObjectQuery): Promise<ObjectPage> {
    return this.#run(() => {
      const { sql, text, limit } = pageSql('sqlite', query);
      const rows = this.#all(sql, text);
      const more = rows.length > limit;
      return { items: rows.slice(0, limit).map(toStoredVersion), more };
    });
  }

  count(query: ObjectQuery): Promise<number> {
    return this.#run(() => {
      const { sql, text } = countSql('sqlite', query);
      return (this.#prepare(text).get(sql.bindings()) as { n: number }).n;
    });
  }

  tally(query: ObjectQuery): Promise<TallyRow[]> {
    return this.#run(() => {
      if (isPlainLatest(query)) {
        const correction = tallyCorrectionSql('sqlite', query.scope);
        // One read transaction: both reads see the same snapshot, whatever another process writes.
        return this.#db.transaction(() => {
          const groups = this.#prepare(tallyGroupsSql()).all() as TallyGroup[];
          const extra = correction ? this.#prepare(correction.text).all(correction.sql.bindings()) : [];
          return readerTally(groups, extra as { type: string; tlp: string; n: number }[], query.scope);
        })();
      }
      const { sql, text } = tallySql('sqlite', query);
      const rows = this.#prepare(text).all(sql.bindings()) as { type: string; tlp: TlpLevel; n: number }[];
      return rows.map((r) => ({ type: r.type, tlp: r.tlp, count: r.n }));
    });
  }

  stream(query: ObjectQuery, pageSize = 1000): AsyncIterable<StoredVersion> {
    return streamPages((q) => this.query(q), query, pageSize);
  }

  findByValue(value: string, scope: ReadScope, limit?: number): Promise<StoredVersion[]> {
    return this.#run(() => {
      const { sql, text } = findByValueSql('sqlite', value, scope, limit);
      return this.#all(sql, text).map(toStoredVersion);
    });
  }

  findReferencing(id: string, scope: ReadScope, limit?: number): Promise<StoredVersion[]> {
    return this.#run(() => {
      const { sql, text } = findReferencingSql('sqlite', id, scope, limit);
      return this.#all(sql, text).map(toStoredVersion);
    });
  }

  addOrganisation(org: Organisation): Promise<void> {
    return this.#run(() => {
      try {
        this.#prepare(
          'insert into organisations (id, name, created_at, identity_json) values (?, ?, ?, ?)',
        ).run(org.id, org.name, org.createdAt, org.identityJson);
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (code.startsWith('SQLITE_CONSTRAINT')) throw organisationExists(org.name, error);
        throw error;
      }
    });
  }

  getOrganisation(nameOrId: string): Promise<Organisation | undefined> {
    return this.#run(() => {
      const row = this.#prepare(`${ORG_SELECT} where name = ? or id = ? order by name = ? desc limit 1`).get(
        nameOrId,
        nameOrId,
        nameOrId,
      ) as Organisation | undefined;
      return row;
    });
  }

  listOrganisations(): Promise<Organisation[]> {
    return this.#run(() => this.#prepare(`${ORG_SELECT} order by name`).all() as Organisation[]);
  }

  getSetting(key: string): Promise<string | undefined> {
    return this.#run(
      () => this.#prepare('select value from settings where key = ?').pluck().get(key) as string | undefined,
    );
  }

  putSetting(key: string, value: string): Promise<void> {
    return this.#run(() => {
      this.#prepare(
        'insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
      ).run(key, value);
    });
  }
}

const ORG_SELECT =
  'select id, name, created_at as "createdAt", identity_json as "identityJson" from organisations';
