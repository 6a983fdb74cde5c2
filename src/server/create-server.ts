import Fastify, { type FastifyInstance } from 'fastify';
import type { Store } from '../store/index.ts';
import { registerTaxii } from '../taxii/index.ts';
import { type AlertOptions, startAlerts } from './api/alerts-setup.ts';
import type { ApiContext } from './api/api-context.ts';
import { registerApi } from './api/register-api.ts';
import { type RequestListener, type ScreenFastPathOptions, screenFastPath } from './api/screen-fast-path.ts';
import { registerConsole } from './console.ts';
import { registerCors } from './cors.ts';
import { registerErrorHandler } from './error-handler.ts';
import { type HardeningOptions, hardeningOf } from './hardening-options.ts';
import { registerRateLimit } from './rate-limit.ts';
import { registerSecurityHeaders } from './security-headers.ts';

export interface ServerOptions extends HardeningOptions {
  store: Store;
  logger?: boolean;
  /** The chain graph beside the hub: screening gains indirect exposure and freeze alerts run. */
  graphDir?: string;
  alerts?: AlertOptions;
  /**
   * GET /api/v1/screen/{address} answered beside fastify (`api/screen-fast-path.ts`); default on. Off
   * for the test that compares it with fastify's answers; off by itself when the server logs requests,
   * answers CORS or counts its limits in a database, which only fastify's path does.
   */
  screenFastPath?: boolean;
}

/**
 * The HTTP shell over the hub. Errors from the catalogue map to their HTTP status here, once;
 * anything else is a 500 whose details stay in the log, never in the response.
 */
export function createServer({
  store,
  logger = false,
  graphDir,
  alerts,
  screenFastPath = true,
  ...options
}: ServerOptions): FastifyInstance {
  const limits = hardeningOf(options);
  const app = Fastify({
    logger: logger ? { level: 'info', redact: ['req.headers.authorization'] } : false,
    bodyLimit: limits.bodyLimit,
    connectionTimeout: limits.connectionTimeout,
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
  });
  registerErrorHandler(app);
  if (graphDir !== undefined) startAlerts(app, store, graphDir, alerts);
  registerSecurityHeaders(app);
  registerCors(app, limits.corsOrigins);
  const counting = registerRateLimit(app, limits.rateLimit, store);
  if (screenFastPath && !logger && limits.corsOrigins.length === 0 && counting.kind !== 'database') {
    installScreenFastPath(app, { store, ...(graphDir !== undefined ? { graphDir } : {}) }, counting);
  }
  // Health checks from a balancer are never rate limited.
  app.get('/healthz', { config: { rateLimit: false } }, async () => ({ status: 'ok', store: store.backend }));
  // Declared in a plugin so they load after the limiter, whose per-route hooks attach as routes are declared.
  app.register(async (hub) => {
    // TAXII advertises max_content_length in its API root: the same limit as the server's.
    registerTaxii(hub, { store, maxContentLength: limits.bodyLimit });
    registerApi(hub, {
      store,
      webhookAllowPrivate: alerts?.webhook?.allowPrivate === true,
      ...(graphDir !== undefined ? { graphDir } : {}),
    });
    registerConsole(hub);
  });
  return app;
}

/** Puts the screening fast path in front of fastify's request listener on the server fastify made. */
function installScreenFastPath(
  app: FastifyInstance,
  ctx: ApiContext,
  counting: ScreenFastPathOptions['counting'],
): void {
  const listeners = app.server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) return;
  const framework = listeners[0]!;
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.server.removeListener('request', framework);
  app.server.on('request', screenFastPath({ ctx, counting, closing: () => closing }, framework));
}
