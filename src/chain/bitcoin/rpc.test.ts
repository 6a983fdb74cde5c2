import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { BulwarkError } from '../../errors/index.ts';
import { openGraph } from '../graph/graph.ts';
import { canonical, DATA, mainnet0to255, writeBlk } from '../graph/test-blocks.ts';
import { ingestBitcoin } from './ingest.ts';
import { parseBlockJson } from './rpc-json.ts';

type Block = { hash: string; height: number; tx: { hex: string }[] };
const blocks = JSON.parse(readFileSync(new URL('getblock-0-255.json', DATA), 'utf8')) as Block[];

/** A JSON-RPC endpoint answering from the fixture, as bitcoind would; `tip` limits what it has. */
async function fixtureNode(
  tip: { height: number },
  tamper?: (b: Block) => unknown,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      const calls = JSON.parse(body) as { id: number; method: string; params: unknown[] }[];
      const answers = calls.map(({ id, method, params }) => {
        if (method === 'getblockcount') return { id, result: tip.height, error: null };
        if (method === 'getblockhash') return { id, result: blocks[params[0] as number]!.hash, error: null };
        const b = blocks.find((x) => x.hash === params[0])!;
        return { id, result: tamper ? tamper(b) : b, error: null };
      });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answers));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://user:secret@127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

test('getblock JSON rebuilds every block byte for byte: hash and txids check out', () => {
  for (const b of blocks) assert.equal(parseBlockJson(b).hashHex(), b.hash);
});

test('ingestion over RPC in batches gives the same store as the block files, and resumes from its head', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const tip = { height: 100 };
  const { url, server } = await fixtureNode(tip);
  t.after(() => server.close());
  const g = openGraph(join(tmp.path, 'rpc'));
  const first = await ingestBitcoin({ graph: g, rpc: url });
  assert.equal(first.head, 100);
  tip.height = 255;
  const second = await ingestBitcoin({ graph: g, rpc: url });
  assert.equal(second.blocks, 155);
  assert.equal(second.head, 255);
  writeBlk(join(tmp.path, 'blocks'), 0, mainnet0to255());
  const f = openGraph(join(tmp.path, 'files'));
  await ingestBitcoin({ graph: f, blocksDir: join(tmp.path, 'blocks') });
  assert.deepEqual(canonical(g), canonical(f));
  g.close();
  f.close();
});

test('a node answering inconsistent JSON fails with BTC_RPC_ERROR and stores nothing', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const { url, server } = await fixtureNode({ height: 5 }, (b) => ({ ...b, nonce: 1 }));
  t.after(() => server.close());
  const g = openGraph(tmp.path);
  await assert.rejects(
    ingestBitcoin({ graph: g, rpc: url }),
    (e: unknown) => e instanceof BulwarkError && e.code === 'BULWARK_E_BTC_RPC_ERROR',
  );
  g.close();
  assert.equal(openGraph(tmp.path, { readonly: true }).stats().chains.bitcoin.blocks, 0);
});

test('an unreachable node fails with BTC_RPC_UNAVAILABLE', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const { url, server } = await fixtureNode({ height: 0 });
  await new Promise((resolve) => server.close(resolve));
  const g = openGraph(tmp.path);
  await assert.rejects(
    ingestBitcoin({ graph: g, rpc: url }),
    (e: unknown) => e instanceof BulwarkError && e.code === 'BULWARK_E_BTC_RPC_UNAVAILABLE',
  );
  g.close();
});
