/**
 * Freeze alerts on the anvil heist scenario: every exchange registers its own deposit and hot
 * wallets; after ingestion each gets alerts for exactly its wallets the stolen value reached (as the
 * incremental taint finds it following transfers), never another exchange's, and no alert names a
 * wallet the ground truth says never received stolen value.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AlertEngine, registerWallet } from '../../src/alerts/index.ts';
import {
  HEIST_ANVIL_ARGS,
  type HeistScenario,
  ingestEthereum,
  runHeistScenario,
} from '../../src/chain/ethereum/index.ts';
import { RpcClient } from '../../src/chain/ethereum/rpc-client.ts';
import { openGraph } from '../../src/chain/index.ts';
import { addOrganisation } from '../../src/hub/index.ts';
import { IncrementalTaint, TaintRegistry } from '../../src/screen/index.ts';
import { publishHeist } from '../../src/screen/taint/test-labels.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { requireAnvil } from '../support/anvil.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('freeze alerts on the anvil heist scenario', () => {
  let s: HeistScenario | undefined;
  let store: Store | undefined;
  const dir = tempDir('bulwark-heist-alerts-');
  after(async () => {
    await store?.close();
    dir.remove();
  });

  before(async (t) => {
    const node = await requireAnvil(t, { args: HEIST_ANVIL_ARGS });
    if (!node) return;
    s = await runHeistScenario(new RpcClient({ url: node.url }));
    const writer = openGraph(join(dir.path, 'chain'));
    try {
      await ingestEthereum({ rpc: node.url, graph: writer.ethereum });
    } finally {
      writer.close();
    }
  });

  it('alerts each exchange for its reached wallets only', async (t) => {
    if (!s) return t.skip('no anvil');
    const hub = await openStore({ data: dir.path });
    store = hub;
    const publisher = await addOrganisation(hub, 'Publisher');
    for (const attacker of s.attackers) await publishHeist(hub, publisher.id, attacker, 'Scenario heist');
    const orgOf = new Map<string, string>();
    for (const [name, wallets] of Object.entries(s.exchanges)) {
      const org = await addOrganisation(hub, `Exchange ${name}`);
      orgOf.set(name, org.id);
      await registerWallet(hub, org.id, wallets.hotWallet, 'hot');
      for (const d of wallets.deposits) await registerWallet(hub, org.id, d, 'deposit');
    }
    const graphDir = join(dir.path, 'chain');
    const registry = new TaintRegistry({ graphDir, hops: 1000, persist: false });
    const engine = new AlertEngine({ store: hub, registry });
    const raised = await engine.tick();
    registry.close();

    const g = openGraph(graphDir, { readonly: true });
    const reached = new Set<string>();
    const taint = new IncrementalTaint(s.attackers, 1000);
    taint.advance(g);
    for (const l of taint.ledgers) {
      if (!l) continue;
      for (let i = 0; i < l.n; i++) if (l.received[i]! > 0) reached.add(g.addressOf(l.addr[i]!));
    }
    g.close();
    const truth = new Set(s.truth.map((e) => e.address));
    let expected = 0;
    for (const [name, wallets] of Object.entries(s.exchanges)) {
      const mine = new Set([wallets.hotWallet, ...wallets.deposits]);
      const alerts = await hub.alerts.listAlerts(orgOf.get(name)!, { status: 'all', limit: 10_000 });
      const alerted = new Set(alerts.map((a) => a.address));
      for (const a of alerted) {
        assert.ok(mine.has(a), `${name} alerted for ${a}, not its wallet`);
        assert.ok(truth.has(a), `${a} never received stolen value`);
      }
      assert.deepEqual([...alerted].sort(), [...mine].filter((w) => reached.has(w)).sort(), name);
      for (const a of alerts) assert.ok(BigInt(a.amount) > 0n);
      expected += alerts.length;
    }
    assert.ok(expected > 0, 'some exchange wallet was reached');
    assert.equal(raised.length, expected, 'every alert raised is stored under its exchange');
  });
});
