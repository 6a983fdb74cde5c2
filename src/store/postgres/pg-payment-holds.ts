/** `PaymentHoldStore` on PostgreSQL: each flow of payment-holds-sql.ts runs on one client in one transaction. */
import type pg from 'pg';
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
  pgText,
  setHoldSharedFlow,
} from '../shared/payment-holds-sql.ts';

type Runner = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

export class PgPaymentHolds implements PaymentHoldStore {
  readonly #with: Runner;

  constructor(runner: Runner) {
    this.#with = runner;
  }

  #run<T>(flow: Flow<T>): Promise<T> {
    return this.#with(async (c) => {
      await c.query('begin');
      try {
        let next = flow.next();
        while (!next.done) {
          const result = await c.query(pgText(next.value.sql), next.value.params as unknown[]);
          next = flow.next({ rows: result.rows as Record<string, unknown>[], changes: result.rowCount ?? 0 });
        }
        await c.query('commit');
        return next.value;
      } catch (error) {
        await c.query('rollback').catch(() => {});
        throw error;
      }
    });
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
