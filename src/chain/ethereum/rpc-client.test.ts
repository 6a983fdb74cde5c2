import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { isBulwarkError } from '../../errors/index.ts';
import { freePort } from './anvil-process.ts';
import { RpcClient } from './rpc-client.ts';

type Handler = (body: unknown, req: IncomingMessage, res: ServerResponse, n: number) => void;

/** A real HTTP server on loopback whose answers the test chooses, to play a faulty node. */
async function node(t: TestContext, handler: Handler): Promise<{ url: string; hits: () => number }> {
  let n = 0;
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => {
      text += c.toString();
    });
    req.on('end', () => handler(JSON.parse(text), req, res, n++));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => n };
}

function echo(body: unknown, res: ServerResponse): void {
  const answer = (c: { id: number; method: string }) => ({ jsonrpc: '2.0', id: c.id, result: c.method });
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(Array.isArray(body) ? body.map(answer).reverse() : answer(body as never)));
}

async function rejects(promise: Promise<unknown>, code: string, includes?: string): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isBulwarkError(error), `not a BulwarkError: ${String(error)}`);
    assert.equal(error.code, code);
    if (includes) assert.ok(error.message.includes(includes), error.message);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('RpcClient', () => {
  it('splits a long call list into batch arrays and puts answers back in order', async (t) => {
    const sizes: number[] = [];
    const { url } = await node(t, (body, _req, res) => {
      sizes.push(Array.isArray(body) ? body.length : 1);
      echo(body, res);
    });
    const rpc = new RpcClient({ url, maxBatch: 4, concurrency: 2 });
    const methods = Array.from({ length: 10 }, (_, i) => `m${i}`);
    assert.deepEqual(await rpc.batch(methods.map((method) => ({ method, params: [] }))), methods);
    assert.deepEqual(sizes.sort(), [2, 4, 4]);
  });

  it('retries 503 and 429 answers with backoff, then succeeds', async (t) => {
    const { url, hits } = await node(t, (body, _req, res, n) => {
      if (n < 2) {
        res.statusCode = n === 0 ? 503 : 429;
        return res.end('busy');
      }
      echo(body, res);
    });
    const rpc = new RpcClient({ url, backoffMs: 5 });
    assert.equal(await rpc.call('eth_blockNumber'), 'eth_blockNumber');
    assert.equal(hits(), 3);
  });

  it('gives up after the retries with ETH_RPC_UNAVAILABLE', async (t) => {
    const { url, hits } = await node(t, (_b, _r, res) => {
      res.statusCode = 502;
      res.end();
    });
    await rejects(
      new RpcClient({ url, backoffMs: 1, retries: 2 }).call('eth_chainId'),
      'BULWARK_E_ETH_RPC_UNAVAILABLE',
      'eth_chainId',
    );
    assert.equal(hits(), 3);
  });

  it('times out a node that never answers', async (t) => {
    const { url } = await node(t, () => {});
    const error = await rejects(
      new RpcClient({ url, timeoutMs: 50, retries: 1, backoffMs: 1 }).call('eth_getBlockByNumber'),
      'BULWARK_E_ETH_RPC_UNAVAILABLE',
      'no answer within 50 ms',
    );
    assert.ok(error.message.includes('eth_getBlockByNumber'));
  });

  it('reports malformed JSON without retrying', async (t) => {
    const { url, hits } = await node(t, (_b, _r, res) => res.end('{"jsonrpc":"2.0","id":1,"result":'));
    await rejects(new RpcClient({ url }).call('eth_chainId'), 'BULWARK_E_ETH_RPC_MALFORMED', 'not JSON');
    assert.equal(hits(), 1);
  });

  it('reports a batch answered without one of its ids as malformed', async (t) => {
    const { url } = await node(t, (body, _r, res) =>
      res.end(JSON.stringify([{ jsonrpc: '2.0', id: (body as { id: number }[])[0]?.id, result: 1 }])),
    );
    await rejects(
      new RpcClient({ url }).batch([
        { method: 'a', params: [] },
        { method: 'b', params: [] },
      ]),
      'BULWARK_E_ETH_RPC_MALFORMED',
      'no answer for request id',
    );
  });

  it('turns a JSON-RPC error into ETH_RPC_ERROR naming the method, and settle keeps it as an outcome', async (t) => {
    const { url } = await node(t, (body, _r, res) => {
      const call = body as { id: number };
      res.end(
        JSON.stringify({ jsonrpc: '2.0', id: call.id, error: { code: -32601, message: 'Method not found' } }),
      );
    });
    const rpc = new RpcClient({ url });
    await rejects(rpc.call('trace_block', ['latest']), 'BULWARK_E_ETH_RPC_ERROR', 'trace_block');
    assert.deepEqual(await rpc.settle([{ method: 'trace_block', params: [] }]), [
      { ok: false, code: -32601, message: 'Method not found' },
    ]);
  });

  it('sends URL credentials as HTTP Basic and never puts them in an error', async (t) => {
    let seen = '';
    const { url } = await node(t, (_b, req, res) => {
      seen = req.headers.authorization ?? '';
      res.statusCode = 401;
      res.end();
    });
    const secretUrl = url.replace('http://', 'http://alice:s3cr3t-pass@');
    const error = await rejects(
      new RpcClient({ url: secretUrl }).call('eth_chainId'),
      'BULWARK_E_ETH_RPC_ERROR',
      'HTTP 401',
    );
    const everything = JSON.stringify(isBulwarkError(error) ? error.toJSON() : error) + error.message;
    assert.ok(!everything.includes('s3cr3t-pass') && !everything.includes('alice'), everything);
    assert.equal(seen, `Basic ${Buffer.from('alice:s3cr3t-pass').toString('base64')}`);
  });

  it('reports a refused connection after its retries', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    await rejects(
      new RpcClient({ url, retries: 1, backoffMs: 1 }).call('eth_chainId'),
      'BULWARK_E_ETH_RPC_UNAVAILABLE',
      'ECONNREFUSED',
    );
  });
});
