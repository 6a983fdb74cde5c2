import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { isBulwarkError } from '../errors/index.ts';
import type { Store } from '../store/index.ts';
import { registerTaxii } from '../taxii/index.ts';
import { registerApi } from './api/register-api.ts';
import { registerConsole } from './console.ts';

export interface ServerOptions {
  store: Store;
  logger?: boolean;
}

/**
 * The HTTP shell over the hub. Errors from the catalogue map to their HTTP status here, once;
 * anything else is a 500 whose details stay in the log, never in the response.
 */
export function createServer({ store, logger = false }: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: logger ? { level: 'info', redact: ['req.headers.authorization'] } : false,
    bodyLimit: 64 * 1024 * 1024,
  });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (isBulwarkError(error)) return reply.status(error.status).send(error.toJSON());
    const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) app.log.error(error);
    return reply.status(status).send({
      code: status === 500 ? 'BULWARK_E_INTERNAL' : 'BULWARK_E_BAD_REQUEST',
      message: status === 500 ? 'Internal error' : error.message,
    });
  });
  app.get('/healthz', async () => ({ status: 'ok', store: store.backend }));
  registerTaxii(app, { store });
  registerApi(app, { store });
  registerConsole(app);
  return app;
}
