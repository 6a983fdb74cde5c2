/**
 * Indirect exposure of Bitcoin addresses over HTTP: a hub serving a generated Bitcoin-like chain
 * whose heist address a publisher labelled. `GET /api/v1/screen/{address}` for an address the loot
 * reached says the answer is pending until the engine's poll has read the chain, then gives the
 * tainted share (the one a fresh scan computes), the risk it implies and the path back to the thief.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { generateBitcoinLike, openGraph } from '../../src/chain/index.ts';
import { addOrganisation, createKey } from '../../src/hub/index.ts';
import { testStoreIn } from '../../src/hub/members/test-store.ts';
import { riskOfShare, UtxoTaint } from '../../src/screen/index.ts';
import { publishHeist } from '../../src/screen/taint/test-labels.ts';
import { alertEngineOf } from '../../src/server/api/alerts-context.ts';
import { createServer } from '../../src/server/create-server.ts';

interface Reason {
  kind: string;
  risk: string;
  category: string;
  pending?: boolean;
  through_block?: number | null;
  head_block?: number | null;
  share?: number;
  asset?: string;
  hops?: number;
  paths?: { asset: string; share: number; path: string[] }[];
}
interface Result {
  address: string;
  risk: string;
  reasons: Reason[];
}

it('screens a Bitcoin address by its taint from a labelled heist: pending, then share, risk and path', async (t) => {
  const { store, data } = await testStoreIn(t);
  const graphDir = join(data, 'chain');
  const writer = openGraph(graphDir);
  const summary = generateBitcoinLike({ graph: writer, transactions: 12_000, seed: 13 });
  writer.close();
  const thief = summary.heist.thief;

  // the expected answer: a fresh scan; the address reached that holds the largest tainted share
  const g = openGraph(graphDir, { readonly: true });
  const fresh = new UtxoTaint([thief], 6);
  fresh.advance(g);
  const l = fresh.ledgers[0]!;
  let pick = -1;
  for (let s = 0; s < l.n; s++) {
    if (l.hop[s]! < 2 || !(l.received[s]! > 0)) continue;
    if (pick < 0 || l.received[s]! / l.total[s]! > l.received[pick]! / l.total[pick]!) pick = s;
  }
  assert.ok(pick >= 0, 'the loot went two hops or more');
  const target = g.addressOf(l.addr[pick]!);
  const share = Math.min(1, l.received[pick]! / l.total[pick]!);
  const headHeight = g.bitcoin.c.blockHeight.data[g.bitcoin.c.blocks - 1]!;
  let clean = '';
  for (let id = 0; id < g.dict.count && !clean; id++)
    if (l.slotOf[id]! < 0 && g.inEdges(id).length > 0) clean = g.addressOf(id);
  // addresses the loot reached that paid themselves change: such an address was once its own largest
  // payer, and the route shown for it (and every address it paid) started there, mid-chain
  const changers: string[] = [];
  const txOf = (r: number) => {
    const starts = g.bitcoin.c.txRow.data;
    let lo = 0;
    let hi = g.bitcoin.c.txs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= r) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (let s = 0; s < l.n && changers.length < 25; s++) {
    const id = l.addr[s]!;
    if (l.hop[s]! < 1 || !(l.received[s]! > 0)) continue;
    const spends = new Set(Array.from(g.bitcoin.outEdges(id), txOf));
    if (Array.from(g.bitcoin.inEdges(id), txOf).some((tx) => spends.has(tx))) changers.push(g.addressOf(id));
  }
  assert.ok(changers.length >= 10, `${changers.length} reached addresses pay themselves change`);
  g.close();

  const publisher = await addOrganisation(store, 'Publisher');
  await addOrganisation(store, 'Exchange');
  await publishHeist(store, publisher.id, thief, 'Synthetic exchange heist');
  const key = (await createKey(store, { org: 'Exchange', role: 'reader' })).key;
  const app = createServer({ store, graphDir, alerts: { pollMs: 3_600_000 }, rateLimit: 0 });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  t.after(() => app.close());
  const engine = alertEngineOf(store);
  await engine.stop(); // the first poll (at start) has finished; the next ones are the test's
  const screen = async (address: string): Promise<Result> => {
    const res = await fetch(`${base}/api/v1/screen/${address}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    assert.equal(res.status, 200);
    return (await res.json()) as Result;
  };

  // the screener made the Bitcoin state with this request: it has read no block yet
  const first = await screen(target);
  const pending = first.reasons.filter((r) => r.pending === true);
  assert.equal(pending.length, 1, JSON.stringify(first));
  assert.equal(pending[0]!.kind, 'indirect');
  assert.equal(pending[0]!.through_block, null);
  assert.equal(pending[0]!.head_block, headHeight);

  await engine.tick();
  const second = await screen(target);
  assert.ok(!second.reasons.some((r) => r.pending === true), 'no mark once the taint is at the head');
  const indirect = second.reasons.find((r) => r.kind === 'indirect')!;
  assert.ok(indirect, JSON.stringify(second));
  assert.equal(indirect.asset, 'BTC');
  assert.equal(indirect.category, 'heist');
  assert.ok(Math.abs(indirect.share! - share) <= 1e-12, `${indirect.share} vs ${share}`);
  assert.equal(indirect.risk, riskOfShare(share, { high: 0.25, medium: 0.05 }));
  assert.equal(second.risk, indirect.risk);
  const path = indirect.paths![0]!.path;
  assert.equal(path[0], thief, 'the path starts at the heist address');
  assert.equal(path.at(-1), target);
  assert.ok(path.length >= 3, `${path.length} steps`);
  for (const route of indirect.paths!)
    assert.equal(route.path.at(-1), target, 'every top path ends at the address');
  for (const address of changers) {
    const reason = (await screen(address)).reasons.find((r) => r.kind === 'indirect')!;
    for (const route of reason.paths!) {
      assert.equal(route.path[0], thief, `${address}: a route from ${route.path[0]}`);
      assert.equal(route.path.at(-1), address);
    }
  }

  const other = await screen(clean);
  assert.ok(
    !other.reasons.some((r) => r.kind === 'indirect'),
    `${clean} is not reached: ${JSON.stringify(other)}`,
  );
  assert.equal(other.risk, 'none');
});
