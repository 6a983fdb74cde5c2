import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { IndicatorInput, MatcherStats } from '../matcher/index.ts';
import type { SigmaRule } from '../sigma/index.ts';
import { type IndicatorSighting, SightingAggregator } from './aggregate.ts';
import type { Mapping } from './mapping.ts';
import type { Prefiltered } from './prefilter-lines.ts';
import type { RuleSources } from './rule-sources.ts';
import { type BatchResult, BatchScanner } from './scan-batch.ts';
import { scanThreadEnv } from './worker-env.ts';

interface Batch {
  readonly seq: number;
  readonly bytes: Uint8Array;
  readonly firstLine: number;
}

export interface ScanOptions {
  readonly indicators: readonly IndicatorInput[];
  readonly mapping: Mapping;
  /** Sigma rules to run in the same pass: a directory and / or rules shared as indicators. */
  readonly rules?: RuleSources;
  /** Scanning threads; 0 scans on this thread; 'auto' lets `scanThreads` choose for the machine. */
  readonly workers: number | 'auto';
  /** Matching events kept per indicator as evidence (default 100). */
  readonly maxEvidence?: number;
  readonly onBytes?: (bytes: number) => void;
  /** The scanner of `indicators`, `mapping` and `rules` if already built (it is built otherwise). */
  readonly scanner?: BatchScanner;
  /** Each malformed line, in input order; `reason` is given for the first few of each batch. */
  readonly onMalformed?: (line: number, reason: string | undefined) => void;
}

export interface ScanSummary {
  readonly lines: number;
  readonly events: number;
  readonly malformed: number;
  readonly stats: MatcherStats;
  /** Ordinals from `indicators.length` on are these rules, in this order. */
  readonly rules: readonly SigmaRule[];
  readonly sightings: readonly IndicatorSighting[];
}

const BATCH_BYTES = 1 << 20;
/**
 * Batches queued on a thread: with 2 a prefiltering thread sat idle 10-25 % of a scan, through the main
 * thread's young-generation collections; 4 (8 MB of batch buffers a thread) about halved that.
 */
const QUEUE_DEPTH = 4;

/**
 * Threads for a scan on this machine (at most 8). With the byte prefilter this thread reads, batches
 * and confirms the candidate lines, about as much work per event as a prefiltering thread, so it keeps
 * a core: one fewer than the cores (1.24 M vs 1.01 M events/s on 2 cores, docs/BENCHMARKS.md). Without
 * it the threads parse and match every line and this one only folds results: one per core.
 */
export function scanThreads(prefilter: boolean, cores = availableParallelism()): number {
  return Math.max(1, Math.min(prefilter ? cores - 1 : cores, 8));
}

/** Scans JSON lines from a stream with the indicators: batches of lines go to threads, results are folded in input order. */
export async function scanLines(
  input: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  options: ScanOptions,
): Promise<ScanSummary> {
  const local = options.scanner ?? new BatchScanner(options.indicators, options.mapping, options.rules);
  // correlation windows are kept here, fed in input order by the fold (threads only read the fields)
  const aggregate = new SightingAggregator(
    local.matcher.compiled,
    options.maxEvidence ?? 100,
    local.correlation(),
  );
  let lines = 0;
  let events = 0;
  let malformed = 0;
  const fold = (r: BatchResult): void => {
    lines += r.lines;
    events += r.events;
    malformed += r.malformed.length;
    for (let i = 0; i < r.malformed.length; i++) options.onMalformed?.(r.malformed[i]!, r.reasons[i]);
    for (const hit of r.hits) aggregate.add(hit);
  };
  // batch buffers come back from the threads (or from this thread's scan) and are used again: a fresh
  // megabyte per batch would be external memory that keeps the collector busy
  const spare: ArrayBuffer[] = [];
  const threads = options.workers === 'auto' ? scanThreads(local.lineFilter !== undefined) : options.workers;
  const pool = threads > 0 ? await WorkerPool.start(options, threads, local, fold, spare) : undefined;
  let seq = 0;
  let line = 1;
  const send = async (bytes: Uint8Array): Promise<void> => {
    const firstLine = line;
    line += countLines(bytes);
    if (pool === undefined) {
      fold(local.scanBytes(seq++, bytes, firstLine));
      spare.push(bytes.buffer as ArrayBuffer);
    } else await pool.submit(seq++, bytes, firstLine);
  };
  // each chunk is copied at once into the batch being filled, so a caller may reuse its buffer for
  // the next chunk (see readChunks) and a batch costs one copy
  let batch = take(spare, 2 * BATCH_BYTES);
  let size = 0;
  let first = true;
  for await (const chunk of input) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    options.onBytes?.(bytes.length);
    if (first && bytes.length > 0) {
      first = false;
      // a UTF-8 byte-order mark is not part of the first line (as a TextDecoder would drop it)
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    for (let from = 0; from < bytes.length; ) {
      if (size === batch.length) {
        // a line longer than the batch buffer: a bigger one
        const bigger = take(spare, 2 * batch.length);
        bigger.set(batch.subarray(0, size));
        batch = bigger;
      }
      const n = Math.min(bytes.length - from, batch.length - size);
      batch.set(bytes.subarray(from, from + n), size);
      size += n;
      from += n;
      if (size < BATCH_BYTES) continue;
      const cut = batch.lastIndexOf(10, size - 1);
      if (cut < 0) continue;
      // the tail goes to the next batch first: this batch's ArrayBuffer (all of it) may go to a thread
      const next = take(spare, Math.max(2 * BATCH_BYTES, size - cut - 1));
      next.set(batch.subarray(cut + 1, size));
      const full = batch.subarray(0, cut + 1);
      size -= cut + 1;
      batch = next;
      await send(full);
    }
  }
  if (size > 0) await send(batch.subarray(0, size));
  if (pool !== undefined) await pool.close();
  return {
    lines,
    events,
    malformed,
    stats: local.matcher.stats,
    rules: local.sigma?.rules ?? [],
    sightings: aggregate.ordered(),
  };
}

/** A batch buffer of at least `min` bytes in an ArrayBuffer of its own (a spare one when big enough). */
function take(spare: ArrayBuffer[], min: number): Buffer {
  const buffer = spare.pop();
  return Buffer.from(buffer !== undefined && buffer.byteLength >= min ? buffer : new ArrayBuffer(min));
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  return bytes[bytes.length - 1] === 10 ? n : n + 1;
}

/** Threads that scan batches; results are folded strictly in batch order whatever order they finish in. */
class WorkerPool {
  private readonly waiting = new Map<number, BatchResult>();
  private next = 0;
  /** Batches not yet folded (on a thread, or back and waiting for an earlier one). */
  private inFlight = 0;
  /** Per thread: batches sent and not yet back. */
  private readonly pending: number[];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  private readonly workers: Worker[];
  private readonly fold: (r: BatchResult) => void;

  private constructor(
    workers: Worker[],
    local: BatchScanner,
    prefilter: boolean,
    fold: (r: BatchResult) => void,
    spare: ArrayBuffer[],
  ) {
    this.workers = workers;
    this.fold = fold;
    this.pending = workers.map(() => 0);
    // a prefiltering thread answers with the lines left to confirm; this thread's matcher confirms them
    const finish = prefilter
      ? (r: Batch & Prefiltered) => {
          const result = local.confirm(r.seq, r.bytes, r);
          spare.push(r.bytes.buffer as ArrayBuffer);
          return result;
        }
      : (r: BatchResult) => r;
    for (const [i, w] of workers.entries()) {
      w.on('message', (r: BatchResult & Batch & Prefiltered) => {
        this.pending[i]!--;
        this.done(finish(r));
      });
      w.on('error', (e) => this.fail(e));
    }
  }

  /**
   * Starts the threads. With a byte prefilter they get only its tables (their large parts in shared
   * memory: no second load, no second copy); otherwise each compiles the indicators and rules itself.
   */
  static async start(
    options: ScanOptions,
    threads: number,
    local: BatchScanner,
    fold: (r: BatchResult) => void,
    spare: ArrayBuffer[],
  ): Promise<WorkerPool> {
    const filter = local.lineFilter;
    const url = new URL(filter !== undefined ? './prefilter-worker.ts' : './scan-worker.ts', import.meta.url);
    const workerData =
      filter !== undefined
        ? { filter }
        : { indicators: [...options.indicators], mapping: options.mapping, rules: options.rules };
    // --input-type (node -e) is refused by a worker started from a file; other flags pass as inherited
    const inputType = process.execArgv.some((a) => a.startsWith('--input-type'));
    const execArgv = inputType ? process.execArgv.filter((a) => !a.startsWith('--input-type')) : undefined;
    const workers = Array.from(
      { length: threads },
      () =>
        new Worker(url, {
          workerData,
          env: scanThreadEnv(),
          ...(execArgv === undefined ? {} : { execArgv }),
        }),
    );
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.once('message', () => resolve());
            w.once('error', reject);
          }),
      ),
    );
    return new WorkerPool(workers, local, filter !== undefined, fold, spare);
  }

  /**
   * Hands a batch to the thread with the fewest in flight, waiting while each has `QUEUE_DEPTH`. The
   * queue is counted per thread up to its answer, not up to the fold: a batch back but not yet folded
   * (this thread confirming, or collecting garbage for 15 ms) no longer keeps the next from going out,
   * so a prefiltering thread has work queued through this thread's pauses.
   */
  async submit(seq: number, bytes: Uint8Array, firstLine: number): Promise<void> {
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      let w = 0;
      for (let i = 1; i < this.pending.length; i++) if (this.pending[i]! < this.pending[w]!) w = i;
      // (results held for an earlier batch still on a slow thread are bounded too)
      if (this.pending[w]! < QUEUE_DEPTH && this.inFlight < 2 * QUEUE_DEPTH * this.workers.length) {
        this.pending[w]!++;
        this.inFlight++;
        this.workers[w]!.postMessage({ seq, bytes, firstLine }, [bytes.buffer as ArrayBuffer]);
        return;
      }
      await this.sleep();
    }
  }

  async close(): Promise<void> {
    while (this.inFlight > 0 && this.failure === undefined) await this.sleep();
    await Promise.all(this.workers.map((w) => w.terminate()));
    if (this.failure !== undefined) throw this.failure;
  }

  private done(r: BatchResult): void {
    this.waiting.set(r.seq, r);
    for (let ready = this.waiting.get(this.next); ready !== undefined; ready = this.waiting.get(this.next)) {
      this.waiting.delete(this.next++);
      this.inFlight--;
      this.fold(ready);
    }
    this.wake?.();
  }

  private fail(e: Error): void {
    this.failure = e;
    this.wake?.();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
    });
  }
}
