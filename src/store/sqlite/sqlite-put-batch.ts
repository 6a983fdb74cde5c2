/**
 * `putBatch` on SQLite: one immediate transaction, prepared statements, the shared plan. The write lock
 * of the transaction makes seq and dateAdded continue from the values read inside it.
 */
import type Database from 'better-sqlite3';
import { type BatchPlan, HIGH_WATER_KEY, highWater, pairKey, planBatch } from '../shared/batch-plan.ts';
import { audienceJson } from '../shared/rows.ts';
import { audienceRows, uniqueTerms } from '../shared/store-errors.ts';
import { nowMicros } from '../shared/timestamps.ts';
import type { NewVersion, PutOutcome } from '../types.ts';

export function sqliteBatchWriter(db: Database.Database): (versions: readonly NewVersion[]) => PutOutcome[] {
  // One probe per id answers both questions; nearly every id in an import is new, so it finds nothing.
  const stored = db.prepare('select seq, modified_key, is_latest from versions where id = ?').raw();
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
  const insertTerm = db.prepare('insert into terms (value, kind, seq) values (?, ?, ?)');
  const insertRef = db.prepare('insert into refs (ref, seq) values (?, ?)');
  const insertAudience = db.prepare('insert into audience (seq, kind, member) values (?, ?, ?)');

  const plan = (versions: readonly NewVersion[]): BatchPlan => {
    const existing = new Set<string>();
    const latestById = new Map<string, { seq: number; modifiedKey: string }>();
    const probed = new Set<string>();
    for (const v of versions) {
      if (probed.has(v.id)) continue;
      probed.add(v.id);
      for (const [seq, modifiedKey, isLatest] of stored.all(v.id) as [number, string, number][]) {
        existing.add(pairKey(v.id, modifiedKey));
        if (isLatest) latestById.set(v.id, { seq, modifiedKey });
      }
    }
    const [maxSeq, maxAdded, mark] = last.raw().get() as [number, number, string | null];
    const water = highWater(mark ?? undefined, maxSeq, maxAdded);
    return planBatch(versions, { existing, latest: latestById, ...water, nowMicros: nowMicros() });
  };

  const write = db.transaction((versions: readonly NewVersion[]): PutOutcome[] => {
    const batch = plan(versions);
    for (const seq of batch.demote) demote.run(seq);
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
      for (const [value, kind] of uniqueTerms(v.terms)) insertTerm.run(value, kind, row.seq);
      for (const ref of new Set(v.refs)) insertRef.run(ref, row.seq);
      for (const [kind, member] of audienceRows(v.audience)) insertAudience.run(row.seq, kind, member);
    }
    if (batch.rows.length > 0) mark.run(HIGH_WATER_KEY, batch.highWater);
    return batch.outcomes;
  });
  return (versions) => write.immediate(versions);
}
