import type { Readable } from 'node:stream';
import { BulwarkError, isBulwarkError } from '../../errors/index.ts';
import { validateObject } from '../../stix/index.ts';
import type { NewVersion, Store } from '../../store/index.ts';
import { readBundleElements } from '../bundle/read-bundle.ts';
import { conflictingDuplicates } from './conflicting-duplicates.ts';
import { type Provenance, prepareVersion } from './prepare-version.ts';

/** An object that was not stored, and why. */
export interface Rejection {
  index: number;
  line: number;
  id?: string;
  errors: { code: string; message: string; path?: string; rule?: string }[];
}

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
  /** Objects per store transaction. */
  batchSize?: number;
  onRejected?: (rejection: Rejection) => void;
  onProgress?: (progress: ImportProgress) => void;
}

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
  const groups = readBundleElements(input, options.source, (n) => {
    bytes += n;
  });
  let stored = 0;
  let batches = 0;
  try {
    return await importElements(
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
    if (
      isBulwarkError(error) &&
      (error.code === 'BULWARK_E_INVALID_JSON' || error.code === 'BULWARK_E_NOT_A_BUNDLE')
    ) {
      throw new BulwarkError(
        error.code === 'BULWARK_E_INVALID_JSON' ? 'INVALID_JSON' : 'NOT_A_BUNDLE',
        `${error.message}; ${stored} objects in ${batches} earlier batches are stored, the objects read since were not`,
        {
          ...error.place,
          cause: error,
          ...(error.hint ? { hint: error.hint } : {}),
        },
      );
    }
    throw error;
  }
}

/** One object to import: its JSON text, or a value already parsed (from a feed converter). */
export interface ImportElement {
  text?: string;
  value?: unknown;
  place: { index: number; line: number };
}

/**
 * The import core shared by bundles and feeds: validates each element, stores valid ones in
 * transactions of `batchSize`, reports the rest.
 */
export async function importElements(
  groups: AsyncIterable<readonly ImportElement[]>,
  options: ImportOptions,
  bytesRead: () => number = () => 0,
): Promise<ImportSummary> {
  const summary: ImportSummary = { read: 0, added: 0, duplicates: 0, rejected: 0, batches: 0 };
  const batchSize = options.batchSize ?? 1000;
  let batch: NewVersion[] = [];
  let places: ImportElement['place'][] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const outcomes = await storeBatch(options.store, batch, summary);
    const conflicts = new Set(await conflictingDuplicates(options.store, batch, outcomes));
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'added') summary.added++;
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
  };
  const reject = (rejection: Rejection): void => {
    summary.rejected++;
    options.onRejected?.(rejection);
  };
  for await (const group of groups) {
    for (const element of group) {
      summary.read++;
      const version = parseAndPrepare(element, options, reject);
      if (version) {
        batch.push(version);
        places.push(element.place);
      }
      if (batch.length >= batchSize) await flush();
    }
  }
  await flush();
  return summary;
}

function conflictRejection(version: NewVersion, place: ImportElement['place']): Rejection {
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

function parseAndPrepare(
  element: ImportElement,
  provenance: Provenance,
  reject: (r: Rejection) => void,
): NewVersion | undefined {
  const { index, line } = element.place;
  let value: unknown = element.value;
  try {
    if (element.text !== undefined) value = JSON.parse(element.text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reject({
      index,
      line,
      errors: [{ code: 'BULWARK_E_INVALID_JSON', message: `Malformed JSON: ${message}` }],
    });
    return undefined;
  }
  const result = validateObject(value);
  if (!result.ok) {
    const id = typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : undefined;
    reject({
      index,
      line,
      ...(id ? { id } : {}),
      errors: result.errors.map((e) => ({
        code: e.code,
        message: e.message,
        ...(e.place.path ? { path: e.place.path } : {}),
        ...(e.rule ? { rule: e.rule } : {}),
      })),
    });
    return undefined;
  }
  return prepareVersion(result.object, provenance);
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
