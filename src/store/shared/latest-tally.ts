/**
 * Counts of latest versions, maintained by every write, so that "how many objects may this reader see,
 * by type and TLP" (GET /api/v1/stats) does not count a million rows through the visibility probes.
 *
 * `latest_tally` holds, per (type, TLP, author organisation, audience), how many versions are the
 * store-wide latest of their object. A reader's count is the sum of the groups it may see — decided
 * by `visibleTo`, the rules of `visibleSql` on a group's columns — plus a correction: "latest" is per
 * reader (see `VersionSelector`), so an object whose store-wide latest is hidden from the reader but
 * which has an older version the reader may see counts by that version. The correction reads only
 * non-latest versions, through the partial index `versions_older`; most objects have one version.
 */
import type { Audience, ReadScope, TallyRow, TlpLevel } from '../types.ts';
import type { Migration } from './schema.ts';
import { type Dialect, Sql } from './sql.ts';
import { extremeVisibleSql, visibleSql } from './visibility-sql.ts';

export const TALLY_VERSION = 6;

export function tallyMigration(dialect: Dialect): Migration {
  const count = dialect === 'sqlite' ? 'integer' : 'bigint';
  const latest = dialect === 'sqlite' ? 'is_latest = 1' : 'is_latest';
  return {
    version: TALLY_VERSION,
    statements: [
      `create table latest_tally (
        type text not null,
        tlp text not null,
        author_org text not null,
        audience text not null,
        n ${count} not null,
        primary key (type, tlp, author_org, audience)
      )`,
      `insert into latest_tally (type, tlp, author_org, audience, n)
       select type, tlp, author_org, audience, count(*) from versions where ${latest}
       group by type, tlp, author_org, audience`,
      'create index if not exists versions_older on versions (id, modified_key) where not is_latest',
    ],
  };
}

const UPSERT = `on conflict (type, tlp, author_org, audience) do update set n = latest_tally.n + excluded.n`;

/**
 * Adds `sign` per version selected by `where` (on `versions`, placeholders as the caller binds them)
 * to the tally of its group; callers select rows that are, or are about to stop being, latest.
 */
export function tallyDeltaSql(where: string, sign: 1 | -1): string {
  return `insert into latest_tally (type, tlp, author_org, audience, n)
    select type, tlp, author_org, audience, ${sign} * count(*) from versions where ${where}
    group by type, tlp, author_org, audience ${UPSERT}`;
}

/** The (type, TLP) groups of the tally: what `tally` answers for an unfiltered latest query. */
export function tallyGroupsSql(): string {
  return 'select type, tlp, author_org, audience, n from latest_tally where n > 0';
}

export interface TallyGroup {
  type: string;
  tlp: string;
  author_org: string;
  audience: string;
  n: number | string;
}

/** The reader-specific correction: older versions that are this reader's latest of a hidden object. */
export function tallyCorrectionSql(
  dialect: Dialect,
  scope: ReadScope,
): { sql: Sql; text: string } | undefined {
  if (scope.kind === 'all') return undefined;
  const sql = new Sql(dialect);
  const visible = visibleSql(sql, scope, 'v');
  const visibleLatest = visibleSql(sql, scope, 'l');
  const where = [
    'not v.is_latest',
    visible,
    extremeVisibleSql(sql, scope, 'v', 'latest'),
    `not exists (select 1 from versions l where l.id = v.id and l.is_latest${visibleLatest ? ` and ${visibleLatest}` : ''})`,
  ].filter((c) => c !== undefined);
  return {
    sql,
    // SQLite would rather walk versions_type_seq for the GROUP BY, reading every row; the partial index
    // holds only non-latest versions, which is the point.
    text: `select v.type, v.tlp, count(*) as n from versions v${dialect === 'sqlite' ? ' indexed by versions_older' : ''} where ${where.join(' and ')} group by v.type, v.tlp`,
  };
}

/** `visibleSql`'s rules on one group's columns. */
export function visibleTo(tlp: string, authorOrg: string, audience: Audience, scope: ReadScope): boolean {
  if (scope.kind === 'all' || tlp === 'clear') return true;
  if (scope.kind === 'public') return false;
  if (authorOrg === scope.orgId) return true;
  if (tlp === 'green' || tlp === 'amber')
    return audience.communities.some((c) => scope.communityIds.includes(c));
  if (tlp === 'amber+strict') return audience.orgs.includes(scope.orgId);
  return tlp === 'red' && scope.userId !== undefined && audience.users.includes(scope.userId);
}

/** Sums the visible groups and the correction into (type, TLP) rows. */
export function readerTally(
  groups: readonly TallyGroup[],
  correction: readonly { type: string; tlp: string; n: number | string }[],
  scope: ReadScope,
): TallyRow[] {
  const sums = new Map<string, TallyRow>();
  const add = (type: string, tlp: string, n: number) => {
    const key = `${type}\u0000${tlp}`;
    const row = sums.get(key);
    if (row) row.count += n;
    else sums.set(key, { type, tlp: tlp as TlpLevel, count: n });
  };
  for (const g of groups) {
    if (visibleTo(g.tlp, g.author_org, JSON.parse(g.audience) as Audience, scope))
      add(g.type, g.tlp, Number(g.n));
  }
  for (const c of correction) add(c.type, c.tlp, Number(c.n));
  return [...sums.values()];
}

/** True when `tally` of this query is the maintained one: latest versions, no filter but the reader. */
export function isPlainLatest(query: import('../types.ts').ObjectQuery): boolean {
  const { scope: _scope, versions, ...filters } = query;
  return (
    (versions === undefined || versions.kind === 'latest') &&
    Object.values(filters).every((v) => v === undefined)
  );
}

/** One group's change of the tally: `n` more (or fewer) latest versions of (type, TLP, author, audience). */
export interface TallyDelta {
  type: string;
  tlp: string;
  authorOrg: string;
  audience: string;
  n: number;
}

/**
 * The tally groups a batch's new latest versions add to, computed from the rows being written rather
 * than read back from `versions` after the insert (that read was a tenth of a batch's write time).
 * `audience` is the same JSON text the row stores, so the groups match those of `tallyDeltaSql`.
 */
export function addedLatestTally(
  rows: readonly { isLatest: boolean; type: string; tlp: string; authorOrg: string; audience: string }[],
): TallyDelta[] {
  const groups = new Map<string, TallyDelta>();
  for (const row of rows) {
    if (!row.isLatest) continue;
    const key = `${row.type}\u0000${row.tlp}\u0000${row.authorOrg}\u0000${row.audience}`;
    const group = groups.get(key);
    if (group) group.n++;
    else
      groups.set(key, {
        type: row.type,
        tlp: row.tlp,
        authorOrg: row.authorOrg,
        audience: row.audience,
        n: 1,
      });
  }
  return [...groups.values()];
}

/** Adds one group's delta (placeholders: type, tlp, author_org, audience, n). */
export const TALLY_ADD_SQL = `insert into latest_tally (type, tlp, author_org, audience, n) values (?, ?, ?, ?, ?) ${UPSERT}`;
