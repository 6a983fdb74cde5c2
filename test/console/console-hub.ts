/**
 * A real hub for the console tests: organisations, communities and keys made through the hub's
 * services in a fresh data directory, then `bulwark serve` (with the reference data) on a free
 * loopback port, and the console built if web/dist is missing.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { addOrganisation, createCommunity, createKey } from '../../src/hub/index.ts';
import { openStore } from '../../src/store/index.ts';
import { ROOT, startCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

export interface ConsoleHub {
  url: string;
  keys: { bankAdmin: string; exchangeWriter: string; exchangeReader: string; policeReader: string };
  close: () => Promise<void>;
}

export function ensureConsoleBuilt(): void {
  if (existsSync(join(ROOT, 'web', 'dist', 'index.html'))) return;
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

async function seed(data: string): Promise<ConsoleHub['keys']> {
  const store = await openStore({ data });
  try {
    const bank = await addOrganisation(store, 'First Bank');
    const exchange = await addOrganisation(store, 'Coin Exchange');
    const police = await addOrganisation(store, 'National Police');
    await createCommunity(store, 'Banks and Exchanges ISAC', [bank.name, exchange.name]);
    await createCommunity(store, 'Law Enforcement', [police.name]);
    const key = async (org: string, role: string) => (await createKey(store, { org, role })).key;
    return {
      bankAdmin: await key(bank.name, 'admin'),
      exchangeWriter: await key(exchange.name, 'contributor'),
      exchangeReader: await key(exchange.name, 'reader'),
      policeReader: await key(police.name, 'reader'),
    };
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

export async function openConsoleHub(): Promise<ConsoleHub> {
  ensureConsoleBuilt();
  const dir = tempDir('bulwark-console-');
  const keys = await seed(dir.path);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startCli(['serve', '--host', '127.0.0.1', '--port', String(port), '--data', dir.path]);
  child.stdin?.end();
  await listening(child, url);
  return {
    url,
    keys,
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
