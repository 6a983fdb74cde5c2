/**
 * Payment screening in-process. Traffic of the generator (seed 1) from 1995 to February 2016: the
 * payments released before 2014 (≥ 100 k) are the history; the MT103 messages after it (with
 * the Bangladesh run) are screened from their FIN text — parse and screen, as the desk does — against
 * parsing alone, in the same run. Also each format's parse rate against a baseline: MT103 against
 * splitting the text into its field lines; pacs.008 against fast-xml-parser building its tree of the
 * same documents (the parser this one replaced, without the validation pass it also needed).
 * Medians of 7 rounds after a full GC and a warm-up round, per CPU-second and wall clock; decision latency
 * (wall clock) is per message, p50 and p99 over all; the load average is read at the start and the end.
 */
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { XMLParser } from 'fast-xml-parser';
import {
  createScreener,
  generateTraffic,
  type Payment,
  parseMt103,
  parsePacs,
} from '../src/payments/index.ts';
import { median, percentile } from './support/measure.ts';
import type { BenchResult } from './support/types.ts';

const ROUNDS = 7;
const SPLIT = '2014-01-01';

/** Each phase runs this many times (a fresh desk each time for the screening phases). */
const REPEATS = 5;

/**
 * Median rate over the rounds, per CPU-second of this process (user + system, GC threads included):
 * on a 2-core machine shared with other work, wall-clock rates measure the neighbours as much as the
 * code. Round 0 warms up; the wall-clock median is printed beside it. A round of 943 messages takes
 * ~15 ms, so one scheduling hiccup or GC moves a round a lot: the phase is repeated `REPEATS` times,
 * each with the body `setup` returns, and the median is over all measured rounds (the whole-corpus
 * phases, long enough per round, run once).
 */
function rate(
  label: string,
  count: number,
  setup: () => (round: number) => void,
  repeats = REPEATS,
): { cpu: number; wall: number } {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    collect();
    const body = setup();
    body(0);
    for (let r = 1; r <= ROUNDS; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      body(r);
      wall.push(count / ((performance.now() - t0) / 1000));
      const used = process.cpuUsage(c0);
      cpu.push(count / ((used.user + used.system) / 1e6));
    }
  }
  process.stderr.write(
    `   ${label}: ${Math.round(median(cpu))}/CPU-s, ${Math.round(median(wall))}/s wall clock\n`,
  );
  return { cpu: median(cpu), wall: median(wall) };
}

/**
 * The generator's output cut down to what is measured. Its 20 years of payment objects (~600 MB) are
 * no part of a desk; left on the heap as garbage, their collection (concurrent marking, counted in
 * this process's CPU time) fell into whichever rounds it overlapped.
 */
function workload() {
  const traffic = generateTraffic({ seed: 1, start: '1995-01-01', end: '2016-02-29' });
  const past = traffic.filter((t) => (t.payment.createdAt ?? t.payment.valueDate) < SPLIT && !t.heist);
  const recent = traffic.filter((t) => (t.payment.createdAt ?? t.payment.valueDate) >= SPLIT);
  const learner = createScreener();
  for (const t of past) learner.learn(t.payment);
  return {
    learner,
    pastCount: past.length,
    mt: recent.filter((t) => t.payment.format === 'mt103').map((t) => t.text),
    allMt: traffic.filter((t) => t.payment.format === 'mt103').map((t) => t.text),
    pacs: traffic
      .filter((t) => t.payment.format === 'pacs.008')
      .slice(0, 20_000)
      .map((t) => t.text),
  };
}

/** A full collection before each measured phase, so none inherits the garbage of the one before. */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

export async function run(): Promise<BenchResult[]> {
  const loadBefore = loadavg()[0] as number;
  const { learner, pastCount, mt, allMt, pacs } = workload();
  // Like a desk that has been running: each screener is warmed on the first chunk and each round
  // screens new payments (a payment screened twice would count twice in the burst windows).
  const desk = () => createScreener(learner.config, learner.history);
  const size = Math.floor(mt.length / (ROUNDS + 1));
  const chunks = Array.from({ length: ROUNDS + 1 }, (_, r) => mt.slice(r * size, (r + 1) * size));
  const parsed = chunks.map((c) => c.map((text, i) => parseMt103({ text, line: 1 }, i)));
  process.stderr.write(`   history ${pastCount} payments; screening ${ROUNDS + 1} chunks of ${size} MT103\n`);

  let sink = 0;
  const parseOnly = rate('parse alone', size, () => (r) => {
    const texts = chunks[r] as string[];
    for (let i = 0; i < texts.length; i++)
      sink += parseMt103({ text: texts[i] as string, line: 1 }, i).amount.value.length;
  });
  const screened = rate('parse + screen', size, () => {
    const both = desk();
    return (r) => {
      const texts = chunks[r] as string[];
      for (let i = 0; i < texts.length; i++)
        sink += both.screen(parseMt103({ text: texts[i] as string, line: 1 }, i)).score;
    };
  });
  const screenOnly = rate('screen alone', size, () => {
    const alone = desk();
    return (r) => {
      for (const p of parsed[r] as Payment[]) sink += alone.screen(p).score;
    };
  });
  collect();
  const timed = desk();
  const latency: number[] = [];
  for (const texts of chunks) {
    for (let i = 0; i < texts.length; i++) {
      const t0 = performance.now();
      sink += timed.screen(parseMt103({ text: texts[i] as string, line: 1 }, i)).score;
      latency.push(performance.now() - t0);
    }
  }

  const lines = rate(
    'split lines',
    allMt.length,
    () => () => {
      for (const text of allMt) sink += text.split('\n').length;
    },
    1,
  );
  const mtParse = rate(
    'MT103 parse',
    allMt.length,
    () => () => {
      for (let i = 0; i < allMt.length; i++)
        sink += parseMt103({ text: allMt[i] as string, line: 1 }, i).reference.length;
    },
    1,
  );
  const library = new XMLParser({
    ignoreAttributes: false,
    removeNSPrefix: true,
    parseTagValue: false,
    processEntities: false,
  });
  const tree = rate(
    'fast-xml-parser',
    pacs.length,
    () => () => {
      for (const doc of pacs) sink += Object.keys(library.parse(doc) as object).length;
    },
    1,
  );
  const pacsParse = rate(
    'pacs.008 parse',
    pacs.length,
    () => () => {
      for (let i = 0; i < pacs.length; i++) sink += parsePacs(pacs[i] as string, i, 1).length;
    },
    1,
  );
  if (sink === 0) process.stderr.write('');
  const load = `load average ${loadBefore.toFixed(2)} → ${(loadavg()[0] as number).toFixed(2)} (1 min)`;
  process.stderr.write(`   ${load}\n`);

  return [
    {
      name: `MT103 parse + screen, ${pastCount.toLocaleString('en-US')}-payment history`,
      unit: 'msg/CPU-s',
      value: screened.cpu,
      baseline: { name: 'parse alone', value: parseOnly.cpu },
      target: '≥ 50,000',
      note: load,
    },
    {
      name: 'MT103 parse + screen, same, wall clock (one thread)',
      unit: 'msg/s',
      value: screened.wall,
      baseline: { name: 'parse alone', value: parseOnly.wall },
      target: '≥ 50,000',
    },
    {
      name: 'MT103 screen alone (parsed payments), same history',
      unit: 'msg/CPU-s',
      value: screenOnly.cpu,
      baseline: { name: 'parse alone', value: parseOnly.cpu },
      target: '≥ 50,000',
    },
    {
      name: 'MT103 decision latency p50 (parse + screen, per message)',
      unit: 'ms',
      value: percentile(latency, 50),
    },
    {
      name: 'MT103 decision latency p99 (parse + screen, per message)',
      unit: 'ms',
      value: percentile(latency, 99),
      target: '< 5',
    },
    {
      name: 'MT103 parse',
      unit: 'msg/CPU-s',
      value: mtParse.cpu,
      baseline: { name: "split('\\n')", value: lines.cpu },
    },
    {
      name: 'pacs.008 parse (1 transaction per message)',
      unit: 'msg/CPU-s',
      value: pacsParse.cpu,
      baseline: { name: 'fast-xml-parser tree only', value: tree.cpu },
    },
  ];
}
