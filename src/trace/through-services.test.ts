import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { tempDir } from '../../test/support/temp-dir.ts';
import { mainnet0to255, writeBlk } from '../chain/graph/test-blocks.ts';
import { type Graph, ingestBitcoin, openGraph } from '../chain/index.ts';
import { addr, blockOf, buildGraph, type Move } from './test-graph.ts';
import { type LabelsOf, traceRequest } from './trace-request.ts';
import type { TraceLabel, TraceResult } from './types.ts';

const dir = tempDir('bulwark-through-');
after(dir.remove);
let made = 0;

const m = (from: string, to: string, value: bigint, asset?: string): Move => ({
  from,
  to,
  value,
  ...(asset ? { asset } : {}),
});

function graphOf(steps: Move[][], tokens: { token: string; decimals?: number }[] = []): Graph {
  const g = buildGraph(join(dir.path, `g${made++}`), steps);
  g.ethereum.putTokens(tokens.map((t) => ({ address: addr(t.token), symbol: 'T', decimals: t.decimals })));
  g.ethereum.commit();
  return g;
}

/** The reader's labels: address letter → one label. */
function labels(of: Record<string, TraceLabel>): LabelsOf {
  const byAddress = new Map(Object.entries(of).map(([k, l]) => [addr(k), l]));
  return (address) => {
    const l = byAddress.get(address);
    return l ? [l] : [];
  };
}

const received = (r: TraceResult) => Object.fromEntries(r.addresses.map((a) => [a.address, a.received]));

describe('through mixers from traceRequest', () => {
  // a (seed) and c deposit 10 each into the mixer x; w withdraws 10 one block later; w → y
  const steps = [
    [m('v', 'a', 10n)],
    [m('a', 'x', 10n)],
    [m('c', 'x', 10n)],
    [m('x', 'w', 10n)],
    [m('w', 'y', 10n)],
  ];
  const mixer = labels({ x: { category: 'mixer', name: 'Tornado' } });

  it('lists the matched withdrawal with its confidence, marks it on transfers and paths, and splits what left from what stayed', () => {
    const g = graphOf(steps);
    try {
      const r = traceRequest(g, { seeds: [addr('a')], hops: 10 }, mixer);
      assert.equal(r.links.length, 1);
      const [l] = r.links;
      assert.equal(l!.kind, 'mixer');
      assert.equal(l!.service, 'Tornado');
      assert.equal(l!.confidence, 0.5, 'half the anonymity set was tainted');
      assert.equal(l!.candidates, 2);
      assert.equal(l!.carried, '5');
      assert.deepEqual(
        l!.deposits.map((d) => [d.row, d.to, d.taint]),
        [[1, addr('x'), '10']],
      );
      assert.deepEqual([l!.withdrawal.row, l!.withdrawal.to, l!.withdrawal.value], [3, addr('w'), '10']);
      assert.equal(received(r)[addr('w')], '5');
      assert.equal(received(r)[addr('y')], '5', 'the trace goes on beyond the withdrawal');
      assert.deepEqual(r.transfers.find((t) => t.row === 3)?.link, { kind: 'mixer', confidence: 0.5 });
      assert.equal(r.transfers.find((t) => t.row === 4)?.link, undefined);
      const x = r.addresses.find((a) => a.address === addr('x'))!;
      assert.deepEqual([x.received, x.holding], ['10', '5'], 'the mixer still holds what did not leave');
      const tornado = r.summary.find((d) => d.category === 'mixer')!;
      assert.deepEqual([tornado.received, tornado.passedOn, tornado.value], ['10', '5', '5']);
      const held = r.summary.find((d) => d.category === 'held')!;
      assert.equal(held.value, '5');
      const toY = held.paths.find((p) => p.to === addr('y'))!;
      assert.deepEqual(toY.path, [addr('a'), addr('x'), addr('w'), addr('y')]);
      assert.deepEqual(toY.crossings, [{ at: 2, kind: 'mixer', confidence: 0.5 }]);
      // everything that went in is accounted for once: what stayed plus where the rest went
      assert.equal(Number(tornado.value) + Number(held.value), 10);
    } finally {
      g.close();
    }
  });

  it('stays at the mixer when switched off, when the window is too short, and when backward', () => {
    const g = graphOf(steps);
    try {
      const off = traceRequest(g, { seeds: [addr('a')], hops: 10, throughMixers: false }, mixer);
      const short = traceRequest(g, { seeds: [addr('a')], hops: 10, mixerWindow: 12 }, mixer);
      for (const r of [off, short]) {
        assert.deepEqual(r.links, []);
        assert.equal(received(r)[addr('w')], undefined);
        const tornado = r.summary.find((d) => d.category === 'mixer')!;
        assert.deepEqual([tornado.value, tornado.passedOn], ['10', undefined]);
      }
      const back = traceRequest(g, { seeds: [addr('y')], hops: 10, direction: 'backward' }, mixer);
      assert.deepEqual(back.links, []);
    } finally {
      g.close();
    }
  });

  it('a reader who does not see the mixer label gets no crossing (x is an address like any other)', () => {
    const g = graphOf(steps);
    try {
      const r = traceRequest(g, { seeds: [addr('a')], hops: 10 }, labels({}));
      assert.deepEqual(r.links, []);
      assert.ok(r.transfers.every((t) => t.link === undefined));
      assert.ok(r.summary.every((d) => d.category !== 'mixer'));
      // followed as a plain address: x paid w out of a pool half of it tainted (haircut)
      assert.equal(received(r)[addr('w')], '5');
    } finally {
      g.close();
    }
  });
});

describe('through bridges on one chain (ether in, a token out)', () => {
  const ONE_ETH = 10n ** 18n;
  // b and d are addresses of the bridge "Wormhole"; token t (6 decimals) is what d releases; token
  // m (6 decimals) is the bridge's own token, minted from the zero address; token n has unknown decimals
  const steps = [
    [m('v', 'a', 2n * ONE_ETH)],
    [m('d', 'k', 1_000_000n, 't')], // a release before the deposit: no candidate
    [m('a', 'b', ONE_ETH)], // the deposit: 1 ether
    [m('d', 'r', 999_000n, 't')], // 0.999 t: within the 1 % fee
    [m('\u0000', 's', 1_000_000n, 'm')], // a mint of the bridge's token
    [m('d', 'e', 1_000_000n, 'n')], // unknown decimals: never matched
    [m('d', 'f', 980_000n, 't')], // 0.98: short by more than the fee
    [m('r', 'u', 999_000n, 't')],
    [m('d', 'h', ONE_ETH)], // ether: the deposit's own side, no candidate
  ];
  const tokens = [{ token: 't', decimals: 6 }, { token: 'm', decimals: 6 }, { token: 'n' }];
  const bridge = { category: 'bridge', name: 'Wormhole' };
  const wormhole = labels({ b: bridge, d: bridge, m: bridge });

  it('matches the deposit to the releases of the same bridge in other assets, 1 / candidates each, and goes on', () => {
    const g = graphOf(steps, tokens);
    try {
      const r = traceRequest(g, { seeds: [addr('a')], hops: 10 }, wormhole);
      const links = r.links.map((l) => [
        l.kind,
        l.service,
        l.withdrawal.to,
        l.withdrawal.asset,
        l.confidence,
        l.carried,
      ]);
      assert.deepEqual(links, [
        ['bridge', 'Wormhole', addr('r'), addr('t'), 0.5, '499500'],
        ['bridge', 'Wormhole', addr('s'), addr('m'), 0.5, '500000'],
      ]);
      for (const l of r.links) {
        assert.equal(l.candidates, 2);
        assert.deepEqual(
          l.deposits.map((d) => [d.to, d.asset, d.value, d.taint]),
          [[addr('b'), 'ETH', String(ONE_ETH), String(ONE_ETH)]],
        );
      }
      const got = received(r);
      assert.equal(got[addr('u')], '499500', 'the trace goes on from the recipient');
      for (const x of 'kefh') assert.equal(got[addr(x)], undefined, x);
      const u = r.addresses.find((a) => a.address === addr('u'))!;
      assert.deepEqual([u.asset, u.hops], [addr('t'), 3]);
      const held = r.summary.find((d) => d.category === 'held' && d.asset === addr('t'))!;
      const toU = held.paths.find((p) => p.to === addr('u'))!;
      assert.deepEqual(toU.path, [addr('a'), addr('b'), addr('r'), addr('u')]);
      assert.deepEqual(toU.crossings, [{ at: 2, kind: 'bridge', confidence: 0.5 }]);
      // of the ether that went in, the two releases account for 0.999 / 2 + 1 / 2 of it
      const w = r.summary.find((d) => d.category === 'bridge')!;
      assert.equal(w.received, String(ONE_ETH));
      const left = Number(w.passedOn);
      assert.ok(Math.abs(left - 0.9995e18) <= 1e4, w.passedOn);
      assert.ok(Math.abs(Number(w.value) - 0.0005e18) <= 1e4, w.value);
    } finally {
      g.close();
    }
  });

  it('a reader who does not see the bridge label, or switches bridges off, gets no crossing', () => {
    const g = graphOf(steps, tokens);
    try {
      for (const r of [
        traceRequest(g, { seeds: [addr('a')], hops: 10 }, labels({})),
        traceRequest(g, { seeds: [addr('a')], hops: 10 }, labels({ d: bridge, m: bridge })),
        traceRequest(g, { seeds: [addr('a')], hops: 10, throughBridges: false }, wormhole),
      ]) {
        assert.deepEqual(r.links, []);
        assert.equal(received(r)[addr('u')], undefined);
        assert.equal(received(r)[addr('s')], undefined);
      }
    } finally {
      g.close();
    }
  });

  it('a release after the window is no candidate', () => {
    const g = graphOf(steps, tokens);
    try {
      // the releases come 12 and 24 s after the deposit
      const r = traceRequest(g, { seeds: [addr('a')], hops: 10, bridgeWindow: 12 }, wormhole);
      assert.deepEqual(
        r.links.map((l) => [l.withdrawal.to, l.confidence]),
        [[addr('r'), 1]],
      );
      assert.equal(received(r)[addr('u')], '999000');
    } finally {
      g.close();
    }
  });
});

describe('through a bridge between Bitcoin and Ethereum (one graph store, both chains)', () => {
  const SATOSHI = '12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S';
  const HAL = '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3';

  it('continues on Ethereum from a wrapped-bitcoin release (8 decimals) matching the deposit, with the whole path', async () => {
    const at = join(dir.path, `g${made++}`);
    writeBlk(join(at, 'blocks'), 0, mainnet0to255());
    const g = openGraph(join(at, 'chain'));
    try {
      await ingestBitcoin({ graph: g, blocksDir: join(at, 'blocks') });
      // Hal's address is a bridge's deposit address; block 170 paid it 10 BTC from Satoshi
      const plain = traceRequest(g, { seeds: [SATOSHI], hops: 2 });
      const deposit = plain.transfers.find((t) => t.to === HAL)!;
      assert.equal(deposit.value, String(10 * 1e8));
      // on Ethereum, ten minutes later: the bridge (address d) releases 9.99 wBTC (token w,
      // 8 decimals) to r, who pays u; a release of another amount is no candidate
      const t0 = deposit.time + 600;
      const blocks: Move[][] = [
        [m('d', 'r', 999_000_000n, 'w')],
        [m('d', 'e', 500_000_000n, 'w')],
        [m('r', 'u', 999_000_000n, 'w')],
      ];
      blocks.forEach((moves, i) => {
        const b = blockOf(i, moves);
        g.ethereum.append({ ...b, time: t0 + 12 * i });
      });
      g.ethereum.putTokens([{ address: addr('w'), symbol: 'WBTC', decimals: 8 }]);
      g.ethereum.commit();
      const bridge = { category: 'bridge', name: 'BTC bridge' };
      const seen: LabelsOf = (a) => (a === HAL || a === addr('d') ? [bridge] : []);
      const r = traceRequest(g, { seeds: [SATOSHI], hops: 4 }, seen);
      assert.equal(r.chain, 'bitcoin');
      assert.deepEqual(
        r.links.map((l) => [
          l.kind,
          l.deposits[0]!.chain,
          l.deposits[0]!.to,
          l.withdrawal.chain,
          l.withdrawal.to,
        ]),
        [['bridge', 'bitcoin', HAL, 'ethereum', addr('r')]],
      );
      assert.equal(r.links[0]!.confidence, 1);
      // the deposit was wholly tainted: the release carries all of its 9.99 wBTC (in wBTC's base unit)
      assert.equal(r.links[0]!.carried, '999000000');
      const got = Object.fromEntries(r.addresses.map((a) => [`${a.address} ${a.asset}`, a.received]));
      assert.equal(got[`${HAL} BTC`], String(10 * 1e8));
      assert.equal(got[`${addr('u')} ${addr('w')}`], '999000000');
      assert.equal(got[`${addr('e')} ${addr('w')}`], undefined);
      assert.ok(r.transfers.some((t) => t.chain === 'bitcoin'));
      assert.ok(r.transfers.some((t) => t.chain === 'ethereum' && t.link?.kind === 'bridge'));
      const held = r.summary.find((d) => d.category === 'held' && d.asset === addr('w'))!;
      const toU = held.paths.find((p) => p.to === addr('u'))!;
      assert.equal(toU.path[0], SATOSHI, 'the path starts at the Bitcoin seed');
      assert.deepEqual(toU.path.slice(-3), [HAL, addr('r'), addr('u')]);
      assert.deepEqual(toU.crossings, [{ at: toU.path.length - 2, kind: 'bridge', confidence: 1 }]);
      const btc = r.summary.find((d) => d.category === 'bridge' && d.asset === 'BTC')!;
      assert.deepEqual([btc.received, btc.passedOn, btc.value], [String(10 * 1e8), '999000000', '1000000']);
    } finally {
      g.close();
    }
  });

  it('continues on Bitcoin from a release by the bridge (an output of its transaction, not its change) matching an Ethereum deposit', async () => {
    const at = join(dir.path, `g${made++}`);
    writeBlk(join(at, 'blocks'), 0, mainnet0to255());
    const g = openGraph(join(at, 'chain'));
    try {
      await ingestBitcoin({ graph: g, blocksDir: join(at, 'blocks') });
      const release = traceRequest(g, { seeds: [SATOSHI], hops: 1 }).transfers.find((t) => t.to === HAL)!;
      // on Ethereum, before the release: a gets 10 wBTC (8 decimals) and deposits them into the
      // bridge's address d; the bridge's Bitcoin address (Satoshi's, here) then pays Hal 10 BTC
      const t0 = release.time - 1200;
      [[m('v', 'a', 1_000_000_000n, 'w')], [m('a', 'd', 1_000_000_000n, 'w')]].forEach((moves, i) => {
        g.ethereum.append({ ...blockOf(i, moves), time: t0 + 600 * i });
      });
      g.ethereum.putTokens([{ address: addr('w'), symbol: 'WBTC', decimals: 8 }]);
      g.ethereum.commit();
      const bridge = { category: 'bridge', name: 'BTC bridge' };
      const seen: LabelsOf = (a) => (a === SATOSHI || a === addr('d') ? [bridge] : []);
      const r = traceRequest(g, { seeds: [addr('a')], hops: 4 }, seen);
      assert.equal(r.chain, 'ethereum');
      const toHal = r.links.filter((l) => l.withdrawal.to === HAL);
      assert.equal(toHal.length, 1);
      const l = toHal[0]!;
      assert.deepEqual(
        [l.deposits[0]!.chain, l.deposits[0]!.to, l.withdrawal.chain, l.withdrawal.from, l.withdrawal.value],
        ['ethereum', addr('d'), 'bitcoin', SATOSHI, String(10 * 1e8)],
      );
      assert.ok(
        r.links.every((x) => x.withdrawal.to !== SATOSHI),
        "the bridge's change is no release",
      );
      assert.equal(l.confidence, 1 / l.candidates);
      assert.equal(l.carried, String(Math.floor(1e9 / l.candidates)));
      const hal = r.addresses.find((a) => a.address === HAL && a.asset === 'BTC')!;
      assert.equal(hal.received, l.carried, 'the continuation on Bitcoin');
      assert.ok(r.transfers.some((t) => t.chain === 'bitcoin' && t.to === HAL && t.link?.kind === 'bridge'));
      const held = r.summary.find((d) => d.category === 'held' && d.asset === 'BTC')!;
      const path = held.paths.find((p) => p.to === HAL)!;
      assert.deepEqual(path.path, [addr('a'), addr('d'), HAL]);
      assert.deepEqual(path.crossings, [{ at: 2, kind: 'bridge', confidence: l.confidence }]);
    } finally {
      g.close();
    }
  });
});
