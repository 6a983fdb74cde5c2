import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { deliverWebhook } from './webhook-delivery.ts';
import { signWebhook, verifyWebhook } from './webhook-signature.ts';

describe('webhook signatures', () => {
  it('verify for the secret, timestamp and body signed, and for nothing else', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 16 }), fc.string(), fc.string(), (secret, body, other) => {
        const now = 1_800_000_000;
        const signature = signWebhook(secret, now, body);
        assert.ok(verifyWebhook(secret, { signature, timestamp: String(now) }, body, now));
        if (other !== body)
          assert.ok(!verifyWebhook(secret, { signature, timestamp: String(now) }, other, now));
        assert.ok(!verifyWebhook(`${secret}x`, { signature, timestamp: String(now) }, body, now));
        // the timestamp is signed: moving it breaks the signature
        assert.ok(!verifyWebhook(secret, { signature, timestamp: String(now + 1) }, body, now));
      }),
    );
  });

  it('refuse a replay older than the tolerance', () => {
    const signature = signWebhook('0123456789abcdef', 1000, '{}');
    assert.ok(verifyWebhook('0123456789abcdef', { signature, timestamp: '1000' }, '{}', 1200, 300));
    assert.ok(!verifyWebhook('0123456789abcdef', { signature, timestamp: '1000' }, '{}', 1301, 300));
    assert.ok(!verifyWebhook('0123456789abcdef', { signature, timestamp: undefined }, '{}', 1000));
  });
});

describe('webhook delivery', () => {
  it('retries failures with backoff until the receiver accepts, each attempt signed afresh', async (t) => {
    const seen: { status: number; ok: boolean }[] = [];
    let calls = 0;
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (d: string) => {
        body += d;
      });
      req.on('end', () => {
        calls++;
        const ok = verifyWebhook(
          'secret-0123456789',
          {
            signature: req.headers['x-bulwark-signature'] as string,
            timestamp: req.headers['x-bulwark-timestamp'] as string,
          },
          body,
        );
        const status = calls < 3 ? 503 : 200;
        seen.push({ status, ok });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const result = await deliverWebhook({ url, secret: 'secret-0123456789' }, 'alert-1', '{"id":"alert-1"}', {
      attempts: 5,
      baseDelayMs: 10,
    });
    assert.deepEqual(result, { ok: true, attempts: 3, status: 200 });
    assert.deepEqual(
      seen.map((s) => s.ok),
      [true, true, true],
    );
  });

  it('gives up after the last attempt and says why', async () => {
    const result = await deliverWebhook({ url: 'http://127.0.0.1:9/', secret: 's' }, 'a', '{}', {
      attempts: 2,
      baseDelayMs: 5,
    });
    assert.equal(result.ok, false);
    assert.equal(result.attempts, 2);
    assert.ok(result.error);
  });
});
