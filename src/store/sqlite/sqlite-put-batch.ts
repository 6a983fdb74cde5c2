/**
 * `putBatch` on SQLite: one immediate transaction, prepared statements, the shared plan. The write lock
 * of the transaction makes seq and dateAdded continue from the values read inside it.
 */
import type Database from 'better-sqlite3';
import { type BatchPlan, HIGH_WATER_KEY, highWater, pairKey, planBatch } from '../shared/batch-plan.ts';
import { tallyDeltaSql } from '../shared/latest-tally.ts';
import { audienceJson } from '../shared/rows.ts';
import { audienceRows, uniqueTerms } from '../shared/store-errors.ts';
import { nowMicros } from '../shared/timestamps.ts';
import type { NewVersion, PutOutcome } from '../types.ts';

export function sqliteBatchWriter(db: Database.Database): (versions: readonly NewVersion[]) => PutOutcome[] {
  // One probe per id answers both questions; nearly every id in an import is new, so it finds nothing.
  const stored = db
    .prepare('select seq, modified_key, is_latest, author_org from versions where id = ?')
    .raw();
  const last = db.prepare(
    `select coalesce(max(seq), 0), coalesce((select max(date_added) from versions), 0),
       (select value from settings where key = '${HIGH_WATER_KEY}') from versions`,
  );
  const insertVersion = db.prepare(
    `insert into versions (seq, id, type, spec_version, created, modified, modified_key, revoked, date_added,
       json, author_org, tlp, audience, is_latest) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const demote = db.prepare('update versions set is_latest = 0 where seq = ?');
  const mark = db.prepare(
    'insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
  );
  // terms and refs are most of the rows written: they go in multi-row statements, one per 500 rows
  const insertTerms = rowInserter(db, 'terms (value, kind, seq)', 3);
  const insertRefs = rowInserter(db, 'refs (ref, seq)', 2);
  const insertAudience = db.prepare('insert into audience (seq, kind, member) values (?, ?, ?)');
  const untally = db.prepare(tallyDeltaSql('seq = ?', -1));
  const tallyFrom = db.prepare(tallyDeltaSql('seq > ? and is_latest', 1));

  const plan = (versions: readonly NewVersion[]): BatchPlan => {
    const existing = new Set<string>();
    const latestById = new Map<string, { seq: number; modifiedKey: string; authorOrg: string }>();
    const probed = new Set<string>();
    for (const v of versions) {
      if (probed.has(v.id)) continue;
      probed.add(v.id);
      const rows = stored.all(v.id) as [number, string, number, string][];
      for (const [seq, modifiedKey, isLatest, authorOrg] of rows) {
        existing.add(pairKey(v.id, modifiedKey));
        if (isLatest) latestById.set(v.id, { seq, modifiedKey, authorOrg });
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
    const terms: (string | number)[] = [];
    const refs: (string | number)[] = [];
    for (const row of batch.rows) {
      const v = row.version;
      insertVersion.run(
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
        audienceJson(v.audience),
        row.isLatest ? 1 : 0,
      );
      for (const [value, kind] of uniqueTerms(v.terms)) terms.push(value, kind, row.seq);
      for (const ref of new Set(v.refs)) refs.push(ref, row.seq);
      for (const [kind, member] of audienceRows(v.audience)) insertAudience.run(row.seq, kind, member);
    }
    if (batch.rows.length > 0) {
      mark.run(HIGH_WATER_KEY, batch.highWater);
      tallyFrom.run(batch.rows[0]!.seq - 1);
    }
    insertTerms(terms);
    insertRefs(refs);
    return batch.outcomes;
  });
  return (versions) => write.immediate(versions);
}

const ROWS_PER_STATEMENT = 500;

/** Inserts flat parameter lists into `table` with multi-row statements, prepared once per row count. */
function rowInserter(
  db: Database.Database,
  table: string,
  width: number,
): (flat: readonly (string | number)[]) => void {
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
    const step = ROWS_PER_STATEMENT * width;
    for (let at = 0; at < flat.length; at += step) {
      const part = flat.slice(at, at + step);
      statement(part.length / width).run(...part);
    }
  };
}
