/**
 * Screening over HTTP right after a hub starts: while the taint of the caller's flagged sources has
 * not read the whole served chain, the answer says so (an `indirect` reason marked pending, with the
 * block reached), never a silent clean answer; once the engine's poll has brought it to the head, the
 * indirect exposure is there and the mark is gone.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { addOrganisation, createKey } from '../../src/hub/index.ts';
import { testStoreIn } from '../../src/hub/members/test-store.ts';
import { publishHeist } from '../../src/screen/taint/test-labels.ts';
import { alertEngineOf } from '../../src/server/api/alerts-context.ts';
import { createServer } from '../../src/server/create-server.ts';
import { addr, buildGraph } from '../../src/trace/test-graph.ts';

interface Reason {
  kind: string;
  risk: string;
  pending?: boolean;
  through_block?: number | null;
  head_block?: number | null;
}
interface Result {
  address: string;
  risk: string;
  reasons: Reason[];
}

it('marks indirect exposure still being computed, then answers it once the taint reached the head', async (t) => {
  const { store, data } = await testStoreIn(t);
  const graphDir = join(data, 'chain');
  // s is the heist address; q received only stolen value, two blocks later
  const steps = [
    [{ from: 'v', to: 's', value: 100n }],
    [{ from: 's', to: 'q', value: 60n }],
    [{ from: 'v', to: 'x', value: 5n }],
  ];
  buildGraph(graphDir, steps).close();
  const publisher = await addOrganisation(store, 'Publisher');
  await addOrganisation(store, 'Exchange');
  await publishHeist(store, publisher.id, addr('s'), 'Test heist');
  const key = (await createKey(store, { org: 'Exchange', role: 'reader' })).key;
  // polls only when the test says so
  const app = createServer({ store, graphDir, alerts: { pollMs: 3_600_000 }, rateLimit: 0 });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  t.after(() => app.close());
  const engine = alertEngineOf(store);
  await engine.stop(); // the first poll (at start) has finished; the next ones are the test's
  const screen = async (): Promise<Result> => {
    const res = await fetch(`${base}/api/v1/screen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ addresses: [addr('q')] }),
    });
    assert.equal(res.status, 200);
    return ((await res.json()) as { results: Result[] }).results[0]!;
  };

  // the screener's state was made by this request: it has read no block yet
  const first = await screen();
  const pending = first.reasons.filter((r) => r.pending === true);
  assert.equal(pending.length, 1, JSON.stringify(first));
  assert.equal(pending[0]!.kind, 'indirect');
  assert.equal(pending[0]!.through_block, null);
  assert.equal(pending[0]!.head_block, 2);
  assert.ok(!first.reasons.some((r) => r.kind === 'indirect' && r.pending !== true));

  await engine.tick();
  const second = await screen();
  assert.equal(second.risk, 'high', JSON.stringify(second));
  assert.ok(second.reasons.some((r) => r.kind === 'indirect' && r.risk === 'high'));
  assert.ok(!second.reasons.some((r) => r.pending === true), 'no mark once the taint is at the head');

  const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as object;
  assert.match(JSON.stringify(doc), /still being computed/, 'the OpenAPI schema documents the mark');
});
