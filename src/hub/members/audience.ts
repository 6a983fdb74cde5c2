/**
 * Who an organisation's submission is shared with. GREEN and AMBER go to communities — those named,
 * or else the organisation's default community (set with `setDefaultCommunity`, or the first it
 * joined); AMBER+STRICT to recipient organisations; RED to recipient users (API key ids).
 */
import { BulwarkError } from '../../errors/index.ts';
import type { Audience, Community, Organisation, Store, TlpLevel } from '../../store/index.ts';
import { requireOrganisation } from '../organisations/organisations.ts';
import { requireCommunity } from './communities.ts';

const settingKey = (orgId: string): string => `org:${orgId}:default-community`;

/** Makes `community` (name or id) the default of the organisation (name or id), which must belong to it. */
export async function setDefaultCommunity(store: Store, org: string, community: string): Promise<Community> {
  const found = await requireOrganisation(store, org);
  const chosen = await requireCommunity(store, community);
  requireMembership(found, chosen);
  await store.putSetting(settingKey(found.id), chosen.id);
  return chosen;
}

/** The organisation's default community: its setting if it still belongs, else the first it joined. */
export async function defaultCommunity(store: Store, orgId: string): Promise<Community | undefined> {
  const joined = await store.members.communitiesOf(orgId);
  const chosen = await store.getSetting(settingKey(orgId));
  return joined.find((c) => c.id === chosen) ?? joined[0];
}

function requireMembership(org: Organisation, community: Community): void {
  if (!community.orgIds.includes(org.id)) {
    throw new BulwarkError('FORBIDDEN', `${org.name} is not a member of the community "${community.name}"`, {
      hint: `Share to a community ${org.name} belongs to, or add it with 'bulwark community members'`,
    });
  }
}

export interface AudienceRequest {
  /** The default TLP of the submission: whether the default community applies. */
  tlp: TlpLevel;
  /** Community names or ids; the organisation must belong to each. */
  communities?: readonly string[];
  /** Organisation names or ids (AMBER+STRICT recipients). */
  recipientOrgs?: readonly string[];
  /** API key ids (TLP:RED recipients). */
  recipientUsers?: readonly string[];
}

/** Resolves the audience of a submission by `org`, checking every name it gives. */
export async function resolveAudience(
  store: Store,
  org: Organisation,
  request: AudienceRequest,
): Promise<Audience> {
  const communities: string[] = [];
  for (const name of request.communities ?? []) {
    const community = await requireCommunity(store, name);
    requireMembership(org, community);
    communities.push(community.id);
  }
  if (communities.length === 0 && (request.tlp === 'green' || request.tlp === 'amber')) {
    const fallback = await defaultCommunity(store, org.id);
    if (fallback !== undefined) communities.push(fallback.id);
  }
  const orgs: string[] = [];
  for (const name of request.recipientOrgs ?? []) orgs.push((await requireOrganisation(store, name)).id);
  const users: string[] = [];
  for (const id of request.recipientUsers ?? []) {
    if ((await store.members.getKey(id)) === undefined) {
      throw new BulwarkError('KEY_NOT_FOUND', `No API key with id ${id} to name as a recipient`, {
        hint: 'TLP:RED recipients are API key ids, as listed by bulwark key list',
      });
    }
    users.push(id);
  }
  return { communities: [...new Set(communities)], orgs: [...new Set(orgs)], users: [...new Set(users)] };
}
