/**
 * Worker thread of a parallel import: splits the bundle bytes it is sent, parses, validates and
 * prepares the objects, and sends back prepared groups, so the importing thread spends its core on
 * the store alone. In: `chunk`, `end`. Out: `group`, `ack` (one per chunk), `error`, `done`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isBulwarkError } from '../../errors/index.ts';
import { BundleSplitter } from '../bundle/bundle-splitter.ts';
import { type ImportElement, prepareGroup } from './prepare-group.ts';
import type { Provenance } from './prepare-version.ts';
import type { FromWorker, ToWorker } from './worker-messages.ts';

const { provenance, source } = workerData as { provenance: Provenance; source: string };
const port = parentPort!;
let pending: ImportElement[] = [];
let failed = false;
const splitter = new BundleSplitter((text, place) => pending.push({ text, place }), source);

function send(message: FromWorker): void {
  port.postMessage(message);
}

function flush(): void {
  if (pending.length === 0) return;
  send({ kind: 'group', group: prepareGroup(pending, provenance) });
  pending = [];
}

function fail(error: unknown): void {
  failed = true;
  flush();
  send({
    kind: 'error',
    error: isBulwarkError(error)
      ? { code: error.code, message: error.message, place: error.place, hint: error.hint }
      : { code: 'BULWARK_E_INTERNAL', message: String(error), place: {} },
  });
}

port.on('message', (message: ToWorker) => {
  if (failed) return;
  try {
    if (message.kind === 'chunk') {
      splitter.write(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
      flush();
      send({ kind: 'ack' });
    } else {
      splitter.end();
      flush();
      send({ kind: 'done' });
    }
  } catch (error) {
    fail(error);
  }
});
