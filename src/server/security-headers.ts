/**
 * Security headers on every answer. The console's pages get helmet's set for this policy — its
 * script, styles and images come from this origin and it calls only this origin; API answers get the
 * shorter, stricter `API_HEADERS`. The set does not depend on the request, so helmet runs once at
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

/**
 * What an API answer (REST, TAXII, health) carries instead: JSON is never a document, so the
 * document-only headers (COOP, DNS prefetch, download options, XSS auditor, origin agent cluster)
 * protect nothing, while two matter more: `no-store`, because a TLP:AMBER or TLP:RED answer must not
 * stay in a browser's or proxy's cache, and a policy that allows nothing at all should a browser ever
 * render one. As OWASP's REST security cheat sheet lists them; fewer headers also cost less per answer.
 */
export const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});

const API_PREFIXES = ['/api/', '/taxii2/', '/healthz'];

function isApiPath(url: string): boolean {
  for (const prefix of API_PREFIXES) if (url.startsWith(prefix)) return true;
  return false;
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  const documentHeaders = securityHeaders();
  // a callback hook, not an async one: no promise per request on the hottest routes
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(isApiPath(request.url) ? API_HEADERS : documentHeaders);
    done();
  });
}
