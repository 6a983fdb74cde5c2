/** The SELECTs of the store, built once for both dialects. */

import { BulwarkError } from '../../errors/index.ts';
import type { ObjectQuery, ReadScope } from '../types.ts';
import { type Dialect, Sql } from './sql.ts';
import { parseMicros, timestampKey } from './timestamps.ts';
import { extremeVisibleSql, visibleSql } from './visibility-sql.ts';

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 10_000;

export const VERSION_COLUMNS =
  'v.seq, v.id, v.type, v.spec_version, v.created, v.modified, v.revoked, v.date_added, v.json, v.author_org, v.tlp, v.audience';

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/** The WHERE conditions of `query` on alias `v`; `withCursor` adds afterSeq (not for counts). */
function conditions(sql: Sql, query: ObjectQuery, withCursor: boolean): string[] {
  const where: string[] = [];
  if (withCursor && query.afterSeq !== undefined) where.push(`v.seq > ${sql.param(query.afterSeq)}`);
  if (query.ids !== undefined) where.push(sql.inList('v.id', query.ids));
  if (query.types !== undefined) where.push(sql.inList('v.type', query.types));
  if (query.specVersions !== undefined) where.push(sql.inList('v.spec_version', query.specVersions));
  if (query.authorOrg !== undefined) where.push(`v.author_org = ${sql.param(query.authorOrg)}`);
  if (query.community !== undefined) where.push(communitySql(sql, query.community));
  if (query.addedAfter !== undefined) where.push(addedAfterSql(sql, query.addedAfter));
  const visible = visibleSql(sql, query.scope, 'v');
  if (visible) where.push(visible);
  const versions = query.versions ?? { kind: 'latest' };
  if (versions.kind === 'latest' || versions.kind === 'first') {
    where.push(extremeVisibleSql(sql, query.scope, 'v', versions.kind));
  } else if (versions.kind === 'modified') {
    where.push(sql.inList('v.modified_key', versions.values.map(timestampKey)));
  }
  return where;
}

/** Shared to `community` (null: to none); a probe of the audience primary key per row. */
function communitySql(sql: Sql, community: string | null): string {
  const member = community === null ? '' : ` and au.member = ${sql.param(community)}`;
  // As in visibleSql: OFFSET 0 keeps PostgreSQL to a per-row probe instead of hashing the audience table.
  const fence = sql.dialect === 'postgres' ? ' offset 0' : '';
  const probe = `exists (select 1 from audience au where au.seq = v.seq and au.kind = 'community'${member}${fence})`;
  return community === null ? `not ${probe}` : probe;
}

/**
 * dateAdded grows with seq, so "added after X" is "seq after the last seq added at or before X": a
 * range on the primary key that keeps pages in seq order without a sort.
 */
function addedAfterSql(sql: Sql, addedAfter: string): string {
  const micros = parseMicros(addedAfter);
  if (micros === undefined) {
    throw new BulwarkError('BAD_REQUEST', `addedAfter is not an RFC 3339 UTC timestamp: ${addedAfter}`, {
      path: 'added_after',
      hint: 'use a timestamp like 2026-11-23T15:30:00.123456Z',
    });
  }
  const last = `select s.seq from versions s where s.date_added <= ${sql.param(micros)} order by s.date_added desc limit 1`;
  return `v.seq > coalesce((${last}), 0)`;
}

function whereClause(where: string[]): string {
  return where.length === 0 ? '' : ` where ${where.join(' and ')}`;
}

/** A page of `query`: asks for one row more than the limit to tell whether more follow. */
export function pageSql(dialect: Dialect, query: ObjectQuery): { sql: Sql; text: string; limit: number } {
  const sql = new Sql(dialect);
  const limit = clampLimit(query.limit);
  const where = whereClause(conditions(sql, query, true));
  const text = `select ${VERSION_COLUMNS} from versions v${where} order by v.seq limit ${sql.param(limit + 1)}`;
  return { sql, text, limit };
}

export function countSql(dialect: Dialect, query: ObjectQuery): { sql: Sql; text: string } {
  const sql = new Sql(dialect);
  const text = `select count(*) as n from versions v${whereClause(conditions(sql, query, false))}`;
  return { sql, text };
}

/**
 * Counts per (type, TLP) of what `query` matches: one aggregate over the narrow columns, so a tally of
 * a large store reads no JSON and builds no row objects; visibility is the same WHERE as pages.
 */
export function tallySql(dialect: Dialect, query: ObjectQuery): { sql: Sql; text: string } {
  const sql = new Sql(dialect);
  const where = whereClause(conditions(sql, query, false));
  return { sql, text: `select v.type, v.tlp, count(*) as n from versions v${where} group by v.type, v.tlp` };
}

/** Latest visible versions of the objects whose ids the subquery `ids` (built on `sql`) yields. */
function latestOf(sql: Sql, scope: ReadScope, ids: string, limit: number | undefined): string {
  const where = [`v.id in (${ids})`];
  const visible = visibleSql(sql, scope, 'v');
  if (visible) where.push(visible);
  where.push(extremeVisibleSql(sql, scope, 'v', 'latest'));
  return `select ${VERSION_COLUMNS} from versions v${whereClause(where)} order by v.seq limit ${sql.param(clampLimit(limit))}`;
}

/** Ids of objects with a visible version whose `table` (terms or refs) has `column` matching. */
function idsVia(sql: Sql, scope: ReadScope, table: 'terms' | 'refs', match: string): string {
  const alias = table === 'terms' ? 't' : 'r';
  const visible = visibleSql(sql, scope, 'x');
  return `select x.id from ${table} ${alias} join versions x on x.seq = ${alias}.seq where ${match}${visible ? ` and ${visible}` : ''}`;
}

export function findByValueSql(dialect: Dialect, value: string, scope: ReadScope, limit?: number) {
  const sql = new Sql(dialect);
  const named = idsVia(sql, scope, 'terms', `t.value = ${sql.param(value)}`);
  const referencing = idsVia(sql, scope, 'refs', `r.ref in (${named})`);
  return { sql, text: latestOf(sql, scope, `${named} union ${referencing}`, limit) };
}

export function findReferencingSql(dialect: Dialect, id: string, scope: ReadScope, limit?: number) {
  const sql = new Sql(dialect);
  const referencing = idsVia(sql, scope, 'refs', `r.ref = ${sql.param(id)}`);
  return { sql, text: latestOf(sql, scope, referencing, limit) };
}
