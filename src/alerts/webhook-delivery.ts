/**
 * Delivers one alert to an organisation's webhook: POST of the alert JSON, signed (webhook-signature.ts),
 * retried on network errors and non-2xx answers with exponential backoff. Each attempt is signed
 * afresh, so a late retry still carries a fresh timestamp.
 */
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhook-signature.ts';

export interface DeliveryOptions {
  /** Attempts in all (default 6: about a minute of retries with the default delay). */
  attempts?: number;
  /** First retry delay; doubled each time (default 1,000 ms). */
  baseDelayMs?: number;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
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
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signWebhook(target.secret, ts, body),
          [TIMESTAMP_HEADER]: String(ts),
          [DELIVERY_HEADER]: deliveryId,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      last = { ok: response.ok, attempts: i + 1, status: response.status };
      if (response.ok) return last;
    } catch (error) {
      last = { ok: false, attempts: i + 1, error: error instanceof Error ? error.message : String(error) };
    }
  }
  return last;
}
