/**
 * What a `putBatch` writes, decided once for both adapters: which versions are new, their seq and
 * dateAdded (strictly increasing, continuing from the store's last values), which become the latest
 * version of their object and which stored versions stop being latest. The adapter looks up the store's
 * state, calls `planBatch` inside its write transaction, and writes the plan.
 *
 * Only the organisation that authored an object adds versions of it: a newer version from anyone else
 * would replace what every reader sees as the author's latest. Deciding it here, inside the write
 * transaction, leaves no window between the check and the write.
 */
import type { NewVersion, PutOutcome } from '../types.ts';
import { formatMicros, timestampKey } from './timestamps.ts';

export interface PlannedRow {
  seq: number;
  dateAddedMicros: number;
  modifiedKey: string;
  isLatest: boolean;
  version: NewVersion;
}

export interface BatchPlan {
  outcomes: PutOutcome[];
  /** The store's high-water mark after this batch, for `HIGH_WATER_KEY`. */
  highWater: string;
  rows: PlannedRow[];
  /** Seqs of stored versions that a newer version in this batch replaces as latest. */
  demote: number[];
}

/** The store's state for the ids and keys of one batch. */
export interface BatchContext {
  /** `pairKey(id, modifiedKey)` of versions already stored. */
  existing: ReadonlySet<string>;
  /** The stored latest version of each id in the batch that has one, with its author organisation. */
  latest: ReadonlyMap<string, { seq: number; modifiedKey: string; authorOrg: string }>;
  lastSeq: number;
  lastAddedMicros: number;
  nowMicros: number;
}

/**
 * Settings key of the last seq and dateAdded ever given out. Versions can be deleted (TAXII DELETE), so
 * max(seq) over what remains could go back and hand a seq out twice; a cursor on it would then skip
 * the new row.
 */
export const HIGH_WATER_KEY = 'store.high-water';

/** The last (seq, dateAdded) given out: the greater of the stored mark and what the tables hold. */
export function highWater(mark: string | undefined, maxSeq: number, maxAddedMicros: number) {
  const [seq, micros] = (mark ?? '0/0').split('/').map(Number);
  return { lastSeq: Math.max(seq || 0, maxSeq), lastAddedMicros: Math.max(micros || 0, maxAddedMicros) };
}

export function pairKey(id: string, modifiedKey: string): string {
  return `${id}\u0000${modifiedKey}`;
}

type Leader = { stored: number; key: string } | { row: PlannedRow; key: string };

export function planBatch(versions: readonly NewVersion[], context: BatchContext): BatchPlan {
  const outcomes: PutOutcome[] = [];
  const rows: PlannedRow[] = [];
  const demote: number[] = [];
  const seen = new Set<string>();
  const leaders = new Map<string, Leader>();
  const authors = new Map<string, string>();
  let seq = context.lastSeq;
  let added = context.lastAddedMicros;
  for (const version of versions) {
    const modifiedKey = timestampKey(version.modified);
    const pair = pairKey(version.id, modifiedKey);
    if (seen.has(pair) || context.existing.has(pair)) {
      outcomes.push({ status: 'duplicate', id: version.id, modified: version.modified });
      continue;
    }
    const author = authors.get(version.id) ?? context.latest.get(version.id)?.authorOrg ?? version.authorOrg;
    if (author !== version.authorOrg) {
      outcomes.push({ status: 'not-author', id: version.id, modified: version.modified });
      continue;
    }
    authors.set(version.id, author);
    seen.add(pair);
    seq += 1;
    added = Math.max(context.nowMicros, added + 1);
    const row: PlannedRow = { seq, dateAddedMicros: added, modifiedKey, isLatest: false, version };
    rows.push(row);
    promote(row, leaders, context, demote);
    outcomes.push({
      status: 'added',
      id: version.id,
      modified: version.modified,
      seq,
      dateAdded: formatMicros(added),
    });
  }
  return { outcomes, rows, demote, highWater: `${seq}/${added}` };
}

function promote(
  row: PlannedRow,
  leaders: Map<string, Leader>,
  context: BatchContext,
  demote: number[],
): void {
  const id = row.version.id;
  let leader = leaders.get(id);
  if (leader === undefined) {
    const stored = context.latest.get(id);
    if (stored !== undefined) leader = { stored: stored.seq, key: stored.modifiedKey };
  }
  if (leader !== undefined && leader.key >= row.modifiedKey) return;
  if (leader !== undefined) {
    if ('row' in leader) leader.row.isLatest = false;
    else demote.push(leader.stored);
  }
  row.isLatest = true;
  leaders.set(id, { row, key: row.modifiedKey });
}
