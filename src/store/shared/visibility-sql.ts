/**
 * The visibility rules of the hub (DESIGN.md, "Visibility"), as one SQL condition for both backends, so
 * pages, counts, search hits and "latest" never see a row the reader may not read.
 */
import type { ReadScope } from '../types.ts';
import type { Sql } from './sql.ts';

/** SQL condition: the version aliased `v` is visible to `scope`; undefined when everything is. */
export function visibleSql(sql: Sql, scope: ReadScope, v: string): string | undefined {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'public') return `${v}.tlp = 'clear'`;
  const org = sql.param(scope.orgId);
  // PostgreSQL would turn these EXISTS into hashed subplans that read the whole audience table once
  // per query; OFFSET 0 keeps them per-row index probes, which a page of 1,000 rows needs.
  const fence = sql.dialect === 'postgres' ? ' offset 0' : '';
  const recipient = (kind: string, member: string) =>
    `exists (select 1 from audience au where au.seq = ${v}.seq and au.kind = '${kind}' and ${member}${fence})`;
  const clauses = [`${v}.author_org = ${org}`, `${v}.tlp = 'clear'`];
  if (scope.communityIds.length > 0) {
    const member = sql.inList('au.member', scope.communityIds);
    clauses.push(`(${v}.tlp in ('green', 'amber') and ${recipient('community', member)})`);
  }
  clauses.push(`(${v}.tlp = 'amber+strict' and ${recipient('org', `au.member = ${org}`)})`);
  if (scope.userId !== undefined) {
    clauses.push(`(${v}.tlp = 'red' and ${recipient('user', `au.member = ${sql.param(scope.userId)}`)})`);
  }
  return `(${clauses.join(' or ')})`;
}

/**
 * SQL condition: the visible version `v` is the latest (or first) of its object among the versions
 * `scope` may see. The maintained `is_latest` flag answers the common case without a probe.
 */
export function extremeVisibleSql(sql: Sql, scope: ReadScope, v: string, which: 'latest' | 'first'): string {
  if (which === 'latest' && scope.kind === 'all') return `${v}.is_latest`;
  const w = `${v}_w`;
  const beyond = which === 'latest' ? '>' : '<';
  const visible = visibleSql(sql, scope, w);
  const probe = `not exists (select 1 from versions ${w} where ${w}.id = ${v}.id and ${w}.modified_key ${beyond} ${v}.modified_key${visible ? ` and ${visible}` : ''})`;
  return which === 'latest' ? `(${v}.is_latest or ${probe})` : probe;
}
