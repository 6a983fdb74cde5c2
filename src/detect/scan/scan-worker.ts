import { parentPort, workerData } from 'node:worker_threads';
import type { IndicatorInput } from '../matcher/index.ts';
import type { Mapping } from './mapping.ts';
import type { RuleSources } from './rule-sources.ts';
import { BatchScanner } from './scan-batch.ts';

/**
 * A scanning thread for scans the byte prefilter cannot serve (Sigma rules, or indicators it cannot
 * decide): every line is parsed, so it compiles the indicators and rules once and answers each batch.
 */
const data = workerData as { indicators: IndicatorInput[]; mapping: Mapping; rules?: RuleSources };
const scanner = new BatchScanner(data.indicators, data.mapping, data.rules);
parentPort?.on('message', (batch: { seq: number; bytes: Uint8Array; firstLine: number }) => {
  parentPort?.postMessage(scanner.scanBytes(batch.seq, batch.bytes, batch.firstLine));
});
parentPort?.postMessage({ ready: true });
