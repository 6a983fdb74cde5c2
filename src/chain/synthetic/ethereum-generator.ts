/**
 * A synthetic account-model chain written straight into the graph store's Ethereum table: ordinary
 * payments between users drawn by preferential attachment (heavy-tailed degrees), exchanges whose
 * deposit addresses sweep into one hot wallet (fan-in) and whose hot wallets pay out (fan-out,
 * batched through a disperse contract), token transfers and swaps through pools, a fee row per
 * transaction to a few block builders, background peel chains, and one heist — a hot wallet drained
 * to a thief who splits the loot over fresh wallets that peel it into exchanges. Blocks every 12 s.
 * Deterministic from the seed; memory is the store's columns plus O(addresses) here.
 */
import { AccountBulkWriter, KIND } from '../graph/account-bulk.ts';
import type { Graph } from '../graph/graph.ts';
import { PeelChains, SweepQueue } from './peel-chains.ts';
import { Population } from './population.ts';
import { Rng } from './rng.ts';
import { encoded, encodeScaled } from './wei.ts';

export interface GenerateEthereumOptions {
  graph: Graph;
  /** Transfer rows to write: generation stops at the end of the transaction that reaches it. */
  transfers: number;
  seed: number;
  /** Commit every this many rows (crash-safe progress); 0 or absent: once, at the end. */
  commitEvery?: number;
  onProgress?: (rows: number, total: number) => void;
  /** Unix time of the first block; default 1,700,000,000. */
  startTime?: number;
}

export interface HeistInfo {
  thief: string;
  victim: string;
  height: number;
  time: number;
  /** Stolen amount in base units (wei, satoshi), as a decimal string. */
  value: string;
}

/** A service of the generated chain, as an analyst's label would name it. */
export interface ServiceLabel {
  address: string;
  /** 'exchange' (hot wallets), 'builder' (fee recipients), 'dex' (routers and pools), 'token'. */
  category: string;
  name: string;
}

export interface GenerateSummary {
  chain: 'ethereum' | 'bitcoin';
  seed: number;
  blocks: number;
  transactions: number;
  transfers: number;
  addresses: number;
  heist: HeistInfo;
  peelChains: number;
  fanOuts: number;
  /** The services: what a trace over the chain stops at. */
  labels: ServiceLabel[];
  seconds: number;
  /** Of which in the store's commits (column writes, fsync, adjacency segments). */
  commitSeconds: number;
}

const EXCHANGES = 40;
const BUILDERS = 16;
const TOKENS = 200;
const POOLS = 60;
const ROUTERS = 4;
const DEPOSIT_RING = 8;
/** Amounts are tracked in micro-ether (10^12 wei); fees in gwei · gas (10^9 wei). */
const MICRO = 12;
const ETH = 1e6;
const ROUND = [1e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8];
const GAS_MARGIN = 20_000; // µETH kept back for fees (0.02 ETH)

export class EthereumGenerator {
  readonly w: AccountBulkWriter;
  readonly rng: Rng;
  readonly pop: Population;
  private readonly o: GenerateEthereumOptions;
  private readonly hash = new Uint8Array(32);
  private readonly pooled = new Uint8Array(10);
  private readonly amounts = new Float64Array(4096);
  private readonly peel = new PeelChains();
  private readonly sweeps = new SweepQueue();
  private hot: number[] = [];
  private builders: number[] = [];
  private tokens: number[] = [];
  private tokenAsset: number[] = [];
  private pools: number[] = [];
  private routers: number[] = [];
  private disperse = 0;
  private genesis = 0;
  private deposits = new Int32Array(EXCHANGES * DEPOSIT_RING).fill(-1);
  private block = 0;
  private height = 0;
  private time = 0;
  private builder = 0;
  private gwei = 10;
  private fanOuts = 0;
  private heist: HeistInfo | undefined;
  private thief = -1;

  constructor(o: GenerateEthereumOptions) {
    this.o = o;
    this.w = new AccountBulkWriter(o.graph);
    this.rng = new Rng(o.seed);
    this.pop = new Population(this.w, o.seed);
  }

  run(): GenerateSummary {
    const started = performance.now();
    const c = this.o.graph.ethereum.c;
    const rows0 = c.rows;
    const txs0 = c.txs;
    const blocks0 = c.blocks;
    const target = rows0 + this.o.transfers;
    this.height = c.blocks > 0 ? c.blockHeight.data[c.blocks - 1]! + 1 : 0;
    this.time = c.blocks > 0 ? c.blockTime.data[c.blocks - 1]! + 12 : (this.o.startTime ?? 1_700_000_000);
    this.setup();
    // the theft a tenth of the way in (a block is ~750 rows): most of the chain follows it
    const heistBlock = blocks0 + Math.max(2, Math.floor(this.o.transfers / 7500));
    const every = this.o.commitEvery ?? 0;
    let nextCommit = every > 0 ? rows0 + every : Number.POSITIVE_INFINITY;
    // a chain too short to reach the heist block runs on until the loot is split
    while (this.w.rows < target || this.block <= heistBlock + 1) {
      this.beginBlock();
      this.sweeps.drain(this.block, (dep, ex) => this.sweep(dep, ex));
      this.peelSteps();
      if (this.block === heistBlock) this.steal();
      if (this.block === heistBlock + 1 && this.thief >= 0) this.split();
      if (this.peel.count < 48 && this.rng.chance(0.1)) this.startPeel();
      const n = 100 + this.rng.int(101);
      for (let k = 0; k < n && (this.w.rows < target || this.block <= heistBlock); k++) this.randomTx();
      if ((this.block & 63) === 0) this.o.onProgress?.(this.w.rows - rows0, this.o.transfers);
      if (this.w.rows >= nextCommit) {
        this.commit();
        nextCommit += every;
      }
    }
    this.commit();
    this.o.onProgress?.(this.w.rows - rows0, this.o.transfers);
    return {
      chain: 'ethereum',
      seed: this.o.seed,
      blocks: c.blocks - blocks0,
      transactions: c.txs - txs0,
      transfers: c.rows - rows0,
      addresses: this.pop.count,
      heist: this.heist!,
      peelChains: this.peel.started,
      fanOuts: this.fanOuts,
      labels: this.labels(),
      seconds: (performance.now() - started) / 1000,
      commitSeconds: this.commitSeconds,
    };
  }

  private commitSeconds = 0;

  private commit(): void {
    const t0 = performance.now();
    this.o.graph.commit();
    this.commitSeconds += (performance.now() - t0) / 1000;
  }

  // ---- the cast ----

  private labels(): ServiceLabel[] {
    const g = this.o.graph;
    const label = (list: number[], category: string, name: string) =>
      list.map((i, k) => ({ address: g.addressOf(this.pop.ids[i]!), category, name: `${name} ${k}` }));
    return [
      ...label(this.hot, 'exchange', 'Exchange'),
      ...label(this.builders, 'builder', 'Builder'),
      ...label([...this.routers, ...this.pools], 'dex', 'DEX'),
      ...label(this.tokens, 'token', 'Token'),
    ];
  }

  private setup(): void {
    const p = this.pop;
    const make = (n: number) => Array.from({ length: n }, () => p.create());
    this.genesis = p.create();
    this.builders = make(BUILDERS);
    this.hot = make(EXCHANGES);
    this.tokens = make(TOKENS);
    this.pools = make(POOLS);
    this.routers = make(ROUTERS);
    this.disperse = p.create();
    const g = this.o.graph;
    this.tokenAsset = this.tokens.map((t) => this.w.asset(p.ids[t]!));
    g.ethereum.putTokens(
      this.tokens.map((t, k) => ({
        address: g.addressOf(p.ids[t]!),
        symbol: `SYN${k}`,
        decimals: k < 2 ? 6 : 18,
      })),
    );
    // genesis funds the exchanges and a first generation of users
    this.beginBlock();
    for (const h of this.hot) this.transfer(this.genesis, h, 5e6 * ETH, KIND.call, 21_000);
    for (let k = 0; k < 2000; k++) {
      const u = p.create();
      this.transfer(this.genesis, u, Math.floor(this.rng.pareto(1, 1.2, 1e4) * ETH), KIND.call, 21_000);
      p.received(u);
    }
  }

  private beginBlock(): void {
    this.block = this.o.graph.ethereum.c.blocks;
    this.rng.bytes32(this.hash, 0);
    this.w.block(this.height++, this.hash, 0, this.time);
    this.time += this.rng.chance(0.01) ? 24 : 12; // a missed slot now and then
    this.builder = this.builders[this.rng.zipf(BUILDERS, 1.2)]!;
    this.gwei = 3 + this.rng.int(40);
  }

  // ---- rows ----

  private tx(): void {
    this.rng.bytes32(this.hash, 0);
    this.w.tx(this.hash, 0);
  }

  /** An ether row of u micro-ether. */
  private eth(from: number, to: number, u: number, kind: number): void {
    const p = this.pop;
    encodeScaled(u, MICRO);
    this.w.row(p.ids[from]!, p.ids[to]!, encoded.hi, encoded.lo, kind, 0);
    p.balance[from] = p.balance[from]! - u;
    p.balance[to] = p.balance[to]! + u;
  }

  /** The fee row that ends every transaction: gas · price to the block's builder. */
  private fee(from: number, gas: number): void {
    const p = this.pop;
    const units = gas * this.gwei;
    encodeScaled(units, 9);
    this.w.row(p.ids[from]!, p.ids[this.builder]!, encoded.hi, encoded.lo, KIND.fee, 0);
    p.balance[from] = p.balance[from]! - units / 1000;
    p.balance[this.builder] = p.balance[this.builder]! + units / 1000;
  }

  /** A one-payment transaction with its fee. */
  private transfer(from: number, to: number, u: number, kind: number, gas: number): void {
    this.tx();
    this.eth(from, to, u, kind);
    this.fee(from, gas);
  }

  /** What a holder of `balance` µETH sends: often a round amount, else a share of it. */
  private amount(balance: number): number {
    const spendable = balance - GAS_MARGIN;
    if (spendable < 1) return 0;
    if (this.rng.chance(0.35)) {
      const r = ROUND[this.rng.int(ROUND.length)]!;
      if (r <= spendable) return r;
    }
    return Math.max(1, Math.floor(spendable * (0.05 + 0.9 * this.rng.float())));
  }

  private counterparty(from: number, fresh: number): number {
    const p = this.pop;
    if (!this.rng.chance(fresh)) {
      const r = p.recent(this.rng);
      if (r >= 0 && r !== from) return r;
    }
    return p.create();
  }

  // ---- transaction kinds ----

  private randomTx(): void {
    const r = this.rng.float();
    if (r < 0.38) this.payment();
    else if (r < 0.6) this.tokenTransfer();
    else if (r < 0.7) this.swap();
    else if (r < 0.8) this.deposit();
    else if (r < 0.87) this.withdrawal();
    else if (r < 0.92) this.fanOut();
    else this.contractCall();
  }

  private payment(): void {
    const from = this.pop.funded(this.rng, 2 * GAS_MARGIN);
    if (from < 0) {
      this.withdrawal();
      return;
    }
    const to = this.counterparty(from, 0.12);
    this.transfer(from, to, this.amount(this.pop.balance[from]!), KIND.call, 21_000);
    this.pop.received(to);
  }

  private tokenTransfer(): void {
    const p = this.pop;
    const from = p.recent(this.rng);
    const to = this.counterparty(from, 0.08);
    const k = this.rng.zipf(TOKENS, 1.2);
    this.tx();
    this.tokenRow(from, to, k, KIND.erc20, false);
    this.fee(from, 52_000);
    p.received(to);
  }

  /** A token row: stablecoins (6 decimals) in cents, others round or (swap outputs) full precision. */
  private tokenRow(from: number, to: number, k: number, kind: number, precise: boolean): void {
    const p = this.pop;
    const asset = this.tokenAsset[k]!;
    if (k < 2) {
      encodeScaled(Math.floor(this.rng.pareto(100, 1.1, 1e10)), 4);
    } else if (!precise) {
      encodeScaled(1 + this.rng.int(5000), 15 + this.rng.int(6));
    } else {
      // an odd amount of 9–10 bytes: ≥ 2^64 and not a multiple of 10, so it is pooled (canonical)
      const len = 9 + this.rng.int(2);
      for (let i = 0; i < len; i++) this.pooled[i] = this.rng.int(256);
      this.pooled[0] = this.pooled[0]! | 1;
      this.pooled[len - 1] = this.pooled[len - 1]! | 1;
      this.w.pooledRow(p.ids[from]!, p.ids[to]!, this.pooled, len, kind, asset);
      return;
    }
    this.w.row(p.ids[from]!, p.ids[to]!, encoded.hi, encoded.lo, kind, asset);
  }

  /** Ether into a router, on to a pool, tokens back: four rows with the fee. */
  private swap(): void {
    const user = this.pop.funded(this.rng, 2 * GAS_MARGIN);
    if (user < 0) {
      this.payment();
      return;
    }
    const u = this.amount(this.pop.balance[user]!);
    const router = this.routers[this.rng.int(ROUTERS)]!;
    const k = this.rng.zipf(POOLS, 1.1);
    this.tx();
    this.eth(user, router, u, KIND.call);
    this.eth(router, this.pools[k]!, u, KIND.internal);
    this.tokenRow(this.pools[k]!, user, k, KIND.erc20, true);
    this.fee(user, 150_000);
  }

  private deposit(): void {
    const p = this.pop;
    const user = p.funded(this.rng, 2 * GAS_MARGIN);
    if (user < 0) {
      this.withdrawal();
      return;
    }
    const ex = this.rng.zipf(EXCHANGES, 1.1);
    const dep = this.depositAddress(ex);
    const spendable = p.balance[user]! - GAS_MARGIN;
    this.transfer(
      user,
      dep,
      Math.max(1, Math.floor(spendable * (0.3 + 0.7 * this.rng.float()))),
      KIND.call,
      21_000,
    );
    this.sweeps.push(dep, ex, this.block + 5 + this.rng.int(40));
  }

  /** A deposit address of exchange `ex`: often a new one, else one of its recent ones. */
  private depositAddress(ex: number): number {
    const slot = ex * DEPOSIT_RING + this.rng.int(DEPOSIT_RING);
    if (this.deposits[slot]! >= 0 && this.rng.chance(0.7)) return this.deposits[slot]!;
    const dep = this.pop.create();
    this.deposits[slot] = dep;
    return dep;
  }

  /** A deposit address pays everything but its gas to the hot wallet: the fan-in of exchanges. */
  private sweep(dep: number, ex: number): void {
    const u = Math.floor(this.pop.balance[dep]! - GAS_MARGIN);
    if (u > 0) this.transfer(dep, this.hot[ex]!, u, KIND.call, 21_000);
  }

  private withdrawal(): void {
    const hot = this.hot[this.rng.zipf(EXCHANGES, 1.1)]!;
    const u = Math.floor(this.rng.pareto(1e4, 1.1, 1e9));
    if (this.pop.balance[hot]! < u + GAS_MARGIN) {
      this.contractCall();
      return;
    }
    const to = this.counterparty(hot, 0.2);
    this.transfer(hot, to, u, KIND.call, 21_000);
    this.pop.received(to);
  }

  /** A batch payout through the disperse contract: one call in, n internal rows out (heavy-tailed n). */
  private fanOut(): void {
    const p = this.pop;
    const payer = this.rng.chance(0.7)
      ? this.hot[this.rng.zipf(EXCHANGES, 1.1)]!
      : p.funded(this.rng, 100 * ETH);
    if (payer < 0) {
      this.payment();
      return;
    }
    const n = Math.round(this.rng.pareto(10, 0.9, 3000));
    let total = 0;
    for (let i = 0; i < n; i++) total += this.amounts[i] = Math.floor(this.rng.pareto(1e3, 1.3, 1e7));
    if (p.balance[payer]! < total + GAS_MARGIN) {
      this.payment();
      return;
    }
    this.payOut(payer, n, total, 0.15);
  }

  private payOut(payer: number, n: number, total: number, fresh: number): number {
    const first = this.pop.count;
    this.tx();
    this.eth(payer, this.disperse, total, KIND.call);
    for (let i = 0; i < n; i++) {
      const to = this.counterparty(payer, fresh);
      this.eth(this.disperse, to, this.amounts[i]!, KIND.internal);
      this.pop.received(to);
    }
    this.fee(payer, 21_000 + 9_000 * n);
    this.fanOuts++;
    return first;
  }

  /** A call that moves no value (an approval, a vote): only its fee. */
  private contractCall(): void {
    const from = this.pop.funded(this.rng, GAS_MARGIN);
    if (from < 0) return;
    this.tx();
    this.fee(from, 46_000);
  }

  // ---- peel chains and the heist ----

  /** A large withdrawal to a fresh address that then peels it off (an OTC desk, a launderer). */
  private startPeel(): void {
    const hot = this.hot[this.rng.zipf(EXCHANGES, 1.1)]!;
    const u = (20 + this.rng.int(480)) * ETH;
    if (this.pop.balance[hot]! < u + GAS_MARGIN) return;
    const holder = this.pop.create();
    this.transfer(hot, holder, u, KIND.call, 21_000);
    this.peel.start(holder, 10 + this.rng.int(60), this.block + 1 + this.rng.int(6));
  }

  private peelSteps(): void {
    const pc = this.peel;
    for (let k = 0; k < pc.count; k++) {
      if (pc.due[k]! > this.block) continue;
      const h = pc.holder[k]!;
      const b = this.pop.balance[h]! - 2 * GAS_MARGIN;
      if (b < 10 * GAS_MARGIN || pc.left[k]! <= 0) {
        pc.end(k--);
        continue;
      }
      const share = Math.floor(b * (0.01 + 0.07 * this.rng.float()));
      const to = this.rng.chance(0.7)
        ? this.depositAddress(this.rng.zipf(EXCHANGES, 1.1))
        : this.pop.create();
      this.transfer(h, to, share, KIND.call, 21_000);
      const next = this.pop.create();
      this.transfer(h, next, b - share, KIND.call, 21_000);
      pc.holder[k] = next;
      pc.left[k] = pc.left[k]! - 1;
      pc.due[k] = this.block + 1 + this.rng.int(6);
    }
  }

  /** The theft: 25,000 ether from the busiest exchange's hot wallet to a fresh address. */
  private steal(): void {
    const victim = this.hot[0]!;
    const u = Math.min(25_000 * ETH, Math.floor(this.pop.balance[victim]! / 2));
    this.thief = this.pop.create();
    this.transfer(victim, this.thief, u, KIND.call, 21_000);
    const g = this.o.graph;
    const c = g.ethereum.c;
    const time = c.blockTime.data[c.blocks - 1]!;
    this.heist = {
      thief: g.addressOf(this.pop.ids[this.thief]!),
      victim: g.addressOf(this.pop.ids[victim]!),
      height: this.height - 1,
      time,
      value: `${BigInt(u) * 10n ** BigInt(MICRO)}`,
    };
  }

  /** The thief splits the loot over twelve fresh wallets, each of which starts a peel chain. */
  private split(): void {
    const n = 12;
    const total = Math.floor(this.pop.balance[this.thief]! - 2 * GAS_MARGIN);
    const each = Math.floor(total / n);
    for (let i = 0; i < n; i++) this.amounts[i] = each;
    const first = this.payOut(this.thief, n, each * n, 1);
    for (let i = 0; i < n; i++)
      this.peel.start(first + i, 20 + this.rng.int(40), this.block + 1 + this.rng.int(4));
  }
}

/** Writes a synthetic account-model chain into `graph` (see EthereumGenerator) and commits it. */
export function generateEthereum(o: GenerateEthereumOptions): GenerateSummary {
  return new EthereumGenerator(o).run();
}
