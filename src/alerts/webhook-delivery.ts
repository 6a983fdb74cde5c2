/**
 * Delivers one alert to an organisation's webhook: POST of the alert JSON, signed (webhook-signature.ts),
 * retried on network errors and non-2xx answers with exponential backoff. Each attempt is signed
 * afresh, so a late retry still carries a fresh timestamp.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BulwarkError, Errors } from '../errors/index.ts';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhook-signature.ts';
import { checkWebhookUrl, guardedLookup } from './webhook-target.ts';

export interface DeliveryOptions {
  /** Attempts in all (default 6: about a minute of retries with the default delay). */
  attempts?: number;
  /** First retry delay; doubled each time (default 1,000 ms). */
  baseDelayMs?: number;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  /**
   * Deliver to private, loopback and link-local addresses too (default false: see webhook-target.ts).
   * For a hub whose receivers sit on its own private network, and for tests.
   */
  allowPrivate?: boolean;
}

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  status?: number;
  error?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function deliverWebhook(
  target: { url: string; secret: string },
  deliveryId: string,
  body: string,
  o: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const attempts = o.attempts ?? 6;
  const base = o.baseDelayMs ?? 1000;
  let last: DeliveryResult = { ok: false, attempts: 0 };
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(base * 2 ** (i - 1));
    const ts = Math.floor(Date.now() / 1000);
    try {
      const headers = {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(target.secret, ts, body),
        [TIMESTAMP_HEADER]: String(ts),
        [DELIVERY_HEADER]: deliveryId,
      };
      const status = await postOnce(
        target.url,
        headers,
        body,
        o.timeoutMs ?? 10_000,
        o.allowPrivate === true,
      );
      const ok = status >= 200 && status < 300;
      last = { ok, attempts: i + 1, status };
      if (ok) return last;
    } catch (error) {
      last = { ok: false, attempts: i + 1, error: error instanceof Error ? error.message : String(error) };
      // a refused target stays refused: retrying would only knock on the private address again
      if (error instanceof BulwarkError && error.spec === Errors.WEBHOOK_TARGET) return last;
    }
  }
  return last;
}

/**
 * One POST; resolves with the status. Redirects are not followed (a 3xx is a failed attempt): a
 * redirect is another way to reach an address the guard refused.
 */
function postOnce(
  href: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  allowPrivate: boolean,
): Promise<number> {
  checkWebhookUrl(href, allowPrivate);
  const url = new URL(href);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(timeoutMs),
        ...(allowPrivate ? {} : { lookup: guardedLookup(href) }),
      },
      (res) => {
        res.resume(); // the answer's body is not used, but must be read for the socket to be reused
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
