/**
 * The hub's organisations and communities, and which organisation this key acts for. These lists are
 * admin-only on the hub, so for other roles the directory is `undefined` and the console says so.
 */
import { ApiError, apiGet } from './api.ts';
import { getKey, keyId } from './session.ts';
import type { Community, KeyInfo, Organisation } from './types.ts';

export interface Directory {
  communities: Community[];
  orgs: Organisation[];
  myOrg: string | undefined;
  fetchedAt: Date;
}

export async function loadDirectory(): Promise<Directory | undefined> {
  try {
    const [c, o, k] = await Promise.all([
      apiGet<{ communities: Community[] }>('/admin/communities'),
      apiGet<{ orgs: Organisation[] }>('/admin/orgs'),
      apiGet<{ keys: KeyInfo[] }>('/admin/keys'),
    ]);
    const mine = keyId(getKey() ?? '');
    return {
      communities: c.communities,
      orgs: o.orgs,
      myOrg: k.keys.find((key) => key.id === mine)?.org_id,
      fetchedAt: new Date(),
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return undefined;
    throw error;
  }
}
