/**
 * Bitcoin incremental taint speed: `node src/screen/taint/scripts/utxo-taint-speed.ts [TRANSACTIONS]`
 * (default 1 M). On a generated Bitcoin-like chain (`generateBitcoinLike`, ~2,500 transactions a
 * block), 10 sources (the heist's thief and 9 addresses spread over the dictionary), 6 hops: one state
 * from the first block (what a new source set costs) against `trace()` haircut forward from the same
 * seeds and hops (the baseline, same run), then each of the last 20 blocks advanced alone on a state
 * at the block before it (the work of one arriving block). Medians (first scan and trace of 3),
 * wall-clock and CPU time of the process, and the load average.
 */
import { loadavg } from 'node:os';
import { tempDir } from '../../../../test/support/temp-dir.ts';
import { generateBitcoinLike, openGraph } from '../../../chain/index.ts';
import { trace } from '../../../trace/index.ts';
import { UtxoTaint } from '../utxo-taint.ts';

const transactions = Number(process.argv[2] ?? 1_000_000);
const dir = tempDir('bulwark-utxo-taint-speed-');
try {
  const writer = openGraph(dir.path);
  const summary = generateBitcoinLike({ graph: writer, transactions, seed: 42 });
  writer.close();
  const g = openGraph(dir.path, { readonly: true });
  const c = g.bitcoin.c;
  const step = Math.floor(g.dict.count / 10);
  const seeds = [summary.heist.thief, ...Array.from({ length: 9 }, (_, i) => g.addressOf(i * step + 7))];
  const timed = (f: () => void) => {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    f();
    const u = process.cpuUsage(cpu);
    return { wall: performance.now() - t0, cpu: (u.user + u.system) / 1000 };
  };
  const median = (f: () => void) => {
    const runs = [timed(f), timed(f), timed(f)].sort((a, b) => a.wall - b.wall);
    return runs[1]!;
  };
  let slots = 0;
  const scratch = median(() => {
    const t = new UtxoTaint(seeds, 6);
    t.advance(g);
    slots = t.ledgers[0]?.n ?? 0;
  });
  const traced = median(() => {
    trace({ graph: g, seeds, model: 'haircut', direction: 'forward', hops: 6, maxTransfers: 0 });
  });
  const blocks = c.blocks;
  const last = Math.min(20, blocks - 1);
  const state = new UtxoTaint(seeds, 6);
  state.advance(g, undefined, blocks - last);
  const perBlock: { wall: number; cpu: number; txs: number }[] = [];
  for (let b = blocks - last + 1; b <= blocks; b++) {
    const txs0 = state.cursor.txs ?? 0;
    const x = timed(() => state.advance(g, undefined, b));
    perBlock.push({ ...x, txs: (state.cursor.txs ?? 0) - txs0 });
  }
  perBlock.sort((a, b) => a.wall - b.wall);
  const mid = perBlock[perBlock.length >> 1]!;
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  const ms = (x: number) => x.toFixed(x < 10 ? 2 : 0);
  process.stdout.write(
    `${c.txs} transactions, ${c.rows} rows, ${blocks} blocks, ${slots} tainted addresses\n` +
      `first scan: ${ms(scratch.wall)} ms wall, ${ms(scratch.cpu)} ms CPU (${(c.rows / scratch.cpu / 1000).toFixed(1)} M rows per CPU-s)\n` +
      `trace() haircut, same seeds/hops: ${ms(traced.wall)} ms wall, ${ms(traced.cpu)} ms CPU (first scan ${(scratch.wall / traced.wall).toFixed(2)}× of it)\n` +
      `one block (median of the last ${last}, ${mid.txs} transactions): ${ms(mid.wall)} ms wall, ${ms(mid.cpu)} ms CPU; ` +
      `slowest ${ms(perBlock.at(-1)!.wall)} ms\nload ${load}\n`,
  );
  g.close();
} finally {
  dir.remove();
}
