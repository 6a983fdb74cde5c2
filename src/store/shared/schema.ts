/**
 * The store's schema, as numbered migrations per dialect. The tables are the same on both backends;
 * only column types differ. A store whose highest applied migration is above `SCHEMA_VERSION` was
 * written by a newer Bulwark and is refused (STORE_VERSION).
 */
import { alertsSchema } from './alerts-schema.ts';
import { tallyMigration } from './latest-tally.ts';
import { membersSchema } from './members-schema.ts';
import { paymentsSchema } from './payments-schema.ts';
import type { Dialect } from './sql.ts';

export interface Migration {
  version: number;
  statements: readonly string[];
}

function types(dialect: Dialect) {
  return dialect === 'sqlite'
    ? { seq: 'integer', bool: 'integer', micros: 'integer', clustered: ' without rowid' }
    : { seq: 'bigint', bool: 'boolean', micros: 'bigint', clustered: '' };
}

/**
 * terms, refs and audience are keyed by what they are searched on; on SQLite they are clustered on that
 * key (without rowid), one b-tree per row instead of two. Writers drop repeated entries of one version.
 * They name their version by seq without a declared foreign key: only putBatch
 * writes them, in the transaction that writes the version, and the per-row checks halved ingest speed.
 */
function v1(dialect: Dialect): string[] {
  const t = types(dialect);
  return [
    `create table versions (
      seq ${t.seq} primary key,
      id text not null,
      type text not null,
      spec_version text not null,
      created text,
      modified text,
      modified_key text not null,
      revoked ${t.bool} not null,
      date_added ${t.micros} not null,
      json text not null,
      author_org text not null,
      tlp text not null check (tlp in ('clear', 'green', 'amber', 'amber+strict', 'red')),
      audience text not null,
      is_latest ${t.bool} not null
    )`,
    'create unique index versions_id_modified on versions (id, modified_key)',
    'create index versions_type_seq on versions (type, seq)',
    'create unique index versions_date_added on versions (date_added)',
    'create index versions_author_seq on versions (author_org, seq)',
    'create index versions_latest_seq on versions (seq) where is_latest',
    `create table audience (
      seq ${t.seq} not null,
      kind text not null check (kind in ('community', 'org', 'user')),
      member text not null,
      primary key (seq, kind, member)
    )${t.clustered}`,
    `create table terms (
      value text not null,
      kind text not null check (kind in ('sco', 'pattern', 'name')),
      seq ${t.seq} not null,
      primary key (value, seq, kind)
    )${t.clustered}`,
    `create table refs (
      ref text not null,
      seq ${t.seq} not null,
      primary key (ref, seq)
    )${t.clustered}`,
    `create table organisations (
      id text primary key,
      name text not null unique,
      created_at text not null,
      identity_json text not null
    )`,
    'create table settings (key text primary key, value text not null)',
  ];
}

/**
 * Rate-limit counters, so that every hub process on one database draws on the same per-key budget:
 * one row per bucket (a hash of the key id, or a client address) and fixed window.
 */
const rateLimitSchema = (): string[] => [
  `create table rate_limits (
    bucket text not null,
    window_start bigint not null,
    hits integer not null,
    primary key (bucket, window_start)
  )`,
];

export function migrations(dialect: Dialect): readonly Migration[] {
  return [
    { version: 1, statements: v1(dialect) },
    { version: 2, statements: membersSchema(dialect) },
    { version: 3, statements: rateLimitSchema() },
    { version: 4, statements: paymentsSchema() },
    { version: 5, statements: alertsSchema(dialect) },
    tallyMigration(dialect),
  ];
}

/** The highest migration this Bulwark knows; derived so that adding a migration cannot forget it. */
export const SCHEMA_VERSION = Math.max(...migrations('sqlite').map((m) => m.version));

export const MIGRATIONS_TABLE = `create table if not exists schema_migrations (
  version integer primary key,
  applied_at text not null
)`;
