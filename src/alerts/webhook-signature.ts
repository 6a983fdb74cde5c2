/**
 * Webhook signatures: HMAC-SHA256 with the organisation's secret over `<timestamp>.<raw body>`, sent
 * as `X-Bulwark-Signature: sha256=<hex>` with `X-Bulwark-Timestamp` (Unix seconds). Signing the
 * timestamp with the body lets a receiver refuse a replayed delivery by its age.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-bulwark-signature';
export const TIMESTAMP_HEADER = 'x-bulwark-timestamp';
export const DELIVERY_HEADER = 'x-bulwark-delivery';
/** Deliveries older (or newer) than this are refused by `verifyWebhook`. */
export const DEFAULT_TOLERANCE_S = 300;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** True when `signature` is the secret's over this timestamp and body, and the timestamp is fresh. */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  nowS = Math.floor(Date.now() / 1000),
  toleranceS = DEFAULT_TOLERANCE_S,
): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isSafeInteger(ts) || Math.abs(nowS - ts) > toleranceS || headers.signature === undefined)
    return false;
  const want = Buffer.from(signWebhook(secret, ts, body));
  const got = Buffer.from(headers.signature);
  return want.length === got.length && timingSafeEqual(want, got);
}
