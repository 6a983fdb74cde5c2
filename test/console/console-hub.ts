/**
 * A real hub for the console tests: organisations, communities and keys made through the hub's
 * services in a fresh data directory, then `bulwark serve` (with the reference data) on a free
 * loopback port, and the console built if web/dist is missing.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { addOrganisation, createCommunity, createKey, importBundle } from '../../src/hub/index.ts';
import { deriveScoId } from '../../src/stix/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { addr, buildGraph } from '../../src/trace/test-graph.ts';
import { ROOT, startCli } from '../support/cli.ts';
import { commitEthTransfer } from '../support/eth-block.ts';
import { tempDir } from '../support/temp-dir.ts';

export interface ConsoleHub {
  url: string;
  /** The data directory `bulwark serve` runs on (its graph is DATA/chain). */
  data: string;
  keys: { bankAdmin: string; exchangeWriter: string; exchangeReader: string; policeReader: string };
  /** The seeded chain: a theft from `victim` to `seed`, then split and laundered over four hops. */
  chain: { seed: string; victim: string; addresses: string[] };
  /** The freeze alert seeded for First Bank. */
  alert: { id: string; address: string };
  /** Appends a block with one ether transfer between letters' addresses, as an ingester would. */
  appendTransfer: (from: string, to: string, eth: bigint) => void;
  close: () => Promise<void>;
}

const ETH = 10n ** 18n;
/** s: the attacker's first address; v: the victim; the rest launder it. */
const FLOWS: [string, string, bigint][][] = [
  [['v', 's', 120n]],
  [['s', 'p', 70n]],
  [['s', 'q', 50n]],
  [['p', 'r', 40n]],
  [['q', 'r', 20n]],
  [['p', 't', 30n]],
  [['r', 'u', 55n]],
  [['t', 'w', 25n]],
];

/** A transaction graph in DATA/chain, built by the chain store's own writer (src/trace/test-graph). */
function seedChain(data: string): ConsoleHub['chain'] {
  const steps = FLOWS.map((moves) => moves.map(([from, to, eth]) => ({ from, to, value: eth * ETH })));
  buildGraph(join(data, 'chain'), steps).close();
  const letters = [...new Set(FLOWS.flat().flatMap((move) => [move[0], move[1]]))].filter((l) => l !== 'v');
  return { seed: addr('s'), victim: addr('v'), addresses: letters.map(addr) };
}

const NOW = '2026-01-05T00:00:00.000Z';

function sdo(type: string, n: number, props: Record<string, unknown>): Record<string, unknown> {
  const id = `${type}--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return { type, spec_version: '2.1', id, created: NOW, modified: NOW, ...props };
}

/**
 * Coin Exchange tells the ISAC (TLP:GREEN) that u is its deposit wallet and w a mixer's: the trace of
 * an ISAC member stops there and counts the value as reaching an exchange and a mixer.
 */
async function seedLabels(store: Store, exchangeOrg: string, isac: string): Promise<void> {
  const wallet = (letter: string) => {
    const w = { type: 'cryptocurrency-wallet', spec_version: '2.1', value: addr(letter) };
    return { ...w, id: deriveScoId(w) };
  };
  const [u, w, s] = [wallet('u'), wallet('w'), wallet('s')];
  // s, where the theft landed, is a heist address: the freeze-alert engine follows value from it.
  const campaign = sdo('campaign', 5, { name: 'Console test heist' });
  const indicator = sdo('indicator', 6, {
    name: 'Console test heist address',
    pattern: `[cryptocurrency-wallet:value = '${s.value}']`,
    pattern_type: 'stix',
    valid_from: NOW,
  });
  const exchange = sdo('infrastructure', 1, { name: 'Coin Exchange deposits', labels: ['exchange'] });
  const mixer = sdo('infrastructure', 2, { name: 'Blender', infrastructure_types: ['anonymization'] });
  const consists = (n: number, from: Record<string, unknown>, to: Record<string, unknown>) =>
    sdo('relationship', n, { relationship_type: 'consists-of', source_ref: from.id, target_ref: to.id });
  const bundle = {
    type: 'bundle',
    id: 'bundle--00000000-0000-4000-8000-000000000001',
    objects: [
      u,
      w,
      s,
      exchange,
      mixer,
      consists(3, exchange, u),
      consists(4, mixer, w),
      campaign,
      indicator,
      sdo('relationship', 7, {
        relationship_type: 'indicates',
        source_ref: indicator.id,
        target_ref: campaign.id,
      }),
    ],
  };
  await importBundle(Readable.from([JSON.stringify(bundle)]), {
    store,
    authorOrg: exchangeOrg,
    defaultTlp: 'green',
    audience: { communities: [isac], orgs: [], users: [] },
  });
}

async function seedAlert(store: Store, orgId: string): Promise<ConsoleHub['alert']> {
  const address = addr('u');
  const alert = {
    id: 'alert--console-test-1',
    orgId,
    created: new Date().toISOString(),
    chain: 'ethereum',
    address,
    walletRole: 'deposit' as const,
    asset: 'ETH',
    amount: (55n * ETH).toString(),
    tx: `0x${'ab'.repeat(32)}`,
    block: 6,
    sources: ['console test'],
    sightingRef: null,
    dedupe: 'console-test-1',
  };
  await store.alerts.addAlert(alert);
  return { id: alert.id, address };
}

/** The newest modification time under a folder (the console's sources). */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

/** Builds web/dist when it is missing or older than a source file, so no test drives a stale console. */
export function ensureConsoleBuilt(): void {
  const index = join(ROOT, 'web', 'dist', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(ROOT, 'web', 'src'))) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts'],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function seed(data: string): Promise<Pick<ConsoleHub, 'keys' | 'chain' | 'alert'>> {
  const store = await openStore({ data });
  try {
    const bank = await addOrganisation(store, 'First Bank');
    const exchange = await addOrganisation(store, 'Coin Exchange');
    const police = await addOrganisation(store, 'National Police');
    const isac = await createCommunity(store, 'Banks and Exchanges ISAC', [bank.name, exchange.name]);
    await createCommunity(store, 'Law Enforcement', [police.name]);
    const key = async (org: string, role: string) => (await createKey(store, { org, role })).key;
    const keys = {
      bankAdmin: await key(bank.name, 'admin'),
      exchangeWriter: await key(exchange.name, 'contributor'),
      exchangeReader: await key(exchange.name, 'reader'),
      policeReader: await key(police.name, 'reader'),
    };
    await seedLabels(store, exchange.id, isac.id);
    return { keys, chain: seedChain(data), alert: await seedAlert(store, bank.id) };
  } finally {
    await store.close();
  }
}

function listening(child: ChildProcess, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(
      () => reject(new Error(`bulwark serve did not start within 120 s:\n${log}`)),
      120_000,
    );
    const onData = (chunk: string) => {
      log += chunk;
      if (log.includes(url)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    child.stderr?.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bulwark serve exited (${code}) before listening:\n${log}`));
    });
  });
}

function appendTransfer(data: string, from: string, to: string, eth: bigint): void {
  commitEthTransfer(join(data, 'chain'), addr(from), addr(to), eth * ETH);
}

export async function openConsoleHub(): Promise<ConsoleHub> {
  ensureConsoleBuilt();
  const dir = tempDir('bulwark-console-');
  const seeded = await seed(dir.path);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startCli(['serve', '--host', '127.0.0.1', '--port', String(port), '--data', dir.path]);
  child.stdin?.end();
  await listening(child, url);
  return {
    url,
    data: dir.path,
    ...seeded,
    appendTransfer: (from, to, eth) => appendTransfer(dir.path, from, to, eth),
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      dir.remove();
    },
  };
}
