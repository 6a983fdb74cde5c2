/** Public surface of the HTTP shell. */

export type { ApiRoute } from './api/api-route.ts';
export { API_PREFIX, API_ROUTES, registerApi } from './api/register-api.ts';
export { createServer, type ServerOptions } from './create-server.ts';
export { DEFAULT_HARDENING, type HardeningOptions, SERVE_RATE_LIMIT } from './hardening-options.ts';
export { rateLimitBucket } from './rate-limit.ts';
