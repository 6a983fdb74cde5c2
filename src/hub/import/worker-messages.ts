import type { ErrorPlace } from '../../errors/index.ts';
import type { PreparedGroup } from './prepare-group.ts';

export type ToWorker = { kind: 'chunk'; bytes: Uint8Array } | { kind: 'end' };

export interface SerialisedError {
  code: string;
  message: string;
  place: ErrorPlace;
  hint?: string | undefined;
}

export type FromWorker =
  | { kind: 'group'; group: PreparedGroup }
  | { kind: 'ack' }
  | { kind: 'error'; error: SerialisedError }
  | { kind: 'done' };
