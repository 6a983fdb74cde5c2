/**
 * Times 1,000-row `latest` pages from a large store. The store is filled in SQL (not through putBatch,
 * whose speed `measure.ts` reports), with the shape putBatch writes: 10 % of objects have two versions,
 * TLP levels in turn with their audiences. Usage:
 *   node src/store/scripts/measure-read.ts --data /tmp/big --count 1000000
 *   node src/store/scripts/measure-read.ts --db postgres://postgres@127.0.0.1:5432/test --schema big --count 1000000
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../open-store.ts';
import type { ReadScope } from '../types.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    db: { type: 'string' },
    schema: { type: 'string' },
    count: { type: 'string' },
    /** Time pages of a store filled by an earlier run. */
    reuse: { type: 'boolean', default: false },
  },
});
const count = Number(values.count ?? '1000000');
const distinct = Math.floor(count * 0.9);

/** One SELECT over n = 1..count producing versions rows; `series` differs per dialect. */
function versionsSelect(
  series: string,
  concat: (...parts: string[]) => string,
  yes: string,
  no: string,
): string {
  const id = concat("'indicator--'", `(n % ${distinct})`);
  const second = `n > ${distinct}`;
  return `select n, ${id}, 'indicator', '2.1', '2026-01-01T00:00:00Z',
    case when ${second} then '2026-02-01T00:00:00Z' else '2026-01-01T00:00:00Z' end,
    case when ${second} then '2026-02-01T00:00:00.000000000Z' else '2026-01-01T00:00:00.000000000Z' end,
    ${no}, 1790000000000000 + n, ${concat(`'{"type":"indicator","id":"'`, id, `'","pad":"${'x'.repeat(500)}"}'`)},
    ${concat("'org-'", '(n % 7)')},
    case n % 5 when 0 then 'clear' when 1 then 'green' when 2 then 'amber' when 3 then 'amber+strict' else 'red' end,
    '{"communities":["c1"],"orgs":["org-1"],"users":["u1"]}',
    case when ${second} or (n % ${distinct}) >= ${count - distinct} then ${yes} else ${no} end
    from ${series}`;
}

const AUDIENCE = `insert into audience (seq, kind, member)
  select seq, case tlp when 'amber+strict' then 'org' when 'red' then 'user' else 'community' end,
    case tlp when 'amber+strict' then 'org-1' when 'red' then 'u1' else 'c1' end
  from versions where tlp <> 'clear'`;
const COLUMNS =
  'seq, id, type, spec_version, created, modified, modified_key, revoked, date_added, json, author_org, tlp, audience, is_latest';

const t0 = performance.now();
if (values.reuse) {
  // filled by an earlier run
} else if (values.db === undefined) {
  await (await openStore({ data: values.data })).close();
  const db = new Database(join(values.data ?? './bulwark-data', 'hub.sqlite'));
  const series = `(with recursive s(n) as (select 1 union all select n + 1 from s where n < ${count}) select n from s)`;
  const concat = (...parts: string[]) => parts.join(' || ');
  db.transaction(() => {
    db.exec(`insert into versions (${COLUMNS}) ${versionsSelect(series, concat, '1', '0')}`);
    db.exec(AUDIENCE);
  })();
  db.exec('analyze');
  db.close();
} else {
  await (await openStore({ db: values.db, schema: values.schema })).close();
  const client = new pg.Client({ connectionString: values.db, options: `-c search_path=${values.schema}` });
  await client.connect();
  const concat = (...parts: string[]) => `concat(${parts.join(', ')})`;
  await client.query(
    `insert into versions (${COLUMNS}) ${versionsSelect(`generate_series(1, ${count}) as n`, concat, 'true', 'false')}`,
  );
  await client.query(AUDIENCE);
  await client.query('vacuum analyze versions');
  await client.query('vacuum analyze audience');
  await client.end();
}
console.log(`filled ${count} versions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const store = await openStore({ data: values.data, db: values.db, schema: values.schema });
async function pageTimes(label: string, scope: ReadScope): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 31; i++) {
    const afterSeq = Math.floor((count * 0.8 * i) / 31);
    const t = performance.now();
    const page = await store.query({ scope, afterSeq, limit: 1000 });
    times.push(performance.now() - t);
    if (page.items.length !== 1000) throw new Error(`short page: ${page.items.length}`);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${store.backend} ${label}: 1,000-row latest page of ${count}: median ${times[15]!.toFixed(1)} ms, p90 ${times[27]!.toFixed(1)} ms, max ${times[30]!.toFixed(1)} ms`,
  );
}
await pageTimes('scope all', { kind: 'all' });
await pageTimes('scope member', { kind: 'member', orgId: 'org-9', communityIds: ['c1'] });
await pageTimes('scope public', { kind: 'public' });
await store.close();
