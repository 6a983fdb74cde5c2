/** GET status (§4.3): only the organisation that made the request reads it; to others it does not exist. */
import type { FastifyInstance } from 'fastify';
import { deniedRead, notFound } from './audit-taxii.ts';
import { callerOf, unauthenticated } from './caller-of.ts';
import { sendTaxii } from './respond.ts';
import { param, route } from './route.ts';
import { statusResource } from './status-resource.ts';
import { API_ROOT, type TaxiiContext } from './taxii-context.ts';

export function registerStatus(app: FastifyInstance, ctx: TaxiiContext): void {
  route(app, 'GET', `${API_ROOT}status/:status/`, async (request, reply) => {
    const caller = await callerOf(ctx, request);
    if (caller.kind !== 'member') throw unauthenticated();
    const id = param(request, 'status');
    const status = await ctx.store.members.getStatus(id);
    if (status === undefined) throw notFound('status', id);
    if (status.orgId !== caller.orgId) throw await deniedRead(ctx, caller, request, 'status', id);
    return sendTaxii(reply, 200, statusResource(status));
  });
}
