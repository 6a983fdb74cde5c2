/** A fresh SQLite hub store for the members tests, closed and removed when the test ends. */
import type { TestContext } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { openStore, type Store } from '../../store/index.ts';

export async function testStore(t: TestContext): Promise<Store> {
  const dir = tempDir('bulwark-members-');
  const store = await openStore({ data: dir.path });
  t.after(async () => {
    await store.close();
    dir.remove();
  });
  return store;
}
