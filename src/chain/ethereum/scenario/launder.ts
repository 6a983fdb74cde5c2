/** The laundering run after the theft: every step is a pattern seen in Lazarus cases. */
import { address, bytes32, uint } from './abi.ts';
import { noteFor } from './actors.ts';
import type { Recorder } from './recorder.ts';
import {
  type Cast,
  depositAndSweep,
  MIXER_DENOMINATION,
  mixerDeposit,
  mixerWithdraw,
  tokenTransfer,
} from './setup.ts';

const E = 10n ** 18n;
const U = 10n ** 6n;

export async function launder(r: Recorder, c: Cast): Promise<void> {
  const [a0, a1, a2] = Object.keys(c.labels).filter((a) => c.labels[a] === 'attacker') as [
    string,
    string,
    string,
  ];
  const fan = await fanOut(r, c, a0);
  await peelChain(r, c, a0, 200n * E);
  await mixerRound(r, c, fan.slice(0, 6));
  await swapAndBridge(r, c, fan[6] as string, fan[7] as string);
  const [f8, f9] = [fan[8] as string, fan[9] as string];
  c.labels[f9] = 'dormant';
  await r.eth(f8, c.fresh('dormant', 'dormant-0'), 15n * E);
  await r.eth(f8, c.fresh('dormant', 'dormant-1'), 15n * E);
  await depositAndSweep(r, c, 'exchange-b', a1, 100n * E, 'a1');
  await tokenToEth(r, c, a2);
}

/** 300 ETH split by a contract into ten fresh wallets (internal transfers). */
async function fanOut(r: Recorder, c: Cast, from: string): Promise<string[]> {
  const to = Array.from({ length: 10 }, (_, i) => c.fresh('fan-out', `fan-${i}`));
  const amounts = to.map(() => 30n * E);
  const flows = [
    { from, to: c.contracts.splitter, value: 300n * E, asset: 'ETH' },
    ...to.map((t) => ({ from: c.contracts.splitter, to: t, value: 30n * E, asset: 'ETH' })),
  ];
  await r.invoke(
    from,
    c.contracts.splitter,
    'Splitter',
    'split(address[],uint256[])',
    [
      { type: 'address[]', value: to },
      { type: 'uint256[]', value: amounts },
    ],
    flows,
    300n * E,
  );
  return to;
}

/** Each hop peels 8 ETH off to an exchange deposit or a fresh wallet and moves the rest on. */
async function peelChain(r: Recorder, c: Cast, from: string, amount: bigint): Promise<void> {
  let hop = c.fresh('peel-chain', 'peel-0');
  await r.eth(from, hop, amount);
  let left = amount;
  for (let i = 0; i < 6; i++) {
    if (i % 3 === 2) await r.eth(hop, c.fresh('peel-off', `peel-off-${i}`), 8n * E);
    else await depositAndSweep(r, c, i % 3 === 0 ? 'exchange-b' : 'exchange-c', hop, 8n * E, `peel-${i}`);
    left -= 8n * E;
    const next = c.fresh('peel-chain', `peel-${i + 1}`);
    await r.eth(hop, next, left);
    hop = next;
  }
}

/** Eighteen tainted deposits among clean ones, time passing, then withdrawals to fresh wallets. */
async function mixerRound(r: Recorder, c: Cast, wallets: readonly string[]): Promise<void> {
  let n = 0;
  for (let round = 0; round < 3; round++) {
    for (const w of wallets) await mixerDeposit(r, c, w, `dirty-${n++}`);
    const u = c.users[6 + (round % 2)] as string;
    if (round < 2) await mixerDeposit(r, c, u, `clean-${4 + round}`);
  }
  await r.d.mine(5);
  for (let i = 0; i < n; i++) {
    const w = c.fresh('mixer-withdrawal', `withdrawal-${i}`);
    await mixerWithdraw(r, c, w, `dirty-${i}`);
    if (i < 6) await depositAndSweep(r, c, 'exchange-b', w, MIXER_DENOMINATION, `w-${i}`);
    else if (i < 12) await depositAndSweep(r, c, 'exchange-c', w, MIXER_DENOMINATION, `w-${i}`);
  }
}

/** 30 ETH swapped to USDx, part bridged away, part deposited at an exchange; 30 ETH bridged. */
async function swapAndBridge(r: Recorder, c: Cast, swapper: string, bridger: string): Promise<void> {
  const { swap, token, bridge } = c.contracts;
  const out = 60_000n * U;
  await r.invoke(
    swapper,
    swap,
    'Swap',
    'ethToToken()',
    [],
    [
      { from: swapper, to: swap, value: 30n * E, asset: 'ETH' },
      { from: swap, to: swapper, value: out, asset: token },
    ],
    30n * E,
  );
  await r.invoke(
    swapper,
    token,
    'Token',
    'approve(address,uint256)',
    [address(bridge), uint(20_000n * U)],
    [],
  );
  const dest = bytes32(noteFor(c.seed, 'bridge-destination-0'));
  await r.invoke(
    swapper,
    bridge,
    'Bridge',
    'lockToken(address,uint256,bytes32)',
    [address(token), uint(20_000n * U), dest],
    [{ from: swapper, to: bridge, value: 20_000n * U, asset: token }],
  );
  const dep = c.deposit('exchange-c', 'token-0');
  await tokenTransfer(r, c, swapper, dep, 40_000n * U);
  await tokenTransfer(r, c, dep, c.hot('exchange-c'), 40_000n * U);
  await r.invoke(
    bridger,
    bridge,
    'Bridge',
    'lock(bytes32)',
    [bytes32(noteFor(c.seed, 'bridge-destination-1'))],
    [{ from: bridger, to: bridge, value: 30n * E, asset: 'ETH' }],
    30n * E,
  );
}

/** Stolen USDx swapped back to ETH and cashed in at an exchange; the rest parked in a fresh wallet. */
async function tokenToEth(r: Recorder, c: Cast, holder: string): Promise<void> {
  const { swap, token } = c.contracts;
  await r.invoke(holder, token, 'Token', 'approve(address,uint256)', [address(swap), uint(500_000n * U)], []);
  await r.invoke(
    holder,
    swap,
    'Swap',
    'tokenToEth(uint256)',
    [uint(500_000n * U)],
    [
      { from: holder, to: swap, value: 500_000n * U, asset: token },
      { from: swap, to: holder, value: 250n * E, asset: 'ETH' },
    ],
  );
  await depositAndSweep(r, c, 'exchange-c', holder, 250n * E, 'a2');
  await tokenTransfer(r, c, holder, c.fresh('dormant', 'token-parking'), 300_000n * U);
}
