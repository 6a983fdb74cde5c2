/**
 * Bitcoin freeze alerts end to end: `bulwark serve` as a separate process over a graph store that
 * `ingestBitcoin` fills from block files (generated blocks, then hand-made ones on top). Exchange A
 * registers a bech32m (P2TR) deposit wallet and a P2WPKH hot wallet, exchange B a wallet of its own.
 * Stolen coins move thief (P2PKH) → mule (P2SH) → A's deposit wallet; after the ingester commits
 * that block A — and only A — has the alert (satoshi, txid, height, the thief) over REST, SSE and the
 * signed webhook, with a sighting in the hub only A reads. After a restart that lost the taint
 * state, the rescan raises no alert twice.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { address as btcAddress, payments } from 'bitcoinjs-lib';
import { verifyWebhook } from '../../src/alerts/index.ts';
import { generateBlockFiles } from '../../src/chain/bitcoin/generate-blocks.ts';
import { ingestBitcoin, openGraph } from '../../src/chain/index.ts';
import { addOrganisation, createKey } from '../../src/hub/index.ts';
import { publishHeist } from '../../src/screen/taint/test-labels.ts';
import { openStore } from '../../src/store/index.ts';
import { tempDir } from '../support/temp-dir.ts';
import { type BuiltTx, block, transaction, writeBlockFile } from './bitcoin-blocks.ts';
import { readStream, type StreamEvents, startAlertHub, until, webhookReceiver } from './hub-client.ts';

const BTC = 1e8;
const FEE = 10_000;
const p2pkh = (b: number) => payments.p2pkh({ hash: Buffer.alloc(20, b) }).address!;
const THIEF = p2pkh(0xa1);
const MULE = payments.p2sh({ hash: Buffer.alloc(20, 0xa2) }).address!;
const MULE2 = payments.p2wsh({ hash: Buffer.alloc(32, 0xa3) }).address!;
const DEPOSIT_A = btcAddress.toBech32(Buffer.alloc(32, 0xa4), 1, 'bc');
const HOT_A = payments.p2wpkh({ hash: Buffer.alloc(20, 0xa5) }).address!;
const CHANGE = payments.p2sh({ hash: Buffer.alloc(20, 0xa6) }).address!;
const WALLET_B = payments.p2wpkh({ hash: Buffer.alloc(20, 0xb1) }).address!;
const MINER = p2pkh(0xc1);
const SECRET = 'whsec-0123456789abcdef-test';

interface AlertOut {
  id: string;
  status: string;
  chain: string;
  address: string;
  wallet_role: string;
  asset: string;
  amount: string;
  tx: string;
  block: number;
  sources: string[];
  sighting_ref: string;
}

describe('Bitcoin freeze alerts on ingested block files', { timeout: 120_000 }, () => {
  const dir = tempDir('bulwark-btc-alerts-');
  const blocksDir = join(dir.path, 'blocks');
  const graphDir = join(dir.path, 'chain');
  let api = '';
  let serve: ChildProcess | undefined;
  const keys = { a: '', b: '' };
  const ids = { a: '', indicator: '' };
  const { server: receiver, hooks } = webhookReceiver();
  const streams: AbortController[] = [];
  /** The chain's head: hash (internal byte order), height and time, as the next block builds on it. */
  const head: { hash: Buffer; height: number; time: number } = {
    hash: Buffer.alloc(32),
    height: -1,
    time: 0,
  };
  let files = 1;
  /** The first alert's id. */
  let first = '';

  const ingest = async () => {
    const writer = openGraph(graphDir);
    try {
      await ingestBitcoin({ graph: writer, blocksDir });
      const c = writer.bitcoin.c;
      head.hash = Buffer.from(c.blockHash.data.subarray((c.blocks - 1) * 32, c.blocks * 32));
      head.height = writer.bitcoin.heightOf(c.blocks - 1);
      head.time = c.blockTime.data[c.blocks - 1]!;
    } finally {
      writer.close();
    }
  };
  /** Writes one block file of blocks on the head, each a coinbase to MINER and `txs`, and ingests it. */
  const mine = async (...blocks: ((height: number) => BuiltTx[])[]) => {
    const records: Buffer[] = [];
    const made: { height: number; coinbase: BuiltTx; txs: BuiltTx[] }[] = [];
    let prev = head.hash;
    for (const [i, txsAt] of blocks.entries()) {
      const height = head.height + 1 + i;
      const coinbase = transaction([], [{ address: MINER, value: 50 * BTC }], height);
      const txs = txsAt(height);
      const b = block(prev, [coinbase, ...txs], head.time + 600 * (i + 1));
      records.push(b.record);
      prev = b.hash;
      made.push({ height, coinbase, txs });
    }
    writeBlockFile(blocksDir, files++, records);
    await ingest();
    return made;
  };
  const startServe = async () => {
    ({ serve, api } = await startAlertHub(dir.path));
  };
  const stopServe = async () => {
    const s = serve;
    serve = undefined;
    if (!s || s.exitCode !== null || s.signalCode !== null) return;
    // the hub saves its taint states on an orderly stop; a stuck one is killed after 10 s
    await new Promise((resolve) => {
      const kill = setTimeout(() => s.kill('SIGKILL'), 10_000);
      s.once('exit', () => resolve(clearTimeout(kill)));
      s.kill('SIGTERM');
    });
  };

  after(async () => {
    for (const s of streams) s.abort();
    await stopServe();
    await new Promise((resolve) => receiver.close(resolve));
    dir.remove();
  });

  before(async () => {
    // real-format blocks of random payments between standard scripts: the chain the theft lands on
    generateBlockFiles({ dir: blocksDir, transactions: 300, txPerBlock: 100, seed: 5 });
    await ingest();
    const store = await openStore({ data: dir.path });
    const publisher = await addOrganisation(store, 'Publisher');
    const a = await addOrganisation(store, 'Exchange A');
    await addOrganisation(store, 'Exchange B');
    ids.a = a.id;
    ids.indicator = await publishHeist(store, publisher.id, THIEF, 'Test Bitcoin heist');
    keys.a = (await createKey(store, { org: 'Exchange A', role: 'admin' })).key;
    keys.b = (await createKey(store, { org: 'Exchange B', role: 'admin' })).key;
    await store.close();
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    await startServe();
  });

  const call = (who: 'a' | 'b', path: string, init: RequestInit = {}) =>
    fetch(`${api}/api/v1${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${keys[who]}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
    });
  const register = (who: 'a' | 'b', body: Record<string, string>) =>
    call(who, '/wallets', { method: 'POST', body: JSON.stringify(body) });
  const alertsOf = async (who: 'a' | 'b') =>
    ((await (await call(who, '/alerts?status=all')).json()) as { alerts: AlertOut[] }).alerts;

  it('registers every standard encoding, normalised, and refuses malformed addresses naming the field', async () => {
    const reg = await register('a', { address: ` ${DEPOSIT_A.toUpperCase()} `, role: 'deposit' });
    assert.equal(reg.status, 201);
    assert.deepEqual(
      { ...((await reg.json()) as Record<string, string>), created_at: '' },
      { address: DEPOSIT_A, chain: 'bitcoin', role: 'deposit', created_at: '' },
    );
    assert.equal((await register('a', { address: HOT_A, role: 'hot', chain: 'bitcoin' })).status, 201);
    assert.equal((await register('b', { address: WALLET_B, role: 'hot' })).status, 201);

    const bad = [
      `${DEPOSIT_A.slice(0, -1)}${DEPOSIT_A.endsWith('q') ? 'p' : 'q'}`, // bech32m checksum
      `${THIEF.slice(0, -1)}${THIEF.endsWith('1') ? '2' : '1'}`, // base58 checksum
      btcAddress.toBech32(Buffer.alloc(20, 0xa5), 0, 'tb'), // testnet: the graph holds mainnet
      btcAddress.toBech32(Buffer.alloc(32, 0xa4), 0, 'bc').replace(/^bc1q/, 'BC1q'), // mixed case
    ];
    for (const address of bad) {
      const res = await register('a', { address, role: 'deposit' });
      assert.equal(res.status, 422, address);
      const body = (await res.json()) as { code: string; path?: string; detail?: string };
      assert.equal(body.code, 'BULWARK_E_BTC_ADDRESS_INVALID', address);
      assert.equal(body.path, 'address');
    }
    const asEthereum = await register('a', { address: DEPOSIT_A, role: 'deposit', chain: 'ethereum' });
    assert.equal(asEthereum.status, 400);
    assert.equal(((await asEthereum.json()) as { code: string }).code, 'BULWARK_E_BAD_REQUEST');

    assert.equal((await call('a', `/wallets/${DEPOSIT_A.toUpperCase()}`)).status, 200);
    assert.equal((await call('b', `/wallets/${DEPOSIT_A}`)).status, 404, "B cannot see A's registration");
    const listed = (await (await call('a', '/wallets')).json()) as { wallets: { address: string }[] };
    assert.deepEqual(listed.wallets.map((w) => w.address).sort(), [DEPOSIT_A, HOT_A].sort());
  });

  it('reaches exchange A only, over REST, SSE and a signed webhook, with the satoshi, txid, height and thief', async () => {
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const put = await call('a', '/admin/webhook', {
      method: 'PUT',
      body: JSON.stringify({ url: hook, secret: SECRET }),
    });
    assert.equal(put.status, 200);
    const sse: Record<'a' | 'b', StreamEvents> = {
      a: { comments: [], alerts: [] },
      b: { comments: [], alerts: [] },
    };
    for (const who of ['a', 'b'] as const) {
      const abort = new AbortController();
      streams.push(abort);
      const res = await call(who, '/alerts/stream', { signal: abort.signal });
      assert.equal(res.status, 200);
      readStream(res, sse[who]);
    }

    // the theft (all the thief receives is flagged), then thief → mule, in the next block
    const [theft] = await mine(() => []);
    const thiefCoin = transaction([], [{ address: THIEF, value: 50 * BTC }], theft!.height);
    const [, laundering] = await mine(
      () => [thiefCoin],
      () => [
        transaction(
          [thiefCoin.coin(0)],
          [
            { address: MULE, value: 30 * BTC },
            { address: THIEF, value: 20 * BTC - FEE },
          ],
        ),
      ],
    );
    const toMule = laundering!.txs[0]!;
    await until('the hub to read the laundering block', async () => {
      const screen = (await (await call('a', `/screen/${MULE}`)).json()) as {
        reasons: { kind: string; pending?: boolean }[];
      };
      return screen.reasons.some((r) => r.kind === 'indirect' && !r.pending) ? true : undefined;
    });
    assert.deepEqual(await alertsOf('a'), [], 'no registered wallet reached yet');

    // mule → A's deposit wallet (and change); a clean payment to B's wallet in the same block
    const [deposit] = await mine(() => [
      transaction(
        [toMule.coin(0)],
        [
          { address: MULE2, value: 10 * BTC - FEE },
          { address: DEPOSIT_A, value: 20 * BTC },
        ],
      ),
      transaction(
        [laundering!.coinbase.coin(0)],
        [
          { address: WALLET_B, value: 1 * BTC },
          { address: MINER, value: 49 * BTC - FEE },
        ],
      ),
    ]);
    const alerts = await until('the REST alert', async () => {
      const list = await alertsOf('a');
      return list.length > 0 ? list : undefined;
    });
    assert.equal(alerts.length, 1);
    const alert = alerts[0]!;
    assert.equal(alert.chain, 'bitcoin');
    assert.equal(alert.address, DEPOSIT_A);
    assert.equal(alert.wallet_role, 'deposit');
    assert.equal(alert.asset, 'BTC');
    // the mule's 30 BTC were all stolen: the 20 BTC output carries 20 BTC of it, to the satoshi
    assert.equal(alert.amount, String(20 * BTC));
    assert.equal(alert.tx, deposit!.txs[0]!.id);
    assert.equal(alert.block, deposit!.height);
    assert.deepEqual(alert.sources, [THIEF]);
    assert.equal(alert.status, 'open');

    const streamed = await until('the SSE alert', async () => sse.a.alerts[0]);
    assert.equal(streamed.id, alert.id);
    const delivered = await until('the webhook', async () => hooks[0]);
    const signature = delivered.headers['x-bulwark-signature'] as string;
    const timestamp = delivered.headers['x-bulwark-timestamp'] as string;
    assert.ok(verifyWebhook(SECRET, { signature, timestamp }, delivered.body), 'the HMAC verifies');
    assert.deepEqual(JSON.parse(delivered.body), alert, 'the webhook carries the alert as REST lists it');
    first = alert.id;

    const page = (await (await call('a', `/objects/${alert.sighting_ref}`)).json()) as {
      object: Record<string, unknown>;
      tlp: string;
    };
    assert.equal(page.object.type, 'sighting');
    assert.equal(page.tlp, 'amber+strict');
    assert.equal(page.object.sighting_of_ref, ids.indicator);
    assert.deepEqual(page.object.where_sighted_refs, [ids.a]);
    assert.match(String(page.object.description), new RegExp(`${DEPOSIT_A}.*${alert.tx}`));
    assert.equal((await call('b', `/objects/${alert.sighting_ref}`)).status, 404);

    // B: nothing to read, nothing streamed, nothing delivered
    assert.deepEqual(await alertsOf('b'), []);
    assert.equal((await call('b', `/alerts/${alert.id}`)).status, 404);
    assert.deepEqual(sse.b.alerts, []);
    assert.equal(hooks.length, 1, 'one delivery, to A');
  });

  it('after a restart that lost the taint state, the rescan raises no alert twice', async () => {
    for (const s of streams) s.abort();
    await stopServe();
    const states = join(graphDir, 'taint');
    const saved = readdirSync(states).filter((f) => f.endsWith('.state'));
    assert.ok(saved.length > 0, 'the state was saved on close');
    for (const f of saved) rmSync(join(states, f));
    // while the hub is down: the second mule pays A's deposit wallet again
    const mule2Coin = await findCoin(MULE2);
    const [again] = await mine(() => [
      transaction(
        [mule2Coin],
        [
          { address: DEPOSIT_A, value: 5 * BTC },
          { address: CHANGE, value: mule2Coin.value - 5 * BTC - FEE },
        ],
      ),
    ]);
    await startServe();
    // the engine reads the whole chain again in one poll, the first arrival before the new one
    const alerts = await until('the alert for the new payment', async () => {
      const list = await alertsOf('a');
      return list.length > 1 ? list : undefined;
    });
    assert.equal(alerts.length, 2, 'the first arrival, read again, was not raised again');
    assert.equal(alerts[1]!.id, first);
    assert.equal(alerts[0]!.tx, again!.txs[0]!.id);
    assert.equal(alerts[0]!.amount, String(5 * BTC));
    assert.equal(alerts[0]!.block, again!.height);
    await until('the second delivery', async () => (hooks.length >= 2 ? true : undefined));
    assert.deepEqual(
      hooks.map((h) => (JSON.parse(h.body) as { id: string }).id).sort(),
      alerts.map((a) => a.id).sort(),
    );
  });

  /** The unspent output paying `address` (one in this chain), as a coin to spend. */
  async function findCoin(address: string) {
    const g = openGraph(graphDir, { readonly: true });
    try {
      const id = g.addressId(address);
      const row = g.inEdges(id)[0]!;
      const c = g.bitcoin.c;
      const tx = c.rowTx.data[row]!;
      return {
        txid: Buffer.from(c.txHash.data.subarray(tx * 32, tx * 32 + 32)),
        vout: row - c.txOut.data[tx]!,
        value: c.rowValue.data[row]!,
      };
    } finally {
      g.close();
    }
  }
});
