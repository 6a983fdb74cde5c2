/**
 * `putBatch` on PostgreSQL: one transaction, a handful of statements whatever the batch size (look-ups
 * and inserts pass whole columns as arrays through `unnest`). An advisory lock per schema serialises
 * writers, so seq and dateAdded continue from the values read after taking it, across processes.
 */
import type pg from 'pg';
import { type BatchPlan, HIGH_WATER_KEY, highWater, pairKey, planBatch } from '../shared/batch-plan.ts';
import { tallyDeltaSql } from '../shared/latest-tally.ts';
import { audienceJson } from '../shared/rows.ts';
import { audienceRows, uniqueTerms } from '../shared/store-errors.ts';
import { nowMicros, timestampKey } from '../shared/timestamps.ts';
import type { NewVersion } from '../types.ts';

const LOCK = "select pg_advisory_xact_lock(hashtext(current_schema() || '.bulwark.write'))";

async function planOnServer(client: pg.PoolClient, versions: readonly NewVersion[]): Promise<BatchPlan> {
  await client.query(LOCK);
  const ids = versions.map((v) => v.id);
  const keys = versions.map((v) => timestampKey(v.modified));
  const state = await client.query({
    text: `select 'e' as k, v.id, v.modified_key, v.seq, null as author from versions v
             join unnest($1::text[], $2::text[]) as b(id, mk) on v.id = b.id and v.modified_key = b.mk
           union all
           select 'l', id, modified_key, seq, author_org from versions where id = any($1::text[]) and is_latest
           union all
           select 'm', null, null, coalesce(max(seq), 0), null from versions
           union all
           select 'd', null, null, coalesce(max(date_added), 0), null from versions
           union all
           select 'h', value, null, 0, null from settings where key = $3`,
    values: [ids, keys, HIGH_WATER_KEY],
    rowMode: 'array',
  });
  const existing = new Set<string>();
  const latest = new Map<string, { seq: number; modifiedKey: string; authorOrg: string }>();
  let lastSeq = 0;
  let lastAdded = 0;
  let mark: string | undefined;
  for (const [kind, id, key, value, author] of state.rows as [string, string, string, string, string][]) {
    if (kind === 'e') existing.add(pairKey(id, key));
    else if (kind === 'l') latest.set(id, { seq: Number(value), modifiedKey: key, authorOrg: author });
    else if (kind === 'm') lastSeq = Number(value);
    else if (kind === 'd') lastAdded = Number(value);
    else mark = id;
  }
  const water = highWater(mark, lastSeq, lastAdded);
  return planBatch(versions, { existing, latest, ...water, nowMicros: nowMicros() });
}

/** Writes the plan; the caller owns the transaction. */
export async function writeBatch(client: pg.PoolClient, versions: readonly NewVersion[]): Promise<BatchPlan> {
  const plan = await planOnServer(client, versions);
  if (plan.rows.length === 0) return plan;
  if (plan.demote.length > 0) {
    await client.query(tallyDeltaSql('seq = any($1::bigint[])', -1), [plan.demote]);
    await client.query('update versions set is_latest = false where seq = any($1::bigint[])', [plan.demote]);
  }
  await insertVersions(client, plan);
  await insertChildren(client, plan);
  await client.query(tallyDeltaSql('seq > $1 and is_latest', 1), [plan.rows[0]!.seq - 1]);
  await client.query(
    'insert into settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value',
    [HIGH_WATER_KEY, plan.highWater],
  );
  return plan;
}

async function insertVersions(client: pg.PoolClient, plan: BatchPlan): Promise<void> {
  const columns: unknown[][] = Array.from({ length: 14 }, () => []);
  for (const row of plan.rows) {
    const v = row.version;
    const values = [
      row.seq,
      v.id,
      v.type,
      v.specVersion,
      v.created,
      v.modified,
      row.modifiedKey,
      v.revoked,
      row.dateAddedMicros,
      v.json,
      v.authorOrg,
      v.tlp,
      audienceJson(v.audience),
      row.isLatest,
    ];
    for (let i = 0; i < values.length; i++) columns[i]!.push(values[i]);
  }
  await client.query(
    `insert into versions (seq, id, type, spec_version, created, modified, modified_key, revoked, date_added,
       json, author_org, tlp, audience, is_latest)
     select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::boolean[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[], $14::boolean[])`,
    columns,
  );
}

async function insertChildren(client: pg.PoolClient, plan: BatchPlan): Promise<void> {
  const term = { value: [] as string[], kind: [] as string[], seq: [] as number[] };
  const ref = { ref: [] as string[], seq: [] as number[] };
  const audience = { seq: [] as number[], kind: [] as string[], member: [] as string[] };
  for (const row of plan.rows) {
    for (const [value, kind] of uniqueTerms(row.version.terms)) {
      term.value.push(value);
      term.kind.push(kind);
      term.seq.push(row.seq);
    }
    for (const r of new Set(row.version.refs)) {
      ref.ref.push(r);
      ref.seq.push(row.seq);
    }
    for (const [kind, member] of audienceRows(row.version.audience)) {
      audience.seq.push(row.seq);
      audience.kind.push(kind);
      audience.member.push(member);
    }
  }
  if (term.seq.length > 0) {
    await client.query(
      'insert into terms (value, kind, seq) select * from unnest($1::text[], $2::text[], $3::bigint[])',
      [term.value, term.kind, term.seq],
    );
  }
  if (ref.seq.length > 0) {
    await client.query('insert into refs (ref, seq) select * from unnest($1::text[], $2::bigint[])', [
      ref.ref,
      ref.seq,
    ]);
  }
  if (audience.seq.length > 0) {
    await client.query(
      'insert into audience (seq, kind, member) select * from unnest($1::bigint[], $2::text[], $3::text[])',
      [audience.seq, audience.kind, audience.member],
    );
  }
}
