/**
 * A plain in-memory model of the store's semantics, written independently of the SQL, for the
 * property test: visibility by the rules of DESIGN.md, latest/first among visible versions.
 */
import { timestampKey } from '../shared/timestamps.ts';
import type { NewVersion, ObjectQuery, ReadScope } from '../types.ts';

export interface ModelRow {
  v: NewVersion;
  key: string;
  seq: number;
  dateAdded: string;
}

export function visibleTo(row: NewVersion, scope: ReadScope): boolean {
  if (scope.kind === 'all') return true;
  if (row.tlp === 'clear') return true;
  if (scope.kind === 'public') return false;
  if (row.authorOrg === scope.orgId) return true;
  const a = row.audience;
  if (row.tlp === 'green' || row.tlp === 'amber')
    return a.communities.some((c) => scope.communityIds.includes(c));
  if (row.tlp === 'amber+strict') return a.orgs.includes(scope.orgId);
  return scope.userId !== undefined && a.users.includes(scope.userId);
}

export class StoreModel {
  rows: ModelRow[] = [];

  /** The outcome the store owes a put of `v`, given what the model holds. */
  outcomeOf(v: NewVersion): 'added' | 'duplicate' | 'not-author' {
    if (this.isStored(v)) return 'duplicate';
    const author = this.rows.find((r) => r.v.id === v.id)?.v.authorOrg;
    return author === undefined || author === v.authorOrg ? 'added' : 'not-author';
  }

  isStored(v: NewVersion): boolean {
    const key = timestampKey(v.modified);
    return this.rows.some((r) => r.v.id === v.id && r.key === key);
  }

  #selected(query: ObjectQuery): ModelRow[] {
    const visible = this.rows.filter((r) => visibleTo(r.v, query.scope));
    const versions = query.versions ?? { kind: 'latest' };
    const extreme = (r: ModelRow, sign: 1 | -1) =>
      !visible.some((o) => o.v.id === r.v.id && (sign === 1 ? o.key > r.key : o.key < r.key));
    return visible.filter((r) => {
      if (query.ids && !query.ids.includes(r.v.id)) return false;
      if (query.authorOrg !== undefined && r.v.authorOrg !== query.authorOrg) return false;
      if (query.addedAfter !== undefined && !(r.dateAdded > query.addedAfter)) return false;
      if (versions.kind === 'latest') return extreme(r, 1);
      if (versions.kind === 'first') return extreme(r, -1);
      if (versions.kind === 'modified') return versions.values.map(timestampKey).includes(r.key);
      return true;
    });
  }

  query(query: ObjectQuery): { items: ModelRow[]; more: boolean } {
    const rows = this.#selected(query).filter((r) => query.afterSeq === undefined || r.seq > query.afterSeq);
    const limit = query.limit ?? 1000;
    return { items: rows.slice(0, limit), more: rows.length > limit };
  }

  count(query: ObjectQuery): number {
    return this.#selected(query).length;
  }

  findByValue(value: string, scope: ReadScope): ModelRow[] {
    const visible = this.rows.filter((r) => visibleTo(r.v, scope));
    const named = new Set(visible.filter((r) => r.v.terms.some((t) => t.value === value)).map((r) => r.v.id));
    const referencing = visible.filter((r) => r.v.refs.some((ref) => named.has(ref))).map((r) => r.v.id);
    const ids = new Set([...named, ...referencing]);
    return this.#selected({ scope, ids: [...ids] });
  }
}
