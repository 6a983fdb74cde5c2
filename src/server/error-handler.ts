/**
 * Errors leave the hub as catalogue entries: a BulwarkError as itself, Fastify's own client errors
 * (body too large, bad JSON, unknown media type) as the matching entry, anything else as a bare 500
 * whose details — stack included — stay in the log.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { BulwarkError, isBulwarkError } from '../errors/index.ts';

const CLIENT_ERRORS: Record<number, 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'RATE_LIMITED'> = {
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** The catalogue error for any thrown value; undefined when it is the server's own failure. */
export function catalogueErrorOf(error: unknown): BulwarkError | undefined {
  if (isBulwarkError(error)) return error;
  const status = (error as Partial<FastifyError> | undefined)?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const message = error instanceof Error ? error.message : 'Invalid request';
  return new BulwarkError(CLIENT_ERRORS[status] ?? 'BAD_REQUEST', message);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = catalogueErrorOf(error);
    // An unlisted client status (405, 431…) keeps its number under the generic BAD_REQUEST code.
    const status = isBulwarkError(error) ? known?.status : error.statusCode;
    if (known !== undefined) return reply.status(status ?? known.status).send(known.toJSON());
    request.log.error(error);
    return reply.status(500).send({ code: 'BULWARK_E_INTERNAL', message: 'Internal error' });
  });
}
