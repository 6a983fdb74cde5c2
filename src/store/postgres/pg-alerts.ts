/** `AlertStore` on PostgreSQL: the shared statements with numbered placeholders, on the store's pool. */
import type pg from 'pg';
import type { AlertStore } from '../alerts-types.ts';
import { SqlAlertStore } from '../shared/alerts-store.ts';

type Runner = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function pgAlerts(run: Runner): AlertStore {
  return new SqlAlertStore({
    all: (sql, params) => run(async (c) => (await c.query(numbered(sql), [...params])).rows),
    run: (sql, params) => run(async (c) => (await c.query(numbered(sql), [...params])).rowCount ?? 0),
  });
}
