import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { deliverWebhook } from './webhook-delivery.ts';
import { signWebhook, verifyWebhook } from './webhook-signature.ts';
import { checkWebhookUrl, isPrivateAddress } from './webhook-target.ts';

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
      allowPrivate: true,
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
      allowPrivate: true,
    });
    assert.equal(result.ok, false);
    assert.equal(result.attempts, 2);
    assert.ok(result.error);
  });
});

describe('webhook targets (server-side request forgery)', () => {
  it('refuse loopback, private, link-local and mapped addresses, never sending a byte, and do not retry', async (t) => {
    let calls = 0;
    const server = createServer((_req, res) => {
      calls++;
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());
    const port = (server.address() as AddressInfo).port;
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
    ]) {
      const result = await deliverWebhook({ url, secret: 'secret-0123456789' }, 'a', '{}', {
        attempts: 3,
        baseDelayMs: 5,
      });
      assert.equal(result.ok, false, url);
      assert.equal(result.attempts, 1, `${url}: a refused target is not retried`);
      assert.match(result.error ?? '', /not a public address/, url);
    }
    assert.equal(calls, 0, 'the receiver on loopback was never reached');
  });

  it('are checked when set: literal private hosts and localhost names are refused with a hint', () => {
    for (const url of [
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data/',
      'https://[fd00::1]/x',
      'https://[::1]:8443/',
      'http://LOCALHOST./a',
      'http://api.localhost/',
    ]) {
      assert.throws(() => checkWebhookUrl(url, false), /not a public address/, url);
      assert.doesNotThrow(() => checkWebhookUrl(url, true), url);
    }
    assert.doesNotThrow(() => checkWebhookUrl('https://hooks.example.org/bulwark', false));
    assert.doesNotThrow(() => checkWebhookUrl('https://93.184.215.14/x', false));
  });

  it('classify every IPv4 address as in the special-purpose ranges, or public, and IPv4-mapped IPv6 alike', () => {
    const inRange = (ip: number[], net: number[], bits: number) => {
      const v = (a: number[]) => ((a[0]! << 24) | (a[1]! << 16) | (a[2]! << 8) | a[3]!) >>> 0;
      return bits === 0 || v(ip) >>> (32 - bits) === v(net) >>> (32 - bits);
    };
    const ranges: [number[], number][] = [
      [[0, 0, 0, 0], 8],
      [[10, 0, 0, 0], 8],
      [[100, 64, 0, 0], 10],
      [[127, 0, 0, 0], 8],
      [[169, 254, 0, 0], 16],
      [[172, 16, 0, 0], 12],
      [[192, 0, 0, 0], 24],
      [[192, 0, 2, 0], 24],
      [[192, 168, 0, 0], 16],
      [[198, 18, 0, 0], 15],
      [[198, 51, 100, 0], 24],
      [[203, 0, 113, 0], 24],
      [[224, 0, 0, 0], 4],
      [[240, 0, 0, 0], 4],
    ];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), (ip) => {
        const expected = ranges.some(([net, bits]) => inRange(ip, net, bits));
        const dotted = ip.join('.');
        assert.equal(isPrivateAddress(dotted), expected, dotted);
        assert.equal(isPrivateAddress(`::ffff:${dotted}`), expected, `::ffff:${dotted}`);
        const hex = (a: number, b: number) => ((a << 8) | b).toString(16);
        assert.equal(isPrivateAddress(`::ffff:${hex(ip[0]!, ip[1]!)}:${hex(ip[2]!, ip[3]!)}`), expected);
      }),
    );
    assert.equal(isPrivateAddress('2606:4700::1111'), false);
    assert.equal(isPrivateAddress('fe80::1'), true);
    assert.equal(isPrivateAddress('not-an-address'), true);
  });
});
