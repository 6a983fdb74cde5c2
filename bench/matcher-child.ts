/**
 * Runs in its own process so its RSS is the matcher's: loads N indicators, then scans the log on one
 * thread (the per-core hot path: JSON.parse, format detection, mapping, index probes, confirmation).
 * Prints one JSON line of figures.
 */
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { BatchScanner, loadMapping } from '../src/detect/scan/index.ts';
import { patternOf } from './matcher-data.ts';

const [count, logFile] = [Number(process.argv[2]), process.argv[3]!];
const rssBefore = process.memoryUsage().rss;
const inputs = Array.from({ length: count }, (_, i) => ({ id: `indicator--${i}`, pattern: patternOf(i) }));
const rssInputs = process.memoryUsage().rss;
const started = performance.now();
const scanner = new BatchScanner(inputs, loadMapping());
const loadMs = performance.now() - started;
globalThis.gc?.();
const rssLoaded = process.memoryUsage().rss;

let events = 0;
let hits = 0;
let parseOnlyMs = 0;
let scanMs = 0;
let carry = '';
let seq = 0;
const scanText = (text: string): void => {
  const t0 = performance.now();
  const r = scanner.scan(seq++, text, 1);
  scanMs += performance.now() - t0;
  events += r.events;
  hits += r.hits.length;
  // the floor any JSON-lines scanner pays: splitting and parsing the same lines
  const t1 = performance.now();
  for (const line of text.split('\n')) if (line !== '') JSON.parse(line);
  parseOnlyMs += performance.now() - t1;
};
for await (const chunk of createReadStream(logFile, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
  carry += chunk;
  const cut = carry.lastIndexOf('\n');
  if (cut < 0) continue;
  scanText(carry.slice(0, cut + 1));
  carry = carry.slice(cut + 1);
}
if (carry !== '') scanText(carry);
process.stdout.write(
  `${JSON.stringify({
    loadMs,
    rssMatcherMb: (rssLoaded - rssInputs) / 2 ** 20,
    rssTotalMb: rssLoaded / 2 ** 20,
    rssInputsMb: (rssInputs - rssBefore) / 2 ** 20,
    events,
    hits,
    eventsPerSec: events / (scanMs / 1000),
    parseOnlyPerSec: events / (parseOnlyMs / 1000),
    stats: scanner.matcher.stats,
  })}\n`,
);
