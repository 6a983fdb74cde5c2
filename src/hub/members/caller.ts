/**
 * Who is asking: the identity every read and write path of the hub (TAXII, REST, CLI `--as-org`,
 * the console) resolves first, and from which the store's `ReadScope` is derived — one place, so no
 * path can forget a rule.
 */
import type { ReadScope } from '../../store/index.ts';

export type Role = 'reader' | 'contributor' | 'admin';

export type Caller =
  | {
      kind: 'member';
      orgId: string;
      orgName: string;
      /** The API key's id: the "user" TLP:RED recipients name. Never the key itself. */
      userId: string;
      role: Role;
      /** Communities the organisation belongs to. */
      communityIds: readonly string[];
    }
  /** No credentials; reads only a public collection, if the operator enabled one. */
  | { kind: 'anonymous' }
  /** The operator on the command line, or an engine inside the hub. */
  | { kind: 'operator' };

/** The store scope of a caller: what it may read, applied inside the queries. */
export function scopeOf(caller: Caller): ReadScope {
  switch (caller.kind) {
    case 'operator':
      return { kind: 'all' };
    case 'anonymous':
      return { kind: 'public' };
    case 'member':
      return {
        kind: 'member',
        orgId: caller.orgId,
        communityIds: caller.communityIds,
        userId: caller.userId,
      };
  }
}

const RANK: Record<Role, number> = { reader: 0, contributor: 1, admin: 2 };

/** True when the caller's role is at least `role`. */
export function hasRole(caller: Caller, role: Role): boolean {
  if (caller.kind === 'operator') return true;
  if (caller.kind === 'anonymous') return false;
  return RANK[caller.role] >= RANK[role];
}
