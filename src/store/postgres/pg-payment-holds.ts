/** `PaymentHoldStore` on PostgreSQL: each flow of payment-holds-sql.ts runs on one client in one transaction. */
import type pg from 'pg';
import { type Flow, FlowPaymentHolds, pgText } from '../shared/payment-holds-sql.ts';

type Runner = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

export class PgPaymentHolds extends FlowPaymentHolds {
  readonly #with: Runner;

  constructor(runner: Runner) {
    super();
    this.#with = runner;
  }

  protected run<T>(flow: Flow<T>): Promise<T> {
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
}
