/**
 * Single-address HTTP screening (GET /api/v1/screen/{address}) against a node:http hello-world, on
 * the same machine with the same load generator — wrk when installed (DESIGN.md's; `apt-get install
 * wrk`), else autocannon (BENCH_SCREEN_LOADGEN=autocannon forces it): the server under test runs in a
 * child process of its own and the generator in another, so neither shares an event loop with the load it is measured
 * under (the hub-http bench drives autocannon in the server's own process). Rounds alternate hub and
 * hello-world; medians of the rounds. The hub is configured as `bulwark serve` is (rate limit on),
 * with the shipped reference data loaded and a sanctioned address screened.
 * Each connection count (BENCH_SCREEN_CONNECTIONS, default 1,8,32) is measured for both servers: at
 * 32 connections on two shared cores autocannon's own queue sets the p99 of both, at 1 and 8 the
 * servers' latencies show. Per request, the server process's CPU time (from /proc) is also reported,
 * which the load generator and neighbours on the machine do not change as much as wall-clock rates.
 * Size: BENCH_SCREEN_SECONDS per run (default 10), BENCH_SCREEN_ROUNDS (default 3).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { addOrganisation, createKey, loadReferenceData } from '../src/hub/index.ts';
import { createServer } from '../src/server/index.ts';
import { openStore } from '../src/store/index.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { median } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';

const SECONDS = Number(process.env.BENCH_SCREEN_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_SCREEN_ROUNDS ?? 3);
const CONNECTIONS = (process.env.BENCH_SCREEN_CONNECTIONS ?? '1,8,32').split(',').map(Number);
/** On the OFAC list shipped in data/reference: a direct hit with reasons. */
export const SANCTIONED = '0x51E9d833Ecae4E8D9D8Be17300AEE6D3398C135D';
const ROOT = join(import.meta.dirname, '..');
const NODE = process.execPath;

interface Load {
  rps: number;
  p50: number;
  p99: number;
  /** Requests per CPU-second of the server process (user + system). */
  perCpuSec: number;
}

/** User + system CPU seconds of a process, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return Number.NaN;
  }
}

/** Child mode: serve the hub over `data`, or the hello-world; print the port, run until killed. */
async function serveChild(mode: string, data: string | undefined): Promise<void> {
  // An orderly exit on SIGTERM, so `--cpu-prof` of a child run by hand writes its profile.
  process.once('SIGTERM', () => process.exit(0));
  if (mode === 'hello') {
    const hello = createHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"hello":"world"}');
    });
    await new Promise<void>((resolve) => hello.listen(0, '127.0.0.1', resolve));
    process.stdout.write(`${(hello.address() as AddressInfo).port}\n`);
    return;
  }
  const store = await openStore({ data: data ?? '' });
  const app = createServer({ store, rateLimit: 1_000_000_000 });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${new URL(origin).port}\n`);
}

function startChild(mode: string, data?: string): Promise<{ child: ChildProcess; port: number }> {
  const args = [import.meta.filename, 'serve', mode, ...(data ? [data] : [])];
  const child = spawn(NODE, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
    child.stdout?.once('data', (chunk: Buffer) => resolve({ child, port: Number(String(chunk).trim()) }));
  });
}

function autocannon(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
): Promise<Omit<Load, 'perCpuSec'> & { total: number }> {
  const bin = join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');
  const args = [bin, '--json', '-c', String(connections), '-d', String(seconds)];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile(NODE, args, { cwd: ROOT, maxBuffer: 1 << 24 }, (error, stdout) => {
      if (error) return reject(error);
      const result = JSON.parse(stdout) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        errors: number;
        timeouts: number;
        non2xx: number;
      };
      if (result.errors + result.timeouts + result.non2xx > 0) {
        return reject(
          new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`),
        );
      }
      resolve({
        rps: result.requests.average,
        total: result.requests.total,
        p50: result.latency.p50,
        p99: result.latency.p99,
      });
    });
  });
}

/** wrk's path when installed (Debian: apt-get install wrk): DESIGN.md's load generator, in C. */
function wrkPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const path = join(dir, 'wrk');
    if (existsSync(path)) return path;
  }
  return undefined;
}
const WRK = process.env.BENCH_SCREEN_LOADGEN === 'autocannon' ? undefined : wrkPath();
export const LOAD_GENERATOR = WRK ? 'wrk (1 thread)' : 'autocannon';

/** A wrk duration ("531.00us", "12.94ms", "1.02s") in milliseconds. */
function wrkMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(text);
  if (!m) throw new Error(`wrk latency ${text}?`);
  return Number(m[1]) * (m[2] === 'us' ? 1e-3 : m[2] === 's' ? 1e3 : 1);
}

function wrk(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
): Promise<Omit<Load, 'perCpuSec'> & { total: number }> {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile(WRK!, args, { maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) return reject(error);
      const bad = /Non-2xx or 3xx responses: (\d+)/.exec(stdout);
      const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
      if (bad || errors?.slice(1).some((n) => Number(n) > 0)) {
        return reject(new Error(`${url}: wrk saw failures:\n${stdout}`));
      }
      const pct = (p: string) => wrkMs(new RegExp(`\\s${p}%\\s+(\\S+)`).exec(stdout)![1]!);
      resolve({
        rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)![1]),
        total: Number(/(\d+) requests in/.exec(stdout)![1]),
        p50: pct('50'),
        p99: pct('99'),
      });
    });
  });
}

const loadFor = WRK ? wrk : autocannon;

async function measure(
  mode: string,
  data: string | undefined,
  path: string,
  headers: Record<string, string>,
  connections: number,
): Promise<Load> {
  const { child, port } = await startChild(mode, data);
  try {
    const url = `http://127.0.0.1:${port}${path}`;
    await loadFor(url, headers, 2, connections); // warm-up: JIT, the screening index's first build, caches
    const cpu = cpuSeconds(child.pid);
    const load = await loadFor(url, headers, SECONDS, connections);
    return {
      rps: load.rps,
      p50: load.p50,
      p99: load.p99,
      perCpuSec: load.total / (cpuSeconds(child.pid) - cpu),
    };
  } finally {
    child.removeAllListeners('exit');
    child.kill();
  }
}

export async function run(): Promise<BenchResult[]> {
  const dir = tempDir('bulwark-bench-screen-http-');
  try {
    const store = await openStore({ data: dir.path });
    await loadReferenceData(store);
    await addOrganisation(store, 'Bench Exchange');
    const { key } = await createKey(store, { org: 'Bench Exchange', role: 'reader', label: 'bench' });
    await store.close();
    const results: BenchResult[] = [];
    for (const connections of CONNECTIONS) {
      const hub: Load[] = [];
      const hello: Load[] = [];
      const loads: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const auth = { authorization: `Bearer ${key}` };
        hub.push(await measure('hub', dir.path, `/api/v1/screen/${SANCTIONED}`, auth, connections));
        hello.push(await measure('hello', undefined, '/', {}, connections));
        loads.push(loadavg()[0]!.toFixed(1));
        process.stderr.write(
          `   ${connections} conn, round ${round + 1}: hub ${JSON.stringify(hub.at(-1))}, hello ${JSON.stringify(hello.at(-1))}, load ${loads.at(-1)}\n`,
        );
      }
      const of = (l: Load[], k: keyof Load) => median(l.map((x) => x[k]));
      const note = `${LOAD_GENERATOR} in its own process, ${connections} connection(s), ${SECONDS} s per run, median of ${ROUNDS} alternating rounds; server in its own process; load average ${loads.join(', ')}`;
      const cpuNote = `${note}; per server CPU-second: hub ${Math.round(of(hub, 'perCpuSec'))}, hello-world ${Math.round(of(hello, 'perCpuSec'))} (${(of(hub, 'perCpuSec') / of(hello, 'perCpuSec')).toFixed(2)}×)`;
      results.push(
        {
          name: `HTTP screening of one sanctioned address (GET /api/v1/screen/{address}), ${connections} conn`,
          unit: 'req/s',
          value: of(hub, 'rps'),
          baseline: { name: 'node:http hello-world', value: of(hello, 'rps') },
          target: '>= 50 % of hello-world',
          note: cpuNote,
        },
        {
          name: `HTTP screening of one address, p99, ${connections} conn`,
          unit: 'ms',
          value: of(hub, 'p99'),
          baseline: { name: 'node:http hello-world p99', value: of(hello, 'p99') },
          target: '<= 5 ms',
          note,
        },
        {
          name: `HTTP screening of one address, p50, ${connections} conn`,
          unit: 'ms',
          value: of(hub, 'p50'),
          baseline: { name: 'node:http hello-world p50', value: of(hello, 'p50') },
          note,
        },
      );
    }
    return results;
  } finally {
    dir.remove();
  }
}

if (process.argv[2] === 'serve') await serveChild(process.argv[3] ?? 'hub', process.argv[4]);
