/**
 * `putBatch` on PostgreSQL: one transaction, a handful of statements whatever the batch size (look-ups
 * and inserts pass whole columns as arrays through `unnest`). An advisory lock per schema serialises
 * writers, so seq and dateAdded continue from the values read after taking it, across processes.
 *
 * Round trips, not rows, set the pace on a busy machine: each one waits for the server process to be
 * scheduled and back. So the rows of every table, the tally and the high-water mark go in one
 * statement of data-modifying CTEs: begin with the lock, the state look-up, the write, commit.
 */
import type pg from 'pg';
import { type BatchPlan, HIGH_WATER_KEY, highWater, pairKey, planBatch } from '../shared/batch-plan.ts';
import { addedLatestTally, tallyDeltaSql } from '../shared/latest-tally.ts';
import { audienceJson } from '../shared/rows.ts';
import { audienceRows, uniqueTerms } from '../shared/store-errors.ts';
import { nowMicros } from '../shared/timestamps.ts';
import type { NewVersion } from '../types.ts';

const LOCK = "select pg_advisory_xact_lock(hashtext(current_schema() || '.bulwark.write'))";

/** Opens the write transaction and takes the writers' lock, in one round trip. */
export const BEGIN_WRITE = `begin; ${LOCK}`;

async function planOnServer(client: pg.PoolClient, versions: readonly NewVersion[]): Promise<BatchPlan> {
  // One index probe per id answers both questions (stored pairs, latest version and its author), as
  // on SQLite; nearly every id in an import is new, so it finds nothing.
  const ids = [...new Set(versions.map((v) => v.id))];
  const state = await client.query({
    text: `select case when is_latest then 'l' else 'e' end as k, id, modified_key, seq, author_org
             from versions where id = any($1::text[])
           union all
           select 'm', null, null, coalesce(max(seq), 0), null from versions
           union all
           select 'd', null, null, coalesce(max(date_added), 0), null from versions
           union all
           select 'h', value, null, 0, null from settings where key = $2`,
    values: [ids, HIGH_WATER_KEY],
    rowMode: 'array',
  });
  const existing = new Set<string>();
  const latest = new Map<string, { seq: number; modifiedKey: string; authorOrg: string }>();
  let lastSeq = 0;
  let lastAdded = 0;
  let mark: string | undefined;
  for (const [kind, id, key, value, author] of state.rows as [string, string, string, string, string][]) {
    if (kind === 'e' || kind === 'l') existing.add(pairKey(id, key));
    if (kind === 'l') latest.set(id, { seq: Number(value), modifiedKey: key, authorOrg: author });
    else if (kind === 'm') lastSeq = Number(value);
    else if (kind === 'd') lastAdded = Number(value);
    else if (kind === 'h') mark = id;
  }
  const water = highWater(mark, lastSeq, lastAdded);
  return planBatch(versions, { existing, latest, ...water, nowMicros: nowMicros() });
}

/** Writes the plan; the caller has run `BEGIN_WRITE` and owns the transaction. */
export async function writeBatch(client: pg.PoolClient, versions: readonly NewVersion[]): Promise<BatchPlan> {
  const plan = await planOnServer(client, versions);
  if (plan.rows.length === 0) return plan;
  if (plan.demote.length > 0) {
    await client.query(tallyDeltaSql('seq = any($1::bigint[])', -1), [plan.demote]);
    await client.query('update versions set is_latest = false where seq = any($1::bigint[])', [plan.demote]);
  }
  await client.query(INSERT_ALL, insertValues(plan));
  return plan;
}

const INSERT_ALL = `with
  v as (insert into versions (seq, id, type, spec_version, created, modified, modified_key, revoked,
          date_added, json, author_org, tlp, audience, is_latest)
        select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
          $7::text[], $8::boolean[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[],
          $14::boolean[])),
  t as (insert into terms (value, kind, seq) select * from unnest($15::text[], $16::text[], $17::bigint[])),
  r as (insert into refs (ref, seq) select * from unnest($18::text[], $19::bigint[])),
  a as (insert into audience (seq, kind, member) select * from unnest($20::bigint[], $21::text[], $22::text[])),
  l as (insert into latest_tally (type, tlp, author_org, audience, n)
        select * from unnest($23::text[], $24::text[], $25::text[], $26::text[], $27::bigint[])
        on conflict (type, tlp, author_org, audience) do update set n = latest_tally.n + excluded.n)
  insert into settings (key, value) values ($28, $29)
    on conflict (key) do update set value = excluded.value`;

/** The 29 parameters of `INSERT_ALL`: whole columns of each table as arrays. */
function insertValues(plan: BatchPlan): unknown[] {
  const versions: unknown[][] = Array.from({ length: 14 }, () => []);
  const term = { value: [] as string[], kind: [] as string[], seq: [] as number[] };
  const ref = { ref: [] as string[], seq: [] as number[] };
  const audience = { seq: [] as number[], kind: [] as string[], member: [] as string[] };
  const tallied: { isLatest: boolean; type: string; tlp: string; authorOrg: string; audience: string }[] = [];
  for (const row of plan.rows) {
    const v = row.version;
    const audienceText = audienceJson(v.audience);
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
      audienceText,
      row.isLatest,
    ];
    for (let i = 0; i < values.length; i++) versions[i]!.push(values[i]);
    tallied.push({
      isLatest: row.isLatest,
      type: v.type,
      tlp: v.tlp,
      authorOrg: v.authorOrg,
      audience: audienceText,
    });
    for (const [value, kind] of uniqueTerms(v.terms)) {
      term.value.push(value);
      term.kind.push(kind);
      term.seq.push(row.seq);
    }
    for (const r of new Set(v.refs)) {
      ref.ref.push(r);
      ref.seq.push(row.seq);
    }
    for (const [kind, member] of audienceRows(v.audience)) {
      audience.seq.push(row.seq);
      audience.kind.push(kind);
      audience.member.push(member);
    }
  }
  const groups = addedLatestTally(tallied);
  return [
    ...versions,
    term.value,
    term.kind,
    term.seq,
    ref.ref,
    ref.seq,
    audience.seq,
    audience.kind,
    audience.member,
    groups.map((g) => g.type),
    groups.map((g) => g.tlp),
    groups.map((g) => g.authorOrg),
    groups.map((g) => g.audience),
    groups.map((g) => g.n),
    HIGH_WATER_KEY,
    plan.highWater,
  ];
}
