/**
 * Who will be able to read a submission, worked out in the browser from the hub's own lists
 * (GET /admin/communities and /admin/orgs) by the rule the hub applies (DESIGN.md's TLP table):
 * CLEAR anyone; GREEN and AMBER the member organisations of the community; AMBER+STRICT the named
 * organisations; RED the named keys; the author organisation always.
 */
import type { Community, Organisation, Tlp } from './types.ts';

export interface AudienceInput {
  tlp: Tlp;
  community: Community | undefined;
  recipientOrgs: readonly string[];
  authorOrg: string | undefined;
}

export type Audience =
  | { kind: 'everyone' }
  | { kind: 'orgs'; orgs: Organisation[]; unknownAuthor: boolean }
  | { kind: 'keys' }
  | { kind: 'incomplete'; reason: string };

export function audienceOf(input: AudienceInput, orgs: readonly Organisation[]): Audience {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const pick = (ids: Iterable<string>): Organisation[] =>
    [...new Set(ids)]
      .map((id) => byId.get(id) ?? { id, name: id, created_at: '' })
      .sort((a, b) => a.name.localeCompare(b.name));
  const author = input.authorOrg ? [input.authorOrg] : [];
  switch (input.tlp) {
    case 'clear':
      return { kind: 'everyone' };
    case 'green':
    case 'amber':
      if (input.community === undefined) return { kind: 'incomplete', reason: 'Choose a community.' };
      return {
        kind: 'orgs',
        orgs: pick([...input.community.org_ids, ...author]),
        unknownAuthor: input.authorOrg === undefined,
      };
    case 'amber+strict':
      if (input.recipientOrgs.length === 0)
        return { kind: 'incomplete', reason: 'Choose the organisations.' };
      return {
        kind: 'orgs',
        orgs: pick([...input.recipientOrgs, ...author]),
        unknownAuthor: input.authorOrg === undefined,
      };
    case 'red':
      return { kind: 'keys' };
  }
}
