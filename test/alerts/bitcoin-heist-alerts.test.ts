/**
 * Bitcoin freeze alerts on a generated Bitcoin-like chain (heist, split, peel chains, CoinJoins,
 * exchanges): two exchanges each register addresses the loot reached and addresses it never did.
 * One engine poll gives each exchange alerts for exactly its reached wallets, never the other's,
 * and the satoshi its alerts carry for a wallet add up to the tainted value a fresh scan says the
 * wallet received, each alert naming an output of that transaction paying the wallet.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { AlertEngine, registerWallet } from '../../src/alerts/index.ts';
import { generateBitcoinLike, openGraph, reversedHex } from '../../src/chain/index.ts';
import { addOrganisation } from '../../src/hub/index.ts';
import { testStoreIn } from '../../src/hub/members/test-store.ts';
import { TaintRegistry, UtxoTaint } from '../../src/screen/index.ts';
import { publishHeist } from '../../src/screen/taint/test-labels.ts';

it('alerts each exchange for the satoshi that reached its Bitcoin wallets, and only its own', async (t) => {
  const { store, data } = await testStoreIn(t);
  const graphDir = join(data, 'chain');
  const writer = openGraph(graphDir);
  const summary = generateBitcoinLike({ graph: writer, transactions: 12_000, seed: 23 });
  writer.close();

  // the truth: a fresh scan of the whole chain from the thief, six hops
  const g = openGraph(graphDir, { readonly: true });
  t.after(() => g.close());
  const fresh = new UtxoTaint([summary.heist.thief], 6);
  fresh.advance(g);
  const l = fresh.ledgers[0]!;
  const reached: string[] = [];
  for (let s = 0; s < l.n; s++)
    if (l.hop[s]! > 0 && l.received[s]! > 0) reached.push(g.addressOf(l.addr[s]!));
  const clean: string[] = [];
  for (let id = 0; id < g.dict.count && clean.length < 6; id += 97)
    if (l.slotOf[id]! < 0 && g.inEdges(id).length > 0) clean.push(g.addressOf(id));
  assert.ok(reached.length >= 20 && clean.length === 6, `${reached.length} reached`);

  const publisher = await addOrganisation(store, 'Publisher');
  await publishHeist(store, publisher.id, summary.heist.thief, 'Synthetic Bitcoin heist');
  const mine = {
    a: [...reached.filter((_, i) => i % 40 === 0), ...clean.slice(0, 3)],
    b: [...reached.filter((_, i) => i % 40 === 1), ...clean.slice(3)],
  };
  const org: Record<'a' | 'b', string> = { a: '', b: '' };
  for (const who of ['a', 'b'] as const) {
    org[who] = (await addOrganisation(store, `Exchange ${who.toUpperCase()}`)).id;
    for (const [i, w] of mine[who].entries())
      await registerWallet(store, org[who], w, i % 2 ? 'hot' : 'deposit');
  }

  const registry = new TaintRegistry({ graphDir, persist: false });
  const engine = new AlertEngine({ store, registry });
  const raised = await engine.tick();
  registry.close();

  let total = 0;
  for (const who of ['a', 'b'] as const) {
    const alerts = await store.alerts.listAlerts(org[who], { status: 'all', limit: 100_000 });
    const own = new Set(mine[who]);
    const sums = new Map<string, bigint>();
    for (const a of alerts) {
      assert.ok(own.has(a.address), `${who} alerted for ${a.address}, not its wallet`);
      assert.equal(a.chain, 'bitcoin');
      assert.equal(a.asset, 'BTC');
      assert.deepEqual(a.sources, [summary.heist.thief]);
      sums.set(a.address, (sums.get(a.address) ?? 0n) + BigInt(a.amount));
      // the transaction is in the graph, in the block stated, and has an output paying the wallet
      const id = g.addressId(a.address);
      const pays = [...g.inEdges(id)].filter((r) => {
        const tx = g.bitcoin.c.rowTx.data[r]!;
        return reversedHex(g.bitcoin.c.txHash.data, tx * 32) === a.tx;
      });
      assert.ok(pays.length > 0, `${a.tx} pays ${a.address}`);
      assert.equal(g.transfer(pays[0]!).height, a.block);
    }
    const expected = mine[who].filter((w) => reached.includes(w));
    assert.deepEqual([...sums.keys()].sort(), expected.sort(), `${who}: alerted wallets`);
    for (const w of expected) {
      const s = l.slotOf[g.addressId(w)]!;
      assert.equal(sums.get(w), BigInt(l.received[s]!), `${who}: satoshi that reached ${w}`);
    }
    total += alerts.length;
  }
  assert.equal(raised.length, total, 'every alert raised is stored under its exchange');
  assert.equal(
    (await new AlertEngine({ store, registry: new TaintRegistry({ graphDir, persist: false }) }).tick())
      .length,
    0,
    'a rescan raises none again',
  );
});
