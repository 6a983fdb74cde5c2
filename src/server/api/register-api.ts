/**
 * The REST API at /api/v1/: every route of the table behind `authenticate` and its role, validated by
 * its schemas; the OpenAPI document beside them, the one resource open to anonymous callers.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BulwarkError, isBulwarkError } from '../../errors/index.ts';
import type { Store } from '../../store/index.ts';
import { auditRoute } from './admin-audit.ts';
import { addCommunityRoute, listCommunitiesRoute, setMembersRoute } from './admin-communities.ts';
import { createKeyRoute, listKeysRoute, revokeKeyRoute } from './admin-keys.ts';
import { addOrgRoute, listOrgsRoute } from './admin-orgs.ts';
import { type ApiContext, auditApi, type MemberCaller, memberCaller } from './api-context.ts';
import type { ApiRoute } from './api-route.ts';
import { incidentsRoute } from './incidents.ts';
import { objectByIdRoute } from './object-by-id.ts';
import { objectsListRoute } from './objects-list.ts';
import { openApiDocument } from './openapi.ts';
import { screenBatchRoute, screenRoute } from './screen.ts';
import { searchRoute } from './search.ts';
import { statsRoute } from './stats.ts';

export const API_PREFIX = '/api/v1';

export const API_ROUTES: readonly ApiRoute[] = [
  searchRoute,
  objectsListRoute,
  objectByIdRoute,
  statsRoute,
  incidentsRoute,
  listOrgsRoute,
  addOrgRoute,
  listCommunitiesRoute,
  addCommunityRoute,
  setMembersRoute,
  createKeyRoute,
  listKeysRoute,
  revokeKeyRoute,
  auditRoute,
  screenRoute,
  screenBatchRoute,
];

/** A refused or failed admin action or submission, with the error code and never the request body. */
async function auditFailure(
  ctx: ApiContext,
  caller: MemberCaller,
  request: FastifyRequest,
  action: string,
  error: unknown,
): Promise<void> {
  await auditApi(ctx, caller, request, {
    action,
    target: request.url,
    outcome: 'failed',
    detail: { code: isBulwarkError(error) ? error.code : 'BULWARK_E_INTERNAL' },
  });
}

const fastifyPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

export function registerApi(app: FastifyInstance, options: { store: Store }): void {
  const ctx: ApiContext = { store: options.store };
  const document = openApiDocument(API_ROUTES, API_PREFIX);
  app.register(
    async (api) => {
      api.get('/openapi.json', async () => document);
      for (const route of API_ROUTES) {
        api.route({
          method: route.method,
          url: fastifyPath(route.path),
          handler: async (request, reply) => {
            const caller = await memberCaller(ctx, request, route.role);
            try {
              const result = await route.run(request, caller, ctx);
              return reply.status(route.status).send(result);
            } catch (error) {
              if (route.action !== undefined) await auditFailure(ctx, caller, request, route.action, error);
              throw error;
            }
          },
        });
      }
      // A catch-all of our own, so an unknown API path is ours to answer (401 before 404) even when
      // another part of the server claims every other path.
      api.all('/*', async (request) => {
        await memberCaller(ctx, request, 'reader');
        throw new BulwarkError('NOT_FOUND', `No REST resource ${request.method} ${request.url}`, {
          path: 'url',
          hint: `The resources are listed in ${API_PREFIX}/openapi.json`,
        });
      });
    },
    { prefix: API_PREFIX },
  );
}
