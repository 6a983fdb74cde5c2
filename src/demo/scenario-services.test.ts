import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ethereum } from '../chain/index.ts';
import { truthWithStops } from './scenario-services.ts';

it('the truth with stops: what an exchange pays out carries no taint, what it received still counts', () => {
  const flow = (txHash: string, from: string, to: string, value: bigint): ethereum.Flow => ({
    txHash,
    from,
    to,
    value,
    asset: 'ETH',
  });
  // the thief t is paid 100 stolen; u holds 100 clean; both pay deposit d, which sweeps to hot wallet
  // h; h pays customer c; t pays a fresh wallet w
  const flows = [
    flow('theft', 'victim', 't', 100n),
    flow('1', 'faucet', 'u', 100n),
    flow('2', 't', 'd', 60n),
    flow('3', 'u', 'd', 60n),
    flow('4', 'd', 'h', 120n),
    flow('5', 'h', 'c', 30n),
    flow('6', 't', 'w', 40n),
  ];
  const scenario = {
    flows,
    theftTxs: ['theft'],
    contracts: { swap: 'pool' },
  } as unknown as ethereum.HeistScenario;
  const received = (entries: ethereum.TaintEntry[]) =>
    Object.fromEntries(entries.map((e) => [e.address, e.received]));
  assert.deepEqual(received(truthWithStops(scenario, new Set())), {
    c: 15n,
    d: 60n,
    h: 60n,
    t: 100n,
    w: 40n,
  });
  assert.deepEqual(received(truthWithStops(scenario, new Set(['d', 'h']))), { d: 60n, t: 100n, w: 40n });
});
