/** `AlertStore` on SQLite: the shared statements over better-sqlite3, errors mapped as the store's. */
import type Database from 'better-sqlite3';
import type { AlertStore } from '../alerts-types.ts';
import { SqlAlertStore } from '../shared/alerts-store.ts';
import { mapSqliteError } from './sqlite-errors.ts';

export function sqliteAlerts(db: Database.Database, file: string): AlertStore {
  const guard = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(mapSqliteError(error, file));
    }
  };
  return new SqlAlertStore({
    all: (sql, params) => guard(() => db.prepare(sql).all(...params) as Record<string, unknown>[]),
    run: (sql, params) => guard(() => db.prepare(sql).run(...params).changes),
  });
}
