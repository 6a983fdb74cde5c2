/**
 * The TAXII 2.1 error message resource (§3.6.1): every error under /taxii2/ answers with one, mapped
 * once from the Bulwark catalogue. Errors that are not Bulwark's stay in the log; the client gets a
 * 500 with an error_id to quote, never a stack trace.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyError } from 'fastify';
import { type BulwarkError, isBulwarkError } from '../errors/index.ts';

export interface ErrorResource {
  title: string;
  description?: string;
  error_id: string;
  error_code: string;
  http_status: string;
  details?: Record<string, unknown>;
}

function fromBulwark(error: BulwarkError): ErrorResource {
  const details: Record<string, unknown> = { ...error.place };
  if (error.hint) details.hint = error.hint;
  if (error.rule) details.rule = error.rule;
  if (error.details) Object.assign(details, error.details);
  return {
    title: error.spec.title,
    description: error.message,
    error_id: randomUUID(),
    error_code: error.code,
    http_status: String(error.status),
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
}

/** Fastify's own client errors (unparsable body, body too large, unknown content type). */
const FASTIFY_CODES: Record<number, { code: string; title: string }> = {
  400: { code: 'BULWARK_E_BAD_REQUEST', title: 'Invalid request' },
  413: { code: 'BULWARK_E_PAYLOAD_TOO_LARGE', title: 'Payload too large' },
  415: { code: 'BULWARK_E_UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type' },
};

/** The status and error resource for any error thrown under /taxii2/. */
export function errorResourceOf(error: unknown): {
  status: number;
  resource: ErrorResource;
  internal: boolean;
} {
  if (isBulwarkError(error)) {
    return { status: error.status, resource: fromBulwark(error), internal: error.status >= 500 };
  }
  const status = (error as FastifyError | undefined)?.statusCode;
  const known = typeof status === 'number' ? FASTIFY_CODES[status] : undefined;
  if (typeof status === 'number' && known) {
    const message = error instanceof Error ? error.message : undefined;
    return {
      status,
      resource: {
        title: known.title,
        ...(message ? { description: message } : {}),
        error_id: randomUUID(),
        error_code: known.code,
        http_status: String(status),
      },
      internal: false,
    };
  }
  return {
    status: 500,
    resource: {
      title: 'Internal error',
      description: 'The server failed to answer; quote error_id to the operator',
      error_id: randomUUID(),
      error_code: 'BULWARK_E_INTERNAL',
      http_status: '500',
    },
    internal: true,
  };
}
