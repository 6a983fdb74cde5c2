/**
 * Alert latency after ingestion: `node src/alerts/scripts/alert-latency.ts [DEPOSITS]`. A real anvil,
 * an in-process store and alert engine (default 250 ms poll), an ingester committing one block at a
 * time; for each deposit of stolen ether into a registered wallet, the time from the ingester's
 * commit to the alert on the organisation's bus. Baseline in the same run: the time to ingest and
 * commit that block. Prints medians and p99 with the load average.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { RpcClient } from '../../chain/ethereum/rpc-client.ts';
import { ChainDriver } from '../../chain/ethereum/scenario/driver.ts';
import { ethereum, openGraph } from '../../chain/index.ts';
import { addOrganisation } from '../../hub/index.ts';
import { TaintRegistry } from '../../screen/index.ts';
import { publishHeist } from '../../screen/taint/test-labels.ts';
import { openStore } from '../../store/index.ts';
import { AlertEngine } from '../alert-engine.ts';
import { registerWallet } from '../wallets.ts';

const ETH = 10n ** 18n;
const n = Number(process.argv[2] ?? 30);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

const dir = tempDir('bulwark-alert-latency-');
const node = await ethereum.startAnvil({ args: ['--block-base-fee-per-gas', '0'] });
try {
  const rpc = new RpcClient({ url: node.url });
  await rpc.call('anvil_autoImpersonateAccount', [true]);
  const attacker = `0x${'a1'.repeat(20)}`;
  const victim = `0x${'c3'.repeat(20)}`;
  await rpc.call('anvil_setBalance', [victim, `0x${(1000n * ETH).toString(16)}`]);
  const driver = new ChainDriver(rpc, 0n);
  // the theft is on chain: taint starts with what the attacker receives there
  await driver.send({ from: victim, to: attacker, value: 500n * ETH });
  const store = await openStore({ data: dir.path });
  const publisher = await addOrganisation(store, 'Publisher');
  const exchange = await addOrganisation(store, 'Exchange');
  await publishHeist(store, publisher.id, attacker, 'Bench heist');
  const graphDir = join(dir.path, 'chain');
  const writer = openGraph(graphDir);
  const engine = new AlertEngine({
    store,
    registry: new TaintRegistry({ graphDir }),
    onError: (e) => process.stderr.write(`engine: ${String(e)}\n`),
  });
  const ingest = async () => {
    const t0 = performance.now();
    await ethereum.ingestEthereum({ rpc: node.url, graph: writer.ethereum });
    return { committedAt: performance.now(), took: performance.now() - t0 };
  };
  const latency: number[] = [];
  const ingestMs: number[] = [];
  await driver.send({ from: attacker, to: `0x${'b2'.repeat(20)}`, value: 1n });
  await ingest();
  engine.start();
  for (let i = 0; i < n; i++) {
    // low addresses are precompiles (0x100 is P-256 verification): a wallet-like address instead
    const wallet = `0x${'d'.repeat(36)}${i.toString(16).padStart(4, '0')}`;
    await registerWallet(store, exchange.id, wallet, 'deposit');
    await new Promise((resolve) => setTimeout(resolve, 300)); // the engine has seen the registration
    const got = new Promise<number>((resolve) => {
      const stop = engine.bus.subscribe(exchange.id, () => {
        stop();
        resolve(performance.now());
      });
    });
    await driver.send({ from: attacker, to: wallet, value: ETH });
    const { committedAt, took } = await ingest();
    latency.push((await got) - committedAt);
    ingestMs.push(took);
  }
  await engine.stop();
  writer.close();
  await store.close();
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  process.stdout.write(
    `alerts after commit (n=${n}): p50 ${pct(latency, 0.5).toFixed(1)} ms, p99 ${pct(latency, 0.99).toFixed(1)} ms; ` +
      `baseline ingest+commit of the block: p50 ${pct(ingestMs, 0.5).toFixed(1)} ms, p99 ${pct(ingestMs, 0.99).toFixed(1)} ms; load ${load}\n`,
  );
} finally {
  await node.stop();
  dir.remove();
}
