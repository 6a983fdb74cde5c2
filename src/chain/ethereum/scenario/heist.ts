/**
 * The heist scenario on a local anvil: a theft from an exchange hot wallet, then a laundering run
 * shaped like Lazarus cases (fan-out through a contract, a peel chain, mixer deposits and later
 * withdrawals to fresh wallets, token swaps, bridge deposits, deposits into other exchanges that
 * sweep to their hot wallets), with ordinary traffic before and after. Deterministic for a seed.
 * Needs anvil started with `--block-base-fee-per-gas 0` (HEIST_ANVIL_ARGS): transactions pay no
 * gas, so the ground truth's amounts are exact.
 */
import { BulwarkError } from '../../../errors/index.ts';
import { toBigInt, toNumber } from '../hex.ts';
import { asObject } from '../raw-block.ts';
import type { RpcClient } from '../rpc-client.ts';
import { address, uint } from './abi.ts';
import { actorAddress } from './actors.ts';
import { ChainDriver } from './driver.ts';
import { haircut } from './haircut.ts';
import type { HeistScenario } from './heist-types.ts';
import { launder } from './launder.ts';
import { Recorder } from './recorder.ts';
import { type Cast, ordinaryAfter, ordinaryBefore, setUp } from './setup.ts';

export const HEIST_ANVIL_ARGS: readonly string[] = ['--block-base-fee-per-gas', '0'];

export const HAIRCUT_MODEL =
  'haircut: per address and asset, a transfer of v carries v × tainted / balance of its sender (integer ' +
  'division, base units), in chain order; theft transfers are wholly tainted; within a transaction, ' +
  'payments into a swap pool apply first, and what the payer gets back from the pool in that ' +
  'transaction carries the taint fraction it paid in (the pool takes none); mixers, bridges and ' +
  'exchanges are ordinary addresses.';

const E = 10n ** 18n;
const U = 10n ** 6n;

export async function runHeistScenario(rpc: RpcClient, seed = 'bulwark-heist-1'): Promise<HeistScenario> {
  const latest = asObject(await rpc.call('eth_getBlockByNumber', ['latest', false]), 'latest block');
  if (latest.baseFeePerGas !== undefined && toBigInt(latest.baseFeePerGas, 'baseFeePerGas') !== 0n) {
    throw new BulwarkError('USAGE', 'the heist scenario needs a chain without gas fees', {
      source: rpc.source,
      hint: `Start anvil with ${HEIST_ANVIL_ARGS.join(' ')}`,
    });
  }
  const d = new ChainDriver(rpc, 0n);
  await d.autoImpersonate(true);
  const firstBlock = (await d.head()) + 1;
  const r = new Recorder(d);
  const cast = await setUp(r, seed);
  await ordinaryBefore(r, cast);
  const theftBlock = (await d.head()) + 1;
  const theft = await steal(r, cast);
  await launder(r, cast);
  await ordinaryAfter(r, cast);
  const truth = haircut({
    flows: r.flows,
    seedTxs: new Set(theft.txs),
    swaps: new Set([cast.contracts.swap]),
  });
  return {
    seed,
    chainId: toNumber(await rpc.call('eth_chainId'), 'eth_chainId'),
    firstBlock,
    theftBlock,
    lastBlock: await d.head(),
    contracts: cast.contracts,
    token: { symbol: 'USDx', decimals: 6 },
    victim: cast.victim,
    attackers: theft.attackers,
    theftTxs: theft.txs,
    stolen: [
      { asset: 'ETH', value: 600n * E },
      { asset: cast.contracts.token, value: 800_000n * U },
    ],
    labels: cast.labels,
    exchanges: cast.exchanges,
    flows: r.flows,
    truth,
    model: HAIRCUT_MODEL,
    transactions: r.txs,
  };
}

async function steal(r: Recorder, c: Cast): Promise<{ txs: string[]; attackers: string[] }> {
  const a0 = c.add('attacker', actorAddress(c.seed, 'attacker-0'));
  const a1 = c.add('attacker', actorAddress(c.seed, 'attacker-1'));
  const a2 = c.add('attacker', actorAddress(c.seed, 'attacker-2'));
  const txs = [
    await r.eth(c.victim, a0, 500n * E),
    await r.eth(c.victim, a1, 100n * E),
    await r.invoke(
      c.victim,
      c.contracts.token,
      'Token',
      'transfer(address,uint256)',
      [address(a2), uint(800_000n * U)],
      [{ from: c.victim, to: a2, value: 800_000n * U, asset: c.contracts.token }],
    ),
  ];
  return { txs, attackers: [a0, a1, a2] };
}
