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
import { ALERT_ROUTES } from './alerts.ts';
import { ALERT_STREAM_PATH, alertStreamOperation, registerAlertStream } from './alerts-stream.ts';
import { type ApiContext, auditApi, type MemberCaller, memberCaller } from './api-context.ts';
import type { ApiRoute } from './api-route.ts';
import { closeClusterSource, clusterRoute } from './clusters.ts';
import { incidentsRoute } from './incidents.ts';
import { meRoute } from './me.ts';
import { objectByIdRoute } from './object-by-id.ts';
import { objectsListRoute } from './objects-list.ts';
import { openApiDocument } from './openapi.ts';
import { PAYMENT_ROUTES } from './payments.ts';
import { flushHistories } from './payments-history.ts';
import { screenBatchRoute, screenRoute } from './screen.ts';
import { searchRoute } from './search.ts';
import { statsRoute } from './stats.ts';
import { statsActivityRoute } from './stats-activity.ts';
import { tracePathsRoute, traceRoute } from './trace.ts';

export const API_PREFIX = '/api/v1';

export const API_ROUTES: readonly ApiRoute[] = [
  searchRoute,
  objectsListRoute,
  objectByIdRoute,
  statsRoute,
  statsActivityRoute,
  meRoute,
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
  clusterRoute,
  traceRoute,
  tracePathsRoute,
  ...PAYMENT_ROUTES,
  ...ALERT_ROUTES,
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

export function registerApi(
  app: FastifyInstance,
  options: { store: Store; graphDir?: string; webhookAllowPrivate?: boolean },
): void {
  const ctx: ApiContext = {
    store: options.store,
    webhookAllowPrivate: options.webhookAllowPrivate === true,
    ...(options.graphDir !== undefined ? { graphDir: options.graphDir } : {}),
  };
  // what the payment desk learned in the last seconds is saved before the store goes away
  app.addHook('preClose', async () => {
    await flushHistories(options.store);
  });
  // the clusters beside the served graph are mapped files: let them go with the server
  const graphDir = options.graphDir;
  if (graphDir !== undefined) app.addHook('onClose', async () => closeClusterSource(graphDir));
  const document = openApiDocument(API_ROUTES, API_PREFIX);
  (document.paths as Record<string, unknown>)[`${API_PREFIX}${ALERT_STREAM_PATH}`] = alertStreamOperation();
  app.register(
    async (api) => {
      api.get('/openapi.json', async () => document);
      // Payment messages may be posted as they are: XML as a string, like text/plain.
      api.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_r, body, done) =>
        done(null, body),
      );
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
      registerAlertStream(api, ctx);
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
