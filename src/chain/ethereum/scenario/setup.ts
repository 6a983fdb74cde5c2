/** The scenario's cast (exchanges, users, contracts), its funding, and ordinary traffic around the heist. */
import { toQuantity } from '../hex.ts';
import { address, bytes32, str, uint } from './abi.ts';
import { actorAddress, noteFor } from './actors.ts';
import type { HeistContracts, Role } from './heist-types.ts';
import type { Recorder } from './recorder.ts';

const E = 10n ** 18n;
const U = 10n ** 6n;
const ZERO = `0x${'0'.repeat(40)}`;
export const MIXER_DENOMINATION = 10n * E;

export class Cast {
  readonly seed: string;
  readonly labels: Record<string, Role> = {};
  readonly exchanges: Record<string, { hotWallet: string; deposits: string[] }> = {};
  contracts: HeistContracts = { token: '', mixer: '', swap: '', bridge: '', splitter: '' };
  faucet = '';
  victim = '';
  users: string[] = [];

  constructor(seed: string) {
    this.seed = seed;
  }

  add(role: Role, address: string): string {
    this.labels[address] = role;
    return address;
  }

  fresh(role: Role, label: string): string {
    return this.add(role, actorAddress(this.seed, label));
  }

  /** A new deposit address of an exchange (one per customer, as exchanges do). */
  deposit(exchange: string, label: string): string {
    const a = this.fresh('exchange-deposit', `${exchange}-deposit-${label}`);
    this.exchanges[exchange]?.deposits.push(a);
    return a;
  }

  hot(exchange: string): string {
    return this.exchanges[exchange]?.hotWallet as string;
  }
}

export async function setUp(r: Recorder, seed: string): Promise<Cast> {
  const c = new Cast(seed);
  const faucet = c.fresh('faucet', 'faucet');
  c.faucet = faucet;
  await r.d.rpc.call('anvil_setBalance', [faucet, toQuantity(1_000_000n * E)]);
  const deployer = c.fresh('deployer', 'deployer');
  const token = c.add(
    'token',
    await r.d.deploy(deployer, 'Token', [str('Scenario Dollar'), str('USDx'), uint(6n)]),
  );
  const mixer = c.add('mixer', await r.d.deploy(deployer, 'Mixer', [uint(MIXER_DENOMINATION)]));
  const swap = c.add('swap', await r.d.deploy(deployer, 'Swap', [address(token), uint(2000n * U)]));
  const bridge = c.add('bridge', await r.d.deploy(deployer, 'Bridge'));
  const splitter = c.add('splitter', await r.d.deploy(deployer, 'Splitter'));
  r.txs += 5;
  c.contracts = { token, mixer, swap, bridge, splitter };
  for (const name of ['exchange-a', 'exchange-b', 'exchange-c']) {
    c.exchanges[name] = { hotWallet: c.fresh('exchange-hot-wallet', `${name}-hot`), deposits: [] };
  }
  c.victim = c.hot('exchange-a');
  c.labels[c.victim] = 'victim-hot-wallet';
  await mint(r, token, swap, 5_000_000n * U);
  await r.eth(faucet, swap, 1000n * E);
  await r.eth(faucet, c.victim, 2000n * E);
  await mint(r, token, c.victim, 2_000_000n * U);
  await r.eth(faucet, c.hot('exchange-b'), 1000n * E);
  await r.eth(faucet, c.hot('exchange-c'), 1000n * E);
  for (let i = 0; i < 8; i++) {
    const u = c.fresh('user', `user-${i}`);
    c.users.push(u);
    await r.eth(faucet, u, 50n * E);
    if (i < 4) await mint(r, token, u, 10_000n * U);
  }
  return c;
}

function mint(r: Recorder, token: string, to: string, value: bigint): Promise<string> {
  return r.invoke(
    to,
    token,
    'Token',
    'mint(address,uint256)',
    [address(to), uint(value)],
    [{ from: ZERO, to, value, asset: token }],
  );
}

export async function tokenTransfer(
  r: Recorder,
  c: Cast,
  from: string,
  to: string,
  value: bigint,
): Promise<string> {
  const flows = [{ from, to, value, asset: c.contracts.token }];
  return r.invoke(
    from,
    c.contracts.token,
    'Token',
    'transfer(address,uint256)',
    [address(to), uint(value)],
    flows,
  );
}

export async function mixerDeposit(r: Recorder, c: Cast, from: string, label: string): Promise<void> {
  const note = noteFor(c.seed, label);
  const noteHash = await r.d.read(c.contracts.mixer, 'Mixer', 'hashNote(bytes32)', [bytes32(note)]);
  const flows = [{ from, to: c.contracts.mixer, value: MIXER_DENOMINATION, asset: 'ETH' }];
  await r.invoke(
    from,
    c.contracts.mixer,
    'Mixer',
    'deposit(bytes32)',
    [bytes32(noteHash)],
    flows,
    MIXER_DENOMINATION,
  );
}

export async function mixerWithdraw(r: Recorder, c: Cast, to: string, label: string): Promise<void> {
  const note = noteFor(c.seed, label);
  const flows = [{ from: c.contracts.mixer, to, value: MIXER_DENOMINATION, asset: 'ETH' }];
  // The recipient sends the withdrawal itself: with no gas price it needs no funds first.
  await r.invoke(
    to,
    c.contracts.mixer,
    'Mixer',
    'withdraw(bytes32,address)',
    [bytes32(note), address(to)],
    flows,
  );
}

/** A customer pays into an exchange deposit address, which the exchange sweeps to its hot wallet. */
export async function depositAndSweep(
  r: Recorder,
  c: Cast,
  exchange: string,
  from: string,
  value: bigint,
  label: string,
): Promise<void> {
  const dep = c.deposit(exchange, label);
  await r.eth(from, dep, value);
  await r.eth(dep, c.hot(exchange), value);
}

export async function ordinaryBefore(r: Recorder, c: Cast): Promise<void> {
  const [u0, u1, u2, u3, u4, u5, u6, u7] = c.users as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  await r.eth(u0, u1, 3n * E);
  await r.eth(u2, u3, (3n * E) / 2n);
  await depositAndSweep(r, c, 'exchange-b', u1, 5n * E, 'u1');
  await tokenTransfer(r, c, u0, u1, 500n * U);
  for (const [i, u] of [u4, u5, u6, u7].entries()) await mixerDeposit(r, c, u, `clean-${i}`);
  await r.eth(c.hot('exchange-b'), u2, 7n * E);
  await depositAndSweep(r, c, 'exchange-c', u3, 4n * E, 'u3');
}

export async function ordinaryAfter(r: Recorder, c: Cast): Promise<void> {
  const [u0, u1, , u3, u4, u5, u6, u7] = c.users as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  // Honest users take their coins back out of the mixer too.
  await mixerWithdraw(r, c, u4, 'clean-0');
  await mixerWithdraw(r, c, u5, 'clean-1');
  await r.eth(c.hot('exchange-b'), u3, 20n * E);
  await r.eth(c.hot('exchange-b'), u5, 15n * E);
  await r.eth(c.hot('exchange-c'), u6, 12n * E);
  await r.eth(u0, u7, 1n * E);
  await tokenTransfer(r, c, u1, u0, 100n * U);
}
