/**
 * Schema of the hub's own records (migration 2): communities and their member organisations, API keys
 * (the hash of the secret only), the append-only audit log and TAXII status resources.
 */
import type { Dialect } from './sql.ts';

export function membersSchema(dialect: Dialect): string[] {
  const auditSeq =
    dialect === 'sqlite'
      ? 'integer primary key autoincrement'
      : 'bigint generated always as identity primary key';
  return [
    `create table communities (
      id text primary key,
      name text not null unique,
      created_at text not null
    )`,
    `create table community_members (
      community_id text not null references communities (id) on delete cascade,
      org_id text not null references organisations (id),
      joined_at text not null,
      primary key (community_id, org_id)
    )`,
    'create index community_members_org on community_members (org_id, joined_at)',
    `create table api_keys (
      id text primary key,
      org_id text not null references organisations (id),
      role text not null check (role in ('reader', 'contributor', 'admin')),
      label text,
      secret_hash text not null,
      created_at text not null,
      last_used_at text,
      revoked_at text
    )`,
    'create index api_keys_org on api_keys (org_id)',
    `create table audit (
      seq ${auditSeq},
      at text not null,
      org_id text,
      key_id text,
      action text not null,
      target text,
      outcome text not null check (outcome in ('ok', 'denied', 'failed')),
      source text,
      detail text
    )`,
    'create index audit_org_seq on audit (org_id, seq)',
    'create index audit_action_seq on audit (action, seq)',
    `create table taxii_status (
      id text primary key,
      org_id text not null,
      json text not null
    )`,
  ];
}
