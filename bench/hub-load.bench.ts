/**
 * The hub under a bounded loopback load of mixed reads and writes (TAXII pages, REST search, object
 * reads, TAXII POSTs of new indicators) for BENCH_HUB_LOAD_SECONDS (default 120): throughput, p99,
 * errors, and how much resident memory grew between the middle and the last third of the run.
 */
import { median, openLoadHub, runMixedLoad } from '../test/server/load-hub.ts';
import type { BenchResult } from './support/types.ts';

const SECONDS = Number(process.env.BENCH_HUB_LOAD_SECONDS ?? 120);
const CONNECTIONS = 8;

export async function run(): Promise<BenchResult[]> {
  const load = await openLoadHub();
  try {
    const result = await runMixedLoad(load, SECONDS, CONNECTIONS);
    const third = Math.floor(result.rss.length / 3);
    const middle = median(result.rss.slice(third, 2 * third));
    const last = median(result.rss.slice(2 * third));
    const note = `${SECONDS} s, ${CONNECTIONS} connections, loopback; SQLite store`;
    return [
      { name: 'Hub mixed load, requests/s', unit: 'req/s', value: result.requests / SECONDS, note },
      { name: 'Hub mixed load, p99 latency', unit: 'ms', value: result.p99Ms, note },
      {
        name: 'Hub mixed load, failed requests (errors + timeouts + non-2xx)',
        unit: 'requests',
        value: result.errors + result.timeouts + result.non2xx,
        target: '0',
        note,
      },
      {
        name: 'Hub mixed load, RSS growth from middle to last third',
        unit: 'MiB',
        value: (last - middle) / 2 ** 20,
        target: 'flat',
        // The writer's SQLite page cache (cache_size 64 MiB) fills as the store grows; that is bounded.
        note: `median RSS ${(middle / 2 ** 20).toFixed(0)} → ${(last / 2 ** 20).toFixed(0)} MiB; includes the SQLite page cache (≤ 64 MiB) filling as writes grow the store`,
      },
    ];
  } finally {
    await load.hub.close();
  }
}
