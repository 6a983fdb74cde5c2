import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { BulwarkError, type ErrorName, Errors } from '../../errors/index.ts';
import type { PreparedGroup } from './prepare-group.ts';
import type { Provenance } from './prepare-version.ts';
import type { FromWorker, SerialisedError, ToWorker } from './worker-messages.ts';

/** Chunks sent to the worker and not yet answered: bounds memory when the store is the slower side. */
const MAX_IN_FLIGHT = 4;

function revive(error: SerialisedError): BulwarkError {
  const name = error.code.replace(/^BULWARK_E_/, '') as ErrorName;
  return new BulwarkError(name in Errors ? name : 'INTERNAL', error.message, {
    ...error.place,
    ...(error.hint ? { hint: error.hint } : {}),
  });
}

/**
 * Prepared groups of a bundle, parsed and validated in a worker thread while the caller stores the
 * previous ones: the two cores of an import each do one half of the work.
 */
export async function* preparedInWorker(
  input: Readable | AsyncIterable<Buffer | string>,
  provenance: Provenance,
  source: string,
  onBytes: (bytes: number) => void,
): AsyncGenerator<PreparedGroup> {
  const worker = new Worker(new URL('./prepare-worker.ts', import.meta.url), {
    workerData: { provenance, source },
  });
  const inbox: (FromWorker | { kind: 'crash'; error: Error })[] = [];
  let wake: (() => void) | undefined;
  let inFlight = 0;
  let ackWaiter: (() => void) | undefined;
  let stopped = false;
  worker.on('message', (m: FromWorker) => {
    inbox.push(m);
    wake?.();
  });
  worker.on('error', (error) => {
    inbox.push({ kind: 'crash', error });
    wake?.();
  });
  const send = (message: ToWorker, transfer: ArrayBuffer[] = []): void =>
    worker.postMessage(message, transfer);
  const pump = (async () => {
    for await (const chunk of input) {
      if (stopped) return;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      while (inFlight >= MAX_IN_FLIGHT && !stopped) await new Promise<void>((r) => (ackWaiter = r));
      const copy = new Uint8Array(bytes); // owned, so it can be transferred without copying again
      send({ kind: 'chunk', bytes: copy }, [copy.buffer as ArrayBuffer]);
      inFlight++;
      onBytes(bytes.length);
    }
    send({ kind: 'end' });
  })();
  pump.catch((error: unknown) => {
    inbox.push({ kind: 'crash', error: error instanceof Error ? error : new Error(String(error)) });
    wake?.();
  });
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((r) => (wake = r));
      wake = undefined;
      const message = inbox.shift()!;
      if (message.kind === 'group') yield message.group;
      else if (message.kind === 'ack') {
        inFlight--;
        ackWaiter?.();
        ackWaiter = undefined;
      } else if (message.kind === 'error') throw revive(message.error);
      else if (message.kind === 'crash') throw message.error;
      else break;
    }
  } finally {
    stopped = true;
    ackWaiter?.();
    await worker.terminate();
  }
}
