/**
 * The payment desk's learned history survives a restart: it is saved in the store and loaded by the
 * next process (here: the next store opened on the same location), on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { addOrganisation } from '../../src/hub/index.ts';
import { learnMessages } from '../../src/server/api/payments-desk.ts';
import { flushHistories, screenerOf } from '../../src/server/api/payments-history.ts';
import { BACKENDS, freshLocation } from '../../src/store/conformance/backends.ts';

const HISTORY = join(
  import.meta.dirname,
  '..',
  '..',
  'data',
  'payments',
  'generated',
  'history-2015-11-to-12.jsonl',
);

test('a learned history is saved in the store and loaded after a restart', async (t) => {
  for (const backend of BACKENDS) {
    await t.test(backend, async (t) => {
      const location = await freshLocation(t, backend);
      if (location === undefined) return;
      const first = await location.open();
      const org = await addOrganisation(first, 'Bangladesh Bank');
      const messages = readFileSync(HISTORY, 'utf8').trim().split('\n').slice(0, 200);
      const { learned } = await learnMessages(first, org.id, messages);
      assert.equal(learned, 200);
      const before = JSON.stringify((await screenerOf(first, org.id)).history);
      await flushHistories(first);
      await first.close();

      const second = await location.open();
      t.after(() => second.close());
      const after = (await screenerOf(second, org.id)).history;
      assert.ok(after.originators.size > 0);
      assert.equal(JSON.stringify(after), before);
      assert.equal((await screenerOf(second, 'identity--someone-else')).history.originators.size, 0);
    });
  }
});
