/** A fresh SQLite hub store for the members tests, closed and removed when the test ends. */
import type { TestContext } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { openStore, type Store } from '../../store/index.ts';

/** The store and its data directory (to open it again, as another process would). */
export async function testStoreIn(t: TestContext): Promise<{ store: Store; data: string }> {
  const dir = tempDir('bulwark-members-');
  const store = await openStore({ data: dir.path });
  t.after(async () => {
    await store.close();
    dir.remove();
  });
  return { store, data: dir.path };
}

export async function testStore(t: TestContext): Promise<Store> {
  return (await testStoreIn(t)).store;
}
