/**
 * CORS is off unless the operator names origins: a hub holding TLP:RED data must not answer a page on
 * another origin by default. With origins, only those get CORS headers, with the headers TAXII and the
 * API need.
 */
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

export function registerCors(app: FastifyInstance, origins: readonly string[]): void {
  if (origins.length === 0) return;
  app.register(cors, {
    origin: [...origins],
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept'],
    exposedHeaders: ['Retry-After', 'X-TAXII-Date-Added-First', 'X-TAXII-Date-Added-Last'],
    maxAge: 600,
  });
}
