import type { Readable } from 'node:stream';
import { BulwarkError, isBulwarkError } from '../../errors/index.ts';
import type { NewVersion, Store } from '../../store/index.ts';
import { readBundleElements } from '../bundle/read-bundle.ts';
import { conflictingDuplicates } from './conflicting-duplicates.ts';
import {
  type ElementPlace,
  type ImportElement,
  type PreparedGroup,
  prepareGroup,
  type Rejection,
} from './prepare-group.ts';
import type { Provenance } from './prepare-version.ts';
import { preparedInWorker } from './prepared-in-worker.ts';

export type { ImportElement, Rejection } from './prepare-group.ts';

export interface ImportProgress {
  read: number;
  added: number;
  /** Objects in committed batches (added or already there). */
  stored: number;
  batches: number;
  bytes: number;
}

export interface ImportOptions extends Provenance {
  store: Store;
  source?: string;
  /** Objects per store transaction (default `DEFAULT_IMPORT_BATCH`). */
  batchSize?: number;
  /**
   * Parse and validate in a worker thread while this thread writes to the store: worth it for large
   * inputs (it costs a thread start-up), so the CLI turns it on for large files.
   */
  parallel?: boolean;
  onRejected?: (rejection: Rejection) => void;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Objects per store transaction when the caller does not say. Each commit fsyncs every page the batch
 * dirtied, and most are random leaves of the id and term indexes that the next batch dirties again:
 * importing 200,000 indicators into SQLite wrote 14 KB per object at 1,000 per batch, 6.7 KB at 5,000
 * and 4.6 KB at 10,000, and the disk, not the CPU, set the pace. A 10,000-object transaction holds the
 * store's write lock for about half a second (well inside SQLite's 5 s busy timeout) and some 30 MB.
 */
export const DEFAULT_IMPORT_BATCH = 10_000;

export interface ImportSummary {
  read: number;
  added: number;
  duplicates: number;
  rejected: number;
  batches: number;
}

/**
 * Streams a bundle into the store: each element is parsed and validated on its own, invalid ones are
 * reported and skipped, valid ones are stored in transactions of `batchSize`. A failure of the input
 * or the store stops the import; every batch committed before it stays, and nothing of the failed
 * batch is written (re-running the import skips what is there as duplicates).
 */
export async function importBundle(
  input: Readable | AsyncIterable<Buffer | string>,
  options: ImportOptions,
): Promise<ImportSummary> {
  let bytes = 0;
  const onBytes = (n: number): void => {
    bytes += n;
  };
  const source = options.source ?? 'input';
  const groups = options.parallel
    ? preparedInWorker(input, provenanceOf(options), source, onBytes)
    : prepareAll(readBundleElements(input, source, onBytes), options);
  let stored = 0;
  let batches = 0;
  try {
    return await storePrepared(
      groups,
      {
        ...options,
        onProgress: (p) => {
          stored = p.stored;
          batches = p.batches;
          options.onProgress?.(p);
        },
      },
      () => bytes,
    );
  } catch (error) {
    if (isBulwarkError(error) && ['BULWARK_E_INVALID_JSON', 'BULWARK_E_NOT_A_BUNDLE'].includes(error.code)) {
      throw new BulwarkError(
        error.code === 'BULWARK_E_INVALID_JSON' ? 'INVALID_JSON' : 'NOT_A_BUNDLE',
        `${error.message}; ${stored} objects in ${batches} earlier batches are stored, the objects read since were not`,
        { ...error.place, cause: error, ...(error.hint ? { hint: error.hint } : {}) },
      );
    }
    throw error;
  }
}

/** The import core shared by bundles and feeds: elements in, validated and stored in batches. */
export function importElements(
  groups: AsyncIterable<readonly ImportElement[]>,
  options: ImportOptions,
): Promise<ImportSummary> {
  return storePrepared(prepareAll(groups, options), options, () => 0);
}

function provenanceOf(options: ImportOptions): Provenance {
  return {
    authorOrg: options.authorOrg,
    defaultTlp: options.defaultTlp,
    audience: options.audience,
    ...(options.createdByRef ? { createdByRef: options.createdByRef } : {}),
  };
}

async function* prepareAll(
  groups: AsyncIterable<readonly ImportElement[]>,
  options: ImportOptions,
): AsyncGenerator<PreparedGroup> {
  const provenance = provenanceOf(options);
  for await (const group of groups) yield prepareGroup(group, provenance);
}

/** Stores prepared groups in transactions of `batchSize`, reporting rejections and progress. */
async function storePrepared(
  groups: AsyncIterable<PreparedGroup>,
  options: ImportOptions,
  bytesRead: () => number,
): Promise<ImportSummary> {
  const summary: ImportSummary = { read: 0, added: 0, duplicates: 0, rejected: 0, batches: 0 };
  const batchSize = options.batchSize ?? DEFAULT_IMPORT_BATCH;
  let batch: NewVersion[] = [];
  let places: ElementPlace[] = [];
  const reject = (rejection: Rejection): void => {
    summary.rejected++;
    options.onRejected?.(rejection);
  };
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const outcomes = await storeBatch(options.store, batch, summary);
    const conflicts = new Set(await conflictingDuplicates(options.store, batch, outcomes));
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'added') summary.added++;
      else if (outcome.status === 'not-author') reject(notAuthorRejection(batch[i]!, places[i]!));
      else if (!conflicts.has(i)) summary.duplicates++;
      else reject(conflictRejection(batch[i]!, places[i]!));
    });
    summary.batches++;
    batch = [];
    places = [];
    options.onProgress?.({
      read: summary.read,
      added: summary.added,
      stored: summary.added + summary.duplicates,
      batches: summary.batches,
      bytes: bytesRead(),
    });
    // A SQLite batch is written synchronously and the groups already received are handed over without
    // a turn of the event loop, so without this the input's reads and the chunks for the parse worker
    // waited until every received group was stored, and the worker stood idle in the meantime.
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  for await (const group of groups) {
    summary.read += group.read;
    for (const rejection of group.rejections) reject(rejection);
    for (let i = 0; i < group.versions.length; i++) {
      batch.push(group.versions[i]!);
      places.push(group.places[i]!);
      if (batch.length >= batchSize) await flush();
    }
  }
  await flush();
  return summary;
}

function conflictRejection(version: NewVersion, place: ElementPlace): Rejection {
  return {
    ...place,
    id: version.id,
    errors: [
      {
        code: 'BULWARK_E_STIX_DUPLICATE',
        message: `version ${version.modified ?? '(unversioned)'} of ${version.id} is already stored with different content; a changed object needs a newer "modified"`,
        path: 'modified',
        rule: 'same-version-same-content',
      },
    ],
  };
}

function notAuthorRejection(version: NewVersion, place: ElementPlace): Rejection {
  return {
    ...place,
    id: version.id,
    errors: [
      {
        code: 'BULWARK_E_STIX_NOT_AUTHOR',
        // Says nothing of who the author is: the object may be one this organisation may not read.
        message: `${version.id} was created by another organisation; only its author organisation may add versions of it`,
        path: 'id',
        rule: 'author-versions-own-objects',
      },
    ],
  };
}

async function storeBatch(store: Store, batch: NewVersion[], summary: ImportSummary) {
  try {
    return await store.putBatch(batch);
  } catch (error) {
    const committed = `${summary.added + summary.duplicates} objects in ${summary.batches} earlier batches are stored`;
    if (isBulwarkError(error)) {
      throw new BulwarkError(
        error.spec.code === 'BULWARK_E_STORE_UNAVAILABLE' ? 'STORE_UNAVAILABLE' : 'INTERNAL',
        `${error.message}; the batch of ${batch.length} objects being written was rolled back, ${committed}`,
        {
          cause: error,
          hint: 'Fix the cause and run the import again: stored objects are skipped as duplicates',
        },
      );
    }
    throw error;
  }
}
