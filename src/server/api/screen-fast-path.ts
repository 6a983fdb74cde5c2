/**
 * GET /api/v1/screen/{address} answered beside the framework, for the one route a payment flow calls
 * per transaction: fastify's per-request path (hook runner, the rate-limit plugin's chain of promises,
 * reply) cost more than screening the address itself. The route stays registered in fastify (the
 * OpenAPI document, `inject`, and every request this path does not take).
 *
 * This path answers only the plain success: a GET of a plain address segment, no body, a verified key
 * of the route's role, params valid under the route's own schema, a screening that succeeded, a budget
 * not spent. Anything else — no key, a refused key, a bad address, an error, a spent budget, a URL it
 * does not parse as the router would — goes to fastify as it came, which answers it exactly as it
 * answers every request. Nothing is done twice on the way: the key is verified once per request, and
 * this path counts the request against the budget only when it answers it; when the budget would be
 * exceeded it counts nothing and leaves the request to the plugin, which counts it and answers 429.
 * The answer carries the same status, headers and bytes as fastify's (`screen-fast-path.test.ts`).
 *
 * The usual request — a key this process verified lately, a reader scope whose screener is built — is
 * answered synchronously, with no promise, closure or per-request map entry: `cachedCaller` checks the
 * presented secret's hash against the stored hash as `authenticate` does, and finds a revoked key no
 * longer cached; `readyFor` is the built screener. Otherwise one async function waits for
 * `authenticateOnce` (keyed on this very request object, so a refusal is decided and audited once,
 * by `authenticate`) and for the screener. The answer is serialised by `screenJson`.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { authenticateOnce, type Caller, cachedCaller, hasRole } from '../../hub/index.ts';
import type { Screener } from '../../screen/index.ts';
import { keyBucket, type RateLimitCounting } from '../rate-limit.ts';
import { API_HEADERS } from '../security-headers.ts';
import type { ApiContext, MemberCaller } from './api-context.ts';
import { API_PREFIX } from './register-api.ts';
import { ScreenParams, screenerCacheOf, screenRoute } from './screen.ts';
import { screenJson } from './screen-json.ts';

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * The URLs taken: one segment that fastify's router hands over as it is (no percent-escapes, no query,
 * no trailing slash) and within its 100-character parameter limit, beyond which it matches no route.
 */
const SCREEN_URL = new RegExp(
  `^${API_PREFIX.replace(/\//g, '\\/')}\\/screen\\/([0-9A-Za-z][0-9A-Za-z._:-]{0,99})$`,
);

const CONTENT_TYPE = 'application/json; charset=utf-8';

export interface ScreenFastPathOptions {
  ctx: ApiContext;
  /** How the limiter counts; a database-backed limiter is the plugin's alone, so it gets no fast path. */
  counting: Exclude<RateLimitCounting, { kind: 'database' }>;
  /** True once the server is closing: fastify then answers 503, so every request goes to it. */
  closing(): boolean;
}

/** The server's request listener: this path for what it takes, `framework` (fastify's) for the rest. */
export function screenFastPath(options: ScreenFastPathOptions, framework: RequestListener): RequestListener {
  const { ctx, counting, closing } = options;

  /** The headers fastify's reply would send, in its order; undefined when the budget is spent. */
  function headersOf(caller: MemberCaller, length: number): OutgoingHttpHeaders | undefined {
    if (counting.kind === 'off') {
      return { ...API_HEADERS, 'content-type': CONTENT_TYPE, 'content-length': length };
    }
    const { max, windowMs, counter } = counting;
    const window = counter.take(keyBucket(caller.userId), windowMs, max, Date.now());
    if (window === undefined) return undefined;
    return {
      ...API_HEADERS,
      'x-ratelimit-limit': max,
      'x-ratelimit-remaining': Math.max(0, max - window.current),
      'x-ratelimit-reset': Math.ceil(window.ttl / 1000),
      'content-type': CONTENT_TYPE,
      'content-length': length,
    };
  }

  /** True when answered here; false when the request is fastify's to answer. */
  function answer(caller: Caller, screener: Screener, response: ServerResponse, address: string): boolean {
    if (caller.kind !== 'member' || !hasRole(caller, screenRoute.role)) return false;
    const params = ScreenParams.safeParse({ address });
    if (!params.success) return false;
    const body = screenJson(screener.screen(params.data.address));
    const headers = headersOf(caller, Buffer.byteLength(body));
    if (headers === undefined) return false;
    response.writeHead(200, headers);
    response.end(body);
    return true;
  }

  /** `answer` after the store: a key not verified lately, a screener not yet built. */
  async function answered(
    request: IncomingMessage,
    response: ServerResponse,
    address: string,
  ): Promise<boolean> {
    const caller = await authenticateOnce(
      ctx.store,
      request,
      request.headers.authorization,
      request.socket.remoteAddress,
    );
    if (caller.kind !== 'member' || !hasRole(caller, screenRoute.role)) return false;
    return answer(caller, await screenerCacheOf(ctx).forCaller(caller), response, address);
  }

  return (request, response) => {
    const { authorization } = request.headers;
    const match =
      request.method === 'GET' &&
      authorization !== undefined &&
      request.headers['content-length'] === undefined &&
      request.headers['transfer-encoding'] === undefined &&
      !closing()
        ? SCREEN_URL.exec(request.url ?? '')
        : null;
    if (match === null) return framework(request, response);
    // The usual case, without a promise: a key verified lately (its secret checked again here), a
    // screener built. A refusal is never decided here: it is `authenticate`'s, audited once.
    const caller = cachedCaller(ctx.store, authorization!, Date.now());
    const screener = caller === undefined ? undefined : screenerCacheOf(ctx).readyFor(caller);
    if (screener !== undefined) {
      let done: boolean;
      try {
        done = answer(caller!, screener, response, match[1]!);
      } catch {
        done = response.headersSent;
      }
      if (!done) framework(request, response);
      return;
    }
    // A refused key (a rejection), a failed screening: fastify answers it, from the same verification.
    answered(request, response, match[1]!).then(
      (done) => {
        if (!done) framework(request, response);
      },
      () => {
        if (!response.headersSent) framework(request, response);
      },
    );
  };
}
