/**
 * Opening fresh stores of each backend for the conformance suite. PostgreSQL comes from
 * test/support/services.ts: in CI a missing server fails, elsewhere the test skips.
 */
import type { TestContext } from 'node:test';
import { freshPostgresSchema, requirePostgres } from '../../../test/support/services.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { openStore } from '../open-store.ts';
import type { Store } from '../types.ts';

export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

/** A place a store lives; `open` may be called again to reopen the same store. */
export interface Location {
  open(): Promise<Store>;
  /** Options for `openStore` naming this location (for tests that open it themselves). */
  options: { data?: string; db?: string; schema?: string };
  remove(): Promise<void>;
}

/** A fresh location, removed when the test ends; undefined when the backend is skipped. */
export async function freshLocation(t: TestContext, backend: Backend): Promise<Location | undefined> {
  if (backend === 'sqlite') {
    const dir = tempDir('bulwark-store-');
    const options = { data: dir.path };
    const location = { options, open: () => openStore(options), remove: async () => dir.remove() };
    t.after(() => location.remove());
    return location;
  }
  const url = await requirePostgres(t);
  if (url === undefined) return undefined;
  const { schema, drop } = await freshPostgresSchema(url, 'bulwark_store');
  const options = { db: url, schema };
  t.after(drop);
  return { options, open: () => openStore(options), remove: drop };
}

/** A fresh store closed when the test ends. */
export async function freshStore(t: TestContext, backend: Backend): Promise<Store | undefined> {
  const location = await freshLocation(t, backend);
  if (location === undefined) return undefined;
  const store = await location.open();
  t.after(() => store.close());
  return store;
}

/** A test that runs `body` once per backend, each as a subtest with a fresh store. */
export function eachBackend(body: (store: Store, t: TestContext, backend: Backend) => Promise<void>) {
  return async (t: TestContext) => {
    for (const backend of BACKENDS) {
      await t.test(backend, async (t) => {
        const store = await freshStore(t, backend);
        if (store !== undefined) await body(store, t, backend);
      });
    }
  };
}

/** Every version the query selects, in seq order, read through `stream`. */
export async function collect(iterable: AsyncIterable<{ id: string; modified: string | null }>) {
  const out: string[] = [];
  for await (const v of iterable) out.push(`${v.id}@${v.modified}`);
  return out;
}
