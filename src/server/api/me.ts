/**
 * GET /me: who the key belongs to — organisation (name and STIX identity id), role, communities and
 * the key's id — so the console shows what the hub decided instead of guessing from the key.
 */
import { z } from 'zod';
import { defineRoute } from './api-route.ts';

const Response = z.object({
  organisation: z.object({
    id: z.string().describe('The STIX identity id of the organisation'),
    name: z.string(),
  }),
  role: z.enum(['reader', 'contributor', 'admin']),
  key_id: z.string().describe('The API key id (never the secret): the "user" TLP:RED recipients name'),
  communities: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const meRoute = defineRoute({
  method: 'GET',
  path: '/me',
  summary: 'The calling key: its organisation, role, communities and id',
  tag: 'members',
  role: 'reader',
  response: Response,
  handle: async ({ caller, ctx }) => {
    const communities = await ctx.store.members.communitiesOf(caller.orgId);
    return {
      organisation: { id: caller.orgId, name: caller.orgName },
      role: caller.role,
      key_id: caller.userId,
      communities: communities.map((c) => ({ id: c.id, name: c.name })),
    };
  },
});
