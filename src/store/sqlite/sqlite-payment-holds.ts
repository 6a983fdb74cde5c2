/** `PaymentHoldStore` on SQLite: each flow of payment-holds-sql.ts runs synchronously in one write transaction. */
import type Database from 'better-sqlite3';
import { type Flow, FlowPaymentHolds } from '../shared/payment-holds-sql.ts';
import { mapSqliteError } from './sqlite-errors.ts';

export class SqlitePaymentHolds extends FlowPaymentHolds {
  readonly #db: Database.Database;
  readonly #file: string;

  constructor(db: Database.Database, file: string) {
    super();
    this.#db = db;
    this.#file = file;
  }

  protected run<T>(flow: Flow<T>): Promise<T> {
    try {
      const result = this.#db.transaction(() => {
        let next = flow.next();
        while (!next.done) {
          const statement = this.#db.prepare(next.value.sql);
          const params = next.value.params as unknown[];
          next = statement.reader
            ? flow.next({ rows: statement.all(...params) as Record<string, unknown>[], changes: 0 })
            : flow.next({ rows: [], changes: statement.run(...params).changes });
        }
        return next.value;
      })();
      return Promise.resolve(result);
    } catch (error) {
      return Promise.reject(mapSqliteError(error, this.#file));
    }
  }
}
