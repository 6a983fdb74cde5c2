/**
 * `npm run bench [NAME…]`: runs every bench/*.bench.ts (or those whose name contains NAME), each of
 * which measures a hot path against a baseline in the same run, and prints a Markdown table for
 * docs/BENCHMARKS.md. Results are also written to .bench-work/results.json.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';

const here = import.meta.dirname;
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

const rows: string[] = [];
const all: (BenchResult & { file: string })[] = [];
process.stdout.write(`Machine: ${machine()}\n\n`);
for (const file of files) {
  process.stderr.write(`== ${file}\n`);
  const module = (await import(join(here, file))) as { run: () => Promise<BenchResult[]> };
  const results = await module.run();
  for (const r of results) {
    all.push({ file, ...r });
    const ratio = r.baseline ? `${(r.value / r.baseline.value).toFixed(2)}×` : '';
    rows.push(
      `| ${r.name} | ${format(r.value)} ${r.unit} | ${r.baseline ? `${r.baseline.name}: ${format(r.baseline.value)}` : '—'} | ${ratio || '—'} | ${r.target ?? '—'} |`,
    );
    process.stderr.write(
      `   ${r.name}: ${format(r.value)} ${r.unit}${ratio ? ` (${ratio} ${r.baseline?.name})` : ''}\n`,
    );
  }
}
process.stdout.write(
  '| measurement | value | baseline (same run) | ratio | target |\n|---|---|---|---|---|\n',
);
process.stdout.write(`${rows.join('\n')}\n`);
mkdirSync(join(here, '..', '.bench-work'), { recursive: true });
writeFileSync(
  join(here, '..', '.bench-work', 'results.json'),
  JSON.stringify({ machine: machine(), date: new Date().toISOString(), results: all }, null, 2),
);
