/**
 * Real services for tests. In CI (CI=true) a missing service is a failure; elsewhere the test skips
 * with a one-line notice naming what to start.
 */
import type { TestContext } from 'node:test';
import pg from 'pg';

export const inCI = process.env.CI === 'true' || process.env.CI === '1';

export const POSTGRES_URL = process.env.BULWARK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

let postgresProbe: Promise<string | undefined> | undefined;

/** Resolves to the reason PostgreSQL cannot be used, or undefined when it answers. */
function probePostgres(): Promise<string | undefined> {
  postgresProbe ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgresProbe;
}

/**
 * Returns the PostgreSQL URL, or skips the test (laptop) / throws (CI) when the server does not answer.
 * Call at the top of a test or `before` hook.
 */
export async function requirePostgres(t?: TestContext): Promise<string | undefined> {
  const problem = await probePostgres();
  if (problem === undefined) return POSTGRES_URL;
  const message = `PostgreSQL at ${POSTGRES_URL} is not reachable (${problem}); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`;
  if (inCI) throw new Error(message);
  if (t) t.skip(message);
  else process.stderr.write(`skipping: ${message}\n`);
  return undefined;
}

/** A fresh, uniquely named schema for one test file; dropped by the returned cleanup. */
export async function freshPostgresSchema(
  url: string,
  prefix = 'bulwark_test',
): Promise<{
  schema: string;
  drop: () => Promise<void>;
}> {
  const schema = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema "${schema}"`);
  await client.end();
  return {
    schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    },
  };
}
