import { parentPort, workerData } from 'node:worker_threads';
import { JsonLineFilter } from './json-line-filter.ts';
import { prefilterLines } from './prefilter-lines.ts';

/**
 * A prefiltering thread: it runs only the byte prefilter, on tables shared with the main thread
 * (built once, held once), and loads only the prefilter's code, so it starts in a fraction of the
 * time a full scanner takes. The lines it leaves go back with the bytes, for the main thread's
 * matcher to confirm.
 */
const filter = await JsonLineFilter.revive((workerData as { filter: JsonLineFilter }).filter);
parentPort?.on('message', (batch: { seq: number; bytes: Uint8Array; firstLine: number }) => {
  // the candidates array is the exact size and this thread's own: it goes back without a copy
  const pre = prefilterLines(filter, batch.bytes, batch.firstLine);
  parentPort?.postMessage({ ...batch, ...pre }, [
    batch.bytes.buffer as ArrayBuffer,
    pre.candidates.buffer as ArrayBuffer,
  ]);
});
parentPort?.postMessage({ ready: true });
