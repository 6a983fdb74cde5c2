/**
 * Rough in-process figures until bench/ runs them against a baseline:
 * `node src/payments/generate/measure-throughput.ts` prints MT103 and pacs.008 parse rates, then
 * screening rate and p99 latency with a history of every generated payment (~19 k). Best of 5 rounds.
 */
import { parsePacs } from '../iso20022/parse-pacs.ts';
import { parseMt103 } from '../mt103/parse-mt103.ts';
import { createScreener } from '../screen/screener.ts';
import type { Payment } from '../types.ts';
import { generateTraffic } from './generate-traffic.ts';

const traffic = generateTraffic({ seed: 1, start: '2013-01-01', end: '2016-02-29' });
const mt = traffic.filter((t) => t.payment.format === 'mt103').map((t) => t.text);
const pacs = traffic.filter((t) => t.payment.format === 'pacs.008').map((t) => t.text);

function best(label: string, n: number, run: () => void): void {
  let fastest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - t0);
  }
  process.stdout.write(`${label}: ${Math.round(n / (fastest / 1000))}/s (${n} items)\n`);
}

best('MT103 parse', mt.length, () => {
  for (let i = 0; i < mt.length; i++) parseMt103({ text: mt[i] as string, line: 1 }, i);
});
best('pacs.008 parse', pacs.length, () => {
  for (let i = 0; i < pacs.length; i++) parsePacs(pacs[i] as string, i, 1);
});
const payments: Payment[] = traffic.map((t) => t.payment);
const screener = createScreener();
for (const p of payments) screener.learn(p);
best('screen', payments.length, () => {
  for (const p of payments) screener.screen(p);
});
const latency = new Float64Array(payments.length);
for (let i = 0; i < payments.length; i++) {
  const t0 = performance.now();
  screener.screen(payments[i] as Payment);
  latency[i] = performance.now() - t0;
}
latency.sort();
const p99 = latency[Math.floor(latency.length * 0.99)] ?? 0;
process.stdout.write(`screen latency p99: ${p99.toFixed(3)} ms\n`);
