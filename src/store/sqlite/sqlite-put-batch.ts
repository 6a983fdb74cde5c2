/**
 * `putBatch` on SQLite: one immediate transaction, prepared statements, the shared plan. The write lock
 * of the transaction makes seq and dateAdded continue from the values read inside it.
 *
 * Per-statement overhead (binding, VDBE start-up, the crossing into native code) was a third of the
 * write's CPU with one statement per row, so look-ups and inserts go in multi-row statements, and the
 * tally is computed from the plan instead of read back from the rows just written.
 */
import type Database from 'better-sqlite3';
import { type BatchPlan, HIGH_WATER_KEY, highWater, pairKey, planBatch } from '../shared/batch-plan.ts';
import { addedLatestTally, TALLY_ADD_SQL, tallyDeltaSql } from '../shared/latest-tally.ts';
import { audienceJson } from '../shared/rows.ts';
import { audienceRows, uniqueTerms } from '../shared/store-errors.ts';
import { nowMicros } from '../shared/timestamps.ts';
import type { NewVersion, PutOutcome } from '../types.ts';

/**
 * Pages the WAL may hold before a commit copies them into the database file (SQLite's default: 1,000).
 * An import batch dirties about a thousand pages, most of them random index leaves that the next
 * batches dirty again, so checkpointing after every batch wrote each such page twice per batch; at
 * 10,000 pages (40 MB of WAL) a checkpoint folds several batches' copies of a page into one write.
 * Durability is the WAL's fsync at each commit (synchronous = FULL), which this does not change.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** Ids per look-up statement and rows per insert statement: well under SQLite's 32,766 variables. */
const IDS_PER_PROBE = 500;
const VERSION_ROWS_PER_STATEMENT = 100;
const CHILD_ROWS_PER_STATEMENT = 500;

export function sqliteBatchWriter(db: Database.Database): (versions: readonly NewVersion[]) => PutOutcome[] {
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  // One probe per id answers both questions; nearly every id in an import is new, so it finds nothing.
  const probe = db
    .prepare(
      `select id, seq, modified_key, is_latest, author_org from versions
       where id in (${Array(IDS_PER_PROBE).fill('?').join(', ')})`,
    )
    .raw();
  const last = db.prepare(
    `select coalesce(max(seq), 0), coalesce((select max(date_added) from versions), 0),
       (select value from settings where key = '${HIGH_WATER_KEY}') from versions`,
  );
  const demote = db.prepare('update versions set is_latest = 0 where seq = ?');
  const mark = db.prepare(
    'insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
  );
  const insertVersions = rowInserter(
    db,
    `versions (seq, id, type, spec_version, created, modified, modified_key, revoked, date_added, json,
       author_org, tlp, audience, is_latest)`,
    14,
    VERSION_ROWS_PER_STATEMENT,
  );
  const insertTerms = rowInserter(db, 'terms (value, kind, seq)', 3, CHILD_ROWS_PER_STATEMENT);
  const insertRefs = rowInserter(db, 'refs (ref, seq)', 2, CHILD_ROWS_PER_STATEMENT);
  const insertAudience = rowInserter(db, 'audience (seq, kind, member)', 3, CHILD_ROWS_PER_STATEMENT);
  const untally = db.prepare(tallyDeltaSql('seq = ?', -1));
  const tallyAdd = db.prepare(TALLY_ADD_SQL);

  const plan = (versions: readonly NewVersion[]): BatchPlan => {
    const existing = new Set<string>();
    const latestById = new Map<string, { seq: number; modifiedKey: string; authorOrg: string }>();
    const ids = [...new Set(versions.map((v) => v.id))];
    for (let at = 0; at < ids.length; at += IDS_PER_PROBE) {
      const part = ids.slice(at, at + IDS_PER_PROBE);
      // Padded with a repeat of its last id so that one prepared statement serves every size.
      while (part.length < IDS_PER_PROBE) part.push(part[part.length - 1]!);
      for (const [id, seq, modifiedKey, isLatest, authorOrg] of probe.all(part) as [
        string,
        number,
        string,
        number,
        string,
      ][]) {
        existing.add(pairKey(id, modifiedKey));
        if (isLatest) latestById.set(id, { seq, modifiedKey, authorOrg });
      }
    }
    const [maxSeq, maxAdded, mark] = last.raw().get() as [number, number, string | null];
    const water = highWater(mark ?? undefined, maxSeq, maxAdded);
    return planBatch(versions, { existing, latest: latestById, ...water, nowMicros: nowMicros() });
  };

  const write = db.transaction((versions: readonly NewVersion[]): PutOutcome[] => {
    const batch = plan(versions);
    for (const seq of batch.demote) {
      untally.run(seq);
      demote.run(seq);
    }
    const rows: (string | number | null)[] = [];
    const terms: (string | number)[] = [];
    const refs: (string | number)[] = [];
    const audiences: (string | number)[] = [];
    const tallied: { isLatest: boolean; type: string; tlp: string; authorOrg: string; audience: string }[] =
      [];
    for (const row of batch.rows) {
      const v = row.version;
      const audience = audienceJson(v.audience);
      rows.push(
        row.seq,
        v.id,
        v.type,
        v.specVersion,
        v.created,
        v.modified,
        row.modifiedKey,
        v.revoked ? 1 : 0,
        row.dateAddedMicros,
        v.json,
        v.authorOrg,
        v.tlp,
        audience,
        row.isLatest ? 1 : 0,
      );
      tallied.push({ isLatest: row.isLatest, type: v.type, tlp: v.tlp, authorOrg: v.authorOrg, audience });
      for (const [value, kind] of uniqueTerms(v.terms)) terms.push(value, kind, row.seq);
      for (const ref of new Set(v.refs)) refs.push(ref, row.seq);
      for (const [kind, member] of audienceRows(v.audience)) audiences.push(row.seq, kind, member);
    }
    insertVersions(rows);
    insertTerms(terms);
    insertRefs(refs);
    insertAudience(audiences);
    for (const g of addedLatestTally(tallied)) tallyAdd.run(g.type, g.tlp, g.authorOrg, g.audience, g.n);
    if (batch.rows.length > 0) mark.run(HIGH_WATER_KEY, batch.highWater);
    return batch.outcomes;
  });
  return (versions) => write.immediate(versions);
}

/**
 * Inserts flat parameter lists into `table` with multi-row statements of up to `perStatement` rows,
 * each row count prepared once.
 */
function rowInserter(
  db: Database.Database,
  table: string,
  width: number,
  perStatement: number,
): (flat: readonly (string | number | null)[]) => void {
  const statements = new Map<number, Database.Statement>();
  const statement = (rows: number): Database.Statement => {
    let prepared = statements.get(rows);
    if (!prepared) {
      const tuple = `(${Array(width).fill('?').join(', ')})`;
      prepared = db.prepare(`insert into ${table} values ${Array(rows).fill(tuple).join(', ')}`);
      statements.set(rows, prepared);
    }
    return prepared;
  };
  return (flat) => {
    const step = perStatement * width;
    for (let at = 0; at < flat.length; at += step) {
      const part = flat.slice(at, at + step);
      statement(part.length / width).run(part);
    }
  };
}
