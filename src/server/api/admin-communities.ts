/** Admin: communities (list, add, set members), through the hub's community service; all audited. */
import { z } from 'zod';
import { createCommunity, setCommunityMembers } from '../../hub/index.ts';
import type { Community } from '../../store/index.ts';
import { auditApi } from './api-context.ts';
import { defineRoute } from './api-route.ts';

const CommunityOut = z.object({
  id: z.string(),
  name: z.string(),
  created_at: z.string(),
  org_ids: z.array(z.string()),
});
const out = (c: Community) => ({ id: c.id, name: c.name, created_at: c.createdAt, org_ids: c.orgIds });
const Orgs = z.array(z.string().trim().min(1)).max(1000).describe('Organisation names or ids');

export const listCommunitiesRoute = defineRoute({
  method: 'GET',
  path: '/admin/communities',
  summary: 'List the communities and their members',
  tag: 'admin',
  role: 'admin',
  response: z.object({ communities: z.array(CommunityOut) }),
  action: 'community.list',
  handle: async ({ caller, request, ctx }) => {
    const communities = (await ctx.store.members.listCommunities()).map(out);
    await auditApi(ctx, caller, request, { action: 'community.list', target: null, outcome: 'ok' });
    return { communities };
  },
});

export const addCommunityRoute = defineRoute({
  method: 'POST',
  path: '/admin/communities',
  summary: 'Create a community of organisations',
  tag: 'admin',
  role: 'admin',
  status: 201,
  body: z.object({ name: z.string().trim().min(1).max(120), orgs: Orgs.default([]) }),
  response: CommunityOut,
  action: 'community.add',
  handle: async ({ body, caller, request, ctx }) => {
    const community = await createCommunity(ctx.store, body.name, body.orgs);
    await auditApi(ctx, caller, request, {
      action: 'community.add',
      target: community.id,
      outcome: 'ok',
      detail: { name: community.name, orgs: community.orgIds },
    });
    return out(community);
  },
});

export const setMembersRoute = defineRoute({
  method: 'PUT',
  path: '/admin/communities/{community}/members',
  summary: "Replace a community's member organisations",
  tag: 'admin',
  role: 'admin',
  params: z.object({ community: z.string().trim().min(1).describe('Community name or id') }),
  body: z.object({ orgs: Orgs }),
  response: CommunityOut,
  action: 'community.members',
  handle: async ({ params, body, caller, request, ctx }) => {
    const community = await setCommunityMembers(ctx.store, params.community, body.orgs);
    await auditApi(ctx, caller, request, {
      action: 'community.members',
      target: community.id,
      outcome: 'ok',
      detail: { orgs: community.orgIds },
    });
    return out(community);
  },
});
