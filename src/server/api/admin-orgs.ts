/** Admin: organisations (list, add), through the hub's organisation service; every action audited. */
import { z } from 'zod';
import { addOrganisation } from '../../hub/index.ts';
import { auditApi } from './api-context.ts';
import { defineRoute } from './api-route.ts';

const Org = z.object({ id: z.string(), name: z.string(), created_at: z.string() });
const orgOut = (o: { id: string; name: string; createdAt: string }) => ({
  id: o.id,
  name: o.name,
  created_at: o.createdAt,
});

export const listOrgsRoute = defineRoute({
  method: 'GET',
  path: '/admin/orgs',
  summary: 'List the member organisations',
  tag: 'admin',
  role: 'admin',
  response: z.object({ orgs: z.array(Org) }),
  action: 'org.list',
  handle: async ({ caller, request, ctx }) => {
    const orgs = (await ctx.store.listOrganisations()).map(orgOut);
    await auditApi(ctx, caller, request, { action: 'org.list', target: null, outcome: 'ok' });
    return { orgs };
  },
});

export const addOrgRoute = defineRoute({
  method: 'POST',
  path: '/admin/orgs',
  summary: 'Add an organisation (with its STIX identity)',
  tag: 'admin',
  role: 'admin',
  status: 201,
  body: z.object({
    name: z.string().trim().min(1).max(120),
    sector: z.string().trim().min(1).max(64).optional(),
  }),
  response: Org,
  action: 'org.add',
  handle: async ({ body, caller, request, ctx }) => {
    const org = await addOrganisation(ctx.store, body.name, body.sector);
    await auditApi(ctx, caller, request, {
      action: 'org.add',
      target: org.id,
      outcome: 'ok',
      detail: { name: org.name },
    });
    return orgOut(org);
  },
});
