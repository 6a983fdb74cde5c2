import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  HEIST_ANVIL_ARGS,
  type HeistScenario,
  ingestEthereum,
  runHeistScenario,
} from '../../src/chain/ethereum/index.ts';
import { RpcClient } from '../../src/chain/ethereum/rpc-client.ts';
import { openGraph } from '../../src/chain/index.ts';
import { amount, IncrementalTaint } from '../../src/screen/taint/index.ts';
import { trace } from '../../src/trace/index.ts';
import { requireAnvil } from '../support/anvil.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('incremental taint on the anvil heist scenario', () => {
  let s: HeistScenario | undefined;
  let url = '';
  const dir = tempDir('bulwark-taint-heist-');
  after(dir.remove);

  before(async (t) => {
    const node = await requireAnvil(t, { args: HEIST_ANVIL_ARGS });
    if (!node) return;
    url = node.url;
    s = await runHeistScenario(new RpcClient({ url }));
  });

  it('ingested in two steps, equals a from-scratch state and the trace() haircut amounts', async (t) => {
    if (!s) return t.skip('no anvil');
    const mid = Math.floor((s.theftBlock + s.lastBlock) / 2);
    const writer = openGraph(dir.path);
    const taint = new IncrementalTaint(s.attackers, 1000);
    try {
      await ingestEthereum({ rpc: url, graph: writer.ethereum, toBlock: mid });
      const first = openGraph(dir.path, { readonly: true });
      assert.ok(taint.advance(first));
      const rowsAtMid = taint.cursor.rows;
      first.close();
      await ingestEthereum({ rpc: url, graph: writer.ethereum, toBlock: s.lastBlock });
      const g = openGraph(dir.path, { readonly: true });
      try {
        assert.ok(taint.advance(g));
        assert.ok(taint.cursor.rows > rowsAtMid, 'the second step brought new rows');
        const scratch = new IncrementalTaint(s.attackers, 1000);
        scratch.advance(g);
        const r = trace({ graph: g, seeds: s.attackers, model: 'haircut', direction: 'forward', hops: 1000 });
        const theirs = new Map(
          r.addresses.filter((a) => a.received !== '0').map((a) => [`${a.address} ${a.asset}`, a.received]),
        );
        const mine = new Map<string, string>();
        const fromScratch = new Map<string, string>();
        for (const [state, into] of [
          [taint, mine],
          [scratch, fromScratch],
        ] as const) {
          state.ledgers.forEach((l, asset) => {
            if (!l) return;
            const name = asset === 0 ? 'ETH' : g.addressOf(g.ethereum.assetAddress(asset));
            for (let i = 0; i < l.n; i++) {
              if (l.received[i]! > 0) into.set(`${g.addressOf(l.addr[i]!)} ${name}`, amount(l.received[i]!));
            }
          });
        }
        assert.ok(theirs.size > 50, `${theirs.size} tainted addresses`);
        assert.deepEqual(mine, fromScratch);
        assert.deepEqual(mine, theirs);
        // the state follows transfers only (no swap conversion, no mixer matching), so it reaches a
        // subset of the truth — and marks nothing the truth leaves clean but the swap pool and mixer
        const truth = new Set(s.truth.map((e) => `${e.address} ${e.asset}`));
        const services = new Set([s.contracts.swap, s.contracts.mixer]);
        const extra = [...mine.keys()].filter((k) => !truth.has(k) && !services.has(k.split(' ')[0]!));
        assert.deepEqual(extra, []);
        const wallets = Object.values(s.exchanges).flatMap((x) => [x.hotWallet, ...x.deposits]);
        assert.ok(
          wallets.some((a) => mine.has(`${a} ETH`)),
          'an exchange wallet is reached by stolen ether',
        );
      } finally {
        g.close();
      }
    } finally {
      writer.close();
    }
  });
});
