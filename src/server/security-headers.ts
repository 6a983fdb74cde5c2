/**
 * Security headers on every answer, as helmet decides them. The policy is the console's own — its
 * script, styles and images come from this origin and it calls only this origin — so the API and TAXII
 * answers carry the same strict policy. The set does not depend on the request, so helmet runs once at
 * start-up and each answer copies the result: running helmet's middleware per request cost more than
 * screening an address (a fifth of the hello-world rate on the screening route).
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

const POLICY = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'self'"],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' as const },
};

/** Helmet's headers for POLICY, collected by running its middleware once against a recording response. */
export function securityHeaders(): Record<string, string> {
  const set: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete set[name.toLowerCase()];
    },
  };
  let failed: unknown;
  helmet(POLICY)({} as never, res as never, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed;
  return set;
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  const headers = securityHeaders();
  // a callback hook, not an async one: no promise per request on the hottest routes
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
