/**
 * Incremental taint speed: `node src/screen/taint/scripts/taint-speed.ts [EDGES]` (default 2 M). On
 * the trace benchmark's generated graph, one state from the first row (what a new source set costs)
 * against `trace()` haircut forward from the same seeds and hops over the same rows (the baseline,
 * same run), then the cost of one appended 1,000-row block. Medians of 3 and the load average.
 */
import { loadavg } from 'node:os';
import { addressHex, generateEdges, writeGraph } from '../../../../bench/trace-graph.ts';
import { tempDir } from '../../../../test/support/temp-dir.ts';
import { trace } from '../../../trace/index.ts';
import { IncrementalTaint } from '../incremental-taint.ts';

const edges = Number(process.argv[2] ?? 2_000_000);
const dir = tempDir('bulwark-taint-speed-');
try {
  const g = writeGraph(dir.path, generateEdges(edges));
  const seeds = Array.from({ length: 10 }, (_, i) => addressHex(i * 97 + 5));
  const median = (f: () => void) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      f();
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[1]!;
  };
  let slots = 0;
  const scratch = median(() => {
    const t = new IncrementalTaint(seeds, 6);
    t.advance(g);
    slots = t.ledgers[0]?.n ?? 0;
  });
  const traced = median(() => {
    trace({ graph: g, seeds, model: 'haircut', direction: 'forward', hops: 6, maxTransfers: 0 });
  });
  // the work of one appended block: the last 1,000 rows run again through a state at the head
  // (amounts then count twice; only the time is kept)
  const rows = g.ethereum.c.rows;
  const head = new IncrementalTaint(seeds, 6);
  head.advance(g);
  const perBlock = median(() => {
    head.cursor = { ...head.cursor, rows: rows - 1000 };
    head.advance(g);
  });
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  process.stdout.write(
    `${rows} rows, ${slots} tainted addresses: from scratch ${scratch.toFixed(0)} ms (${(rows / scratch / 1000).toFixed(1)} M rows/s); ` +
      `trace() haircut same seeds/hops ${traced.toFixed(0)} ms (${(scratch / traced).toFixed(2)}×); ` +
      `advance over a 1,000-row block ${perBlock.toFixed(2)} ms; load ${load}\n`,
  );
  g.close();
} finally {
  dir.remove();
}
