import { parentPort, workerData } from 'node:worker_threads';
import type { IndicatorInput } from '../matcher/index.ts';
import type { Mapping } from './mapping.ts';
import { BatchScanner } from './scan-batch.ts';

/** A scanning thread: compiles the indicators once, then answers each batch of lines with its result. */
const data = workerData as { indicators: IndicatorInput[]; mapping: Mapping; rulesDir?: string };
const scanner = new BatchScanner(data.indicators, data.mapping, data.rulesDir);
parentPort?.on('message', (batch: { seq: number; bytes: Uint8Array; firstLine: number }) => {
  parentPort?.postMessage(scanner.scanBytes(batch.seq, batch.bytes, batch.firstLine));
});
parentPort?.postMessage({ ready: true });
