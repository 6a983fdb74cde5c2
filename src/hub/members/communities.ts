/** Communities: sharing groups of organisations, the audience of GREEN and AMBER objects. */
import { randomUUID } from 'node:crypto';
import { BulwarkError } from '../../errors/index.ts';
import type { Community, Store } from '../../store/index.ts';
import { requireOrganisation } from '../organisations/organisations.ts';
import { forgetCallers } from './key-cache.ts';

const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} .,&'()_:-]{0,119}$/u;

async function orgIdsOf(store: Store, orgNames: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of orgNames) ids.push((await requireOrganisation(store, name.trim())).id);
  return [...new Set(ids)];
}

/** Creates a community of the named organisations (names or ids); COMMUNITY_EXISTS if the name is taken. */
export async function createCommunity(
  store: Store,
  name: string,
  orgNames: readonly string[],
): Promise<Community> {
  const trimmed = name.trim();
  if (!NAME_PATTERN.test(trimmed)) {
    throw new BulwarkError('USAGE', `"${name}" is not a usable community name`, {
      hint: "Use 1–120 letters, digits, spaces and . , & ' ( ) _ : -, starting with a letter or digit",
    });
  }
  if (await store.members.getCommunity(trimmed)) {
    throw new BulwarkError('COMMUNITY_EXISTS', `A community named "${trimmed}" already exists`, {
      hint: "Change its members with 'bulwark community members NAME --orgs A,B'",
    });
  }
  const orgIds = await orgIdsOf(store, orgNames);
  const community: Community = {
    id: `community--${randomUUID()}`,
    name: trimmed,
    createdAt: new Date().toISOString(),
    orgIds,
  };
  await store.members.addCommunity(community);
  forgetCallers(store);
  return community;
}

/** The community named (or with that id), or COMMUNITY_NOT_FOUND with the names that exist. */
export async function requireCommunity(store: Store, nameOrId: string): Promise<Community> {
  const found = await store.members.getCommunity(nameOrId.trim());
  if (found) return found;
  const known = (await store.members.listCommunities()).map((c) => c.name);
  throw new BulwarkError('COMMUNITY_NOT_FOUND', `No community "${nameOrId}"`, {
    hint: known.length
      ? `Known communities: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}`
      : "Create it first with 'bulwark community add NAME --orgs A,B'",
  });
}

/** Replaces a community's members with the named organisations; returns the community as it now is. */
export async function setCommunityMembers(
  store: Store,
  community: string,
  orgNames: readonly string[],
): Promise<Community> {
  const found = await requireCommunity(store, community);
  const orgIds = await orgIdsOf(store, orgNames);
  await store.members.setCommunityMembers(found.id, orgIds);
  forgetCallers(store);
  return { ...found, orgIds: [...orgIds].sort() };
}

/** Ids of the communities an organisation belongs to, in the order it joined them. */
export async function communityIdsOf(store: Store, orgId: string): Promise<string[]> {
  return (await store.members.communitiesOf(orgId)).map((c) => c.id);
}
