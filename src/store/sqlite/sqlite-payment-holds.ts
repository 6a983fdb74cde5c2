/** `PaymentHoldStore` on SQLite: each flow of payment-holds-sql.ts runs synchronously in one write transaction. */
import type Database from 'better-sqlite3';
import type {
  DecideInput,
  HoldQuery,
  NewHold,
  PaymentHold,
  PaymentHoldStore,
} from '../payment-holds-types.ts';
import {
  addHoldsFlow,
  decideHoldFlow,
  type Flow,
  getHoldFlow,
  listHoldsFlow,
  setHoldSharedFlow,
} from '../shared/payment-holds-sql.ts';
import { mapSqliteError } from './sqlite-errors.ts';

export class SqlitePaymentHolds implements PaymentHoldStore {
  readonly #db: Database.Database;
  readonly #file: string;

  constructor(db: Database.Database, file: string) {
    this.#db = db;
    this.#file = file;
  }

  #run<T>(flow: Flow<T>): Promise<T> {
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

  addHolds(holds: readonly NewHold[]): Promise<void> {
    return this.#run(addHoldsFlow(holds));
  }
  getHold(id: string, orgId: string): Promise<PaymentHold | undefined> {
    return this.#run(getHoldFlow(id, orgId));
  }
  listHolds(query: HoldQuery): Promise<PaymentHold[]> {
    return this.#run(listHoldsFlow(query));
  }
  decideHold(input: DecideInput): Promise<PaymentHold> {
    return this.#run(decideHoldFlow(input));
  }
  setHoldShared(id: string, orgId: string, stixId: string): Promise<void> {
    return this.#run(setHoldSharedFlow(id, orgId, stixId));
  }
}
