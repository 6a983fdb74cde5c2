/** The sharing form's state, what it is missing, and the POST /incidents body it becomes. */
import type { Directory } from './directory.ts';
import type { Community, Tlp } from './types.ts';
import { parseValues } from './value-type.ts';

export interface Draft {
  name: string;
  description: string;
  values: string;
  tlp: Tlp;
  community: string;
  recipientOrgs: string[];
  recipientKeys: string;
  /** AMBER+STRICT recipients typed by name, when the organisation list cannot be read. */
  recipientOrgText: string;
}

export const EMPTY_DRAFT: Draft = {
  name: '',
  description: '',
  values: '',
  tlp: 'amber',
  community: '',
  recipientOrgs: [],
  recipientKeys: '',
  recipientOrgText: '',
};

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export const recipientsOf = (draft: Draft): string[] =>
  draft.recipientOrgs.length > 0 ? draft.recipientOrgs : list(draft.recipientOrgText);

const toCommunity = (tlp: Tlp) => tlp === 'green' || tlp === 'amber';

/** The communities this key's organisation belongs to (all, if the organisation is unknown). */
export function myCommunities(directory: Directory | undefined): Community[] {
  if (directory === undefined) return [];
  const mine = directory.myOrg;
  return directory.communities.filter((c) => mine === undefined || c.org_ids.includes(mine));
}

/** What stops the draft from being sent, as the next thing to do; null when it can go. */
export function problemOf(draft: Draft, community: Community | undefined, directory: Directory | undefined) {
  const values = parseValues(draft.values);
  if (!draft.name.trim()) return 'Name the incident.';
  if (values.length === 0) return 'Paste at least one indicator value.';
  if (values.some((v) => !v.type)) return 'Fix or remove the values that are not recognised.';
  if (toCommunity(draft.tlp) && directory && !community) return 'Choose the community to share with.';
  if (draft.tlp === 'amber+strict' && recipientsOf(draft).length === 0) {
    return 'Choose the organisations that may read it.';
  }
  if (draft.tlp === 'red' && list(draft.recipientKeys).length === 0)
    return 'Name the recipients’ API key ids.';
  return null;
}

export function bodyOf(draft: Draft) {
  return {
    name: draft.name.trim(),
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    tlp: draft.tlp,
    ...(toCommunity(draft.tlp) && draft.community ? { community: draft.community } : {}),
    ...(draft.tlp === 'amber+strict' ? { recipient_orgs: recipientsOf(draft) } : {}),
    ...(draft.tlp === 'red' ? { recipient_users: list(draft.recipientKeys) } : {}),
    indicators: parseValues(draft.values).map((v) => ({ type: v.type, value: v.value })),
  };
}
