/** Route registration for TAXII resources: every URL answers with and without its trailing slash. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { QueryParams } from './query-params.ts';
import { TAXII_PREFIX } from './taxii-context.ts';

export type TaxiiHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export function route(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  handler: TaxiiHandler,
  bodyLimit?: number,
): void {
  // Routes live in a plugin mounted at /taxii2, which answers "/" with and without the slash itself.
  const local = url.slice(TAXII_PREFIX.length);
  for (const path of local === '/' ? [local] : [local, local.replace(/\/$/, '')]) {
    app.route({ method, url: path, handler, ...(bodyLimit === undefined ? {} : { bodyLimit }) });
  }
}

export function param(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name];
  return value ?? '';
}

export function queryOf(request: FastifyRequest): QueryParams {
  return (request.query ?? {}) as QueryParams;
}
