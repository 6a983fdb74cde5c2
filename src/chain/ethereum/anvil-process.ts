/**
 * Starts a local anvil (the Ethereum dev node shipped on npm) on a free loopback port, for
 * `bulwark demo` and the tests. The process is killed by `stop()` or when this process exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { BulwarkError } from '../../errors/index.ts';

export interface AnvilOptions {
  binary?: string;
  /** Extra command-line flags (e.g. `['--block-base-fee-per-gas', '0']`). */
  args?: readonly string[];
  startTimeoutMs?: number;
}

export interface AnvilProcess {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Path of the anvil binary from `@foundry-rs/anvil-linux-amd64`, or undefined if not installed. */
export function anvilBinary(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@foundry-rs/anvil-linux-amd64/package.json');
    const bin = join(dirname(pkg), 'bin', 'anvil');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** A port free right now: bind to 0, read it, release it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilProcess> {
  const binary = options.binary ?? anvilBinary();
  if (!binary) {
    throw new BulwarkError('ETH_RPC_UNAVAILABLE', 'anvil is not installed', {
      hint: 'Run npm install (it brings @foundry-rs/anvil-linux-amd64) on linux x64',
    });
  }
  // A port taken between probe and bind makes anvil exit at once: try a few.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await launch(binary, port, options);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function launch(binary: string, port: number, options: AnvilOptions): Promise<AnvilProcess> {
  const child = spawn(binary, ['--host', '127.0.0.1', '--port', String(port), ...(options.args ?? [])], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Never keep this process alive for anvil's sake: the exit hook below kills it.
  child.unref();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const url = `http://127.0.0.1:${port}`;
  const stop = (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    return stopChild(child);
  };
  try {
    await waitUntilAnswering(url, child, options.startTimeoutMs ?? 15_000, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, pid: child.pid ?? 0, stop };
}

async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new BulwarkError('ETH_RPC_UNAVAILABLE', `anvil exited before answering: ${stderr().trim()}`, {
        source: url,
      });
    }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}',
        signal: AbortSignal.timeout(1000),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new BulwarkError('ETH_RPC_UNAVAILABLE', `anvil did not answer within ${timeoutMs} ms`, {
    source: url,
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
