/**
 * Schema of freeze alerts (migration 5): the deposit and hot wallets an organisation registered
 * (private to it by construction: every read names the organisation), the alerts raised when traced
 * stolen value reached one of them, and each organisation's webhook. The webhook secret is kept as
 * given: the hub signs with it, so it cannot be stored as a hash.
 */
import type { Dialect } from './sql.ts';

export function alertsSchema(dialect: Dialect): string[] {
  const seq =
    dialect === 'sqlite'
      ? 'integer primary key autoincrement'
      : 'bigint generated always as identity primary key';
  return [
    `create table alert_wallets (
      org_id text not null references organisations (id),
      chain text not null,
      address text not null,
      role text not null check (role in ('deposit', 'hot')),
      created_at text not null,
      primary key (org_id, address)
    )`,
    'create index alert_wallets_address on alert_wallets (address)',
    `create table alerts (
      seq ${seq},
      id text not null unique,
      org_id text not null references organisations (id),
      created text not null,
      status text not null check (status in ('open', 'acknowledged')),
      acknowledged_at text,
      chain text not null,
      address text not null,
      wallet_role text not null,
      asset text not null,
      amount text not null,
      tx text not null,
      block bigint not null,
      sources text not null,
      sighting_ref text,
      dedupe text not null,
      unique (org_id, dedupe)
    )`,
    'create index alerts_org_seq on alerts (org_id, seq)',
    `create table alert_webhooks (
      org_id text primary key references organisations (id),
      url text not null,
      secret text not null,
      updated_at text not null
    )`,
  ];
}
