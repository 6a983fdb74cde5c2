/**
 * Freeze alerts end to end: a real anvil, `bulwark serve` and `bulwark ingest ethereum` as separate
 * processes, an exchange's private deposit wallet, a webhook receiver verifying the HMAC. Stolen
 * ether moves attacker → mule → deposit wallet; after the ingester commits that block (and no later
 * one) the exchange — and no other organisation — has the alert over REST, SSE and the webhook, and
 * a sighting in the hub only it can read.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { verifyWebhook } from '../../src/alerts/index.ts';
import { RpcClient } from '../../src/chain/ethereum/rpc-client.ts';
import { ChainDriver } from '../../src/chain/ethereum/scenario/driver.ts';
import { addOrganisation, createKey } from '../../src/hub/index.ts';
import { publishHeist } from '../../src/screen/taint/test-labels.ts';
import { openStore } from '../../src/store/index.ts';
import { requireAnvil } from '../support/anvil.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';
import { readStream, startAlertHub, until, webhookReceiver } from './hub-client.ts';

const ETH = 10n ** 18n;
const VICTIM = '0x1000000000000000000000000000000000000001';
const ATTACKER = '0x2000000000000000000000000000000000000002';
const MULE = '0x3000000000000000000000000000000000000003';
const DEPOSIT = '0x4000000000000000000000000000000000000004';
const OTHER_WALLET = '0x5000000000000000000000000000000000000005';
const SECRET = 'whsec-0123456789abcdef-test';

describe('freeze alerts on a real chain', () => {
  const dir = tempDir('bulwark-alerts-e2e-');
  let url = '';
  let api = '';
  let serve: ChildProcess | undefined;
  let driver: ChainDriver;
  const keys = { a: '', b: '' };
  const ids = { a: '', indicator: '' };
  const { server: receiver, hooks } = webhookReceiver();
  const streams: AbortController[] = [];

  after(async () => {
    for (const s of streams) s.abort();
    serve?.kill('SIGTERM');
    await new Promise((resolve) => receiver.close(resolve));
    dir.remove();
  });

  before(async (t) => {
    const node = await requireAnvil(t, { args: ['--block-base-fee-per-gas', '0'] });
    if (!node) return;
    url = node.url;
    const rpc = new RpcClient({ url });
    await rpc.call('anvil_autoImpersonateAccount', [true]);
    await rpc.call('anvil_setBalance', [VICTIM, `0x${(1000n * ETH).toString(16)}`]);
    driver = new ChainDriver(rpc, 0n);

    const store = await openStore({ data: dir.path });
    const publisher = await addOrganisation(store, 'Publisher');
    const a = await addOrganisation(store, 'Exchange A');
    await addOrganisation(store, 'Exchange B');
    ids.a = a.id;
    ids.indicator = await publishHeist(store, publisher.id, ATTACKER, 'Test heist');
    keys.a = (await createKey(store, { org: 'Exchange A', role: 'admin' })).key;
    keys.b = (await createKey(store, { org: 'Exchange B', role: 'admin' })).key;
    await store.close();

    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    ({ serve, api } = await startAlertHub(dir.path));
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
  const ingest = async (toBlock: number) => {
    const r = await runCli([
      'ingest',
      'ethereum',
      '--rpc',
      url,
      '--data',
      dir.path,
      '--to-block',
      String(toBlock),
    ]);
    assert.equal(r.code, 0, r.stderr);
  };

  it('reaches the exchange, only it, over REST, SSE and a signed webhook, within the block, with a private sighting', async (t) => {
    if (!url) return t.skip('no anvil');
    // registration and webhook through the REST API, privately
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    assert.equal(
      (
        await call('a', '/admin/webhook', {
          method: 'PUT',
          body: JSON.stringify({ url: hook, secret: SECRET }),
        })
      ).status,
      200,
    );
    const reg = await call('a', '/wallets', {
      method: 'POST',
      body: JSON.stringify({ address: DEPOSIT, role: 'deposit' }),
    });
    assert.equal(reg.status, 201);
    assert.equal(
      (
        await call('b', '/wallets', {
          method: 'POST',
          body: JSON.stringify({ address: OTHER_WALLET, role: 'hot' }),
        })
      ).status,
      201,
    );
    assert.equal((await call('a', `/wallets/${DEPOSIT}`)).status, 200);
    assert.equal((await call('b', `/wallets/${DEPOSIT}`)).status, 404, "B cannot see A's registration");
    assert.deepEqual(
      ((await (await call('b', '/wallets')).json()) as { wallets: { address: string }[] }).wallets.map(
        (w) => w.address,
      ),
      [OTHER_WALLET],
    );

    const sse = {
      a: { comments: [] as string[], alerts: [] as { id: string }[] },
      b: { comments: [] as string[], alerts: [] as { id: string }[] },
    };
    for (const who of ['a', 'b'] as const) {
      const abort = new AbortController();
      streams.push(abort);
      const res = await call(who, '/alerts/stream', { signal: abort.signal });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
      readStream(res, sse[who]);
    }

    const theft = await driver.send({ from: VICTIM, to: ATTACKER, value: 100n * ETH });
    await driver.send({ from: ATTACKER, to: MULE, value: 50n * ETH });
    await ingest(theft.blockNumber + 1);
    const deposit = await driver.send({ from: MULE, to: DEPOSIT, value: 20n * ETH });
    await driver.send({ from: VICTIM, to: OTHER_WALLET, value: 1n * ETH }); // clean value to B's wallet
    await ingest(deposit.blockNumber); // the deposit's block, and no later one

    type AlertOut = {
      id: string;
      status: string;
      address: string;
      wallet_role: string;
      asset: string;
      amount: string;
      tx: string;
      block: number;
      sources: string[];
      sighting_ref: string;
    };
    const alerts = await until('the REST alert', async () => {
      const body = (await (await call('a', '/alerts?status=all')).json()) as { alerts: AlertOut[] };
      return body.alerts.length > 0 ? body.alerts : undefined;
    });
    assert.equal(alerts.length, 1);
    const alert = alerts[0]!;
    assert.equal(alert.address, DEPOSIT);
    assert.equal(alert.wallet_role, 'deposit');
    assert.equal(alert.asset, 'ETH');
    assert.equal(alert.tx, deposit.hash);
    assert.equal(alert.block, deposit.blockNumber);
    assert.deepEqual(alert.sources, [ATTACKER]);
    assert.equal(alert.status, 'open');
    const off = Number(BigInt(alert.amount) - 20n * ETH) / Number(20n * ETH);
    assert.ok(Math.abs(off) < 1e-9, `amount ${alert.amount}`);

    const streamed = await until('the SSE alert', async () => sse.a.alerts[0]);
    assert.equal(streamed.id, alert.id);
    assert.ok(sse.a.comments.includes('connected'));
    const delivered = await until('the webhook', async () => hooks[0]);
    const signature = delivered.headers['x-bulwark-signature'] as string;
    const timestamp = delivered.headers['x-bulwark-timestamp'] as string;
    assert.match(signature, /^sha256=[0-9a-f]{64}$/);
    assert.ok(verifyWebhook(SECRET, { signature, timestamp }, delivered.body), 'the HMAC verifies');
    assert.ok(!verifyWebhook('another-secret-0123', { signature, timestamp }, delivered.body));
    assert.ok(!verifyWebhook(SECRET, { signature, timestamp }, delivered.body.replace('deposit', 'hot')));
    assert.equal((JSON.parse(delivered.body) as { id: string }).id, alert.id);

    // the sighting: in the hub, of the heist indicator, where sighted the exchange, only for it
    const page = (await (await call('a', `/objects/${alert.sighting_ref}`)).json()) as {
      object: Record<string, unknown>;
      tlp: string;
    };
    const sighting = page.object;
    assert.equal(sighting.type, 'sighting');
    assert.equal(page.tlp, 'amber+strict');
    assert.equal(sighting.sighting_of_ref, ids.indicator);
    assert.deepEqual(sighting.where_sighted_refs, [ids.a]);
    const sightingsOf = async (who: 'a' | 'b') =>
      (
        (await (await call(who, `/objects/${ids.indicator}`)).json()) as { sightings: { id: string }[] }
      ).sightings.map((x) => x.id);
    assert.deepEqual(await sightingsOf('a'), [alert.sighting_ref]);
    assert.deepEqual(await sightingsOf('b'), [], 'the public indicator shows B no sighting');
    assert.equal((await call('b', `/objects/${alert.sighting_ref}`)).status, 404);

    // the other organisation: nothing to read, nothing streamed, nothing to acknowledge
    assert.deepEqual(
      ((await (await call('b', '/alerts?status=all')).json()) as { alerts: unknown[] }).alerts,
      [],
    );
    assert.equal((await call('b', `/alerts/${alert.id}`)).status, 404);
    assert.equal((await call('b', `/alerts/${alert.id}/acknowledge`, { method: 'POST' })).status, 404);
    assert.deepEqual(sse.b.alerts, []);
    assert.equal(hooks.length, 1, 'one delivery, to A');

    // screening sees the deposit wallet's exposure (a lookup in the same taint state)
    const screen = (await (await call('a', `/screen/${DEPOSIT}`)).json()) as {
      risk: string;
      reasons: { kind: string }[];
    };
    assert.ok(screen.reasons.some((r) => r.kind === 'indirect'));
    assert.equal(screen.risk, 'high');

    const acked = (await (
      await call('a', `/alerts/${alert.id}/acknowledge`, { method: 'POST' })
    ).json()) as AlertOut;
    assert.equal(acked.status, 'acknowledged');
    assert.deepEqual(((await (await call('a', '/alerts')).json()) as { alerts: unknown[] }).alerts, []);
    const cli = await runCli([
      'alerts',
      '--org',
      'Exchange A',
      '--status',
      'all',
      '--json',
      '--data',
      dir.path,
    ]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal((JSON.parse(cli.stdout.trim()) as { id: string }).id, alert.id);
  });
});
