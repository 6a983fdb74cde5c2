/**
 * A synthetic UTXO chain written straight into the graph store's Bitcoin table: a coinbase per
 * block to a few mining pools, payments between wallets drawn by preferential attachment with
 * change to fresh addresses (inputs of a transaction always come from one wallet), exchanges taking
 * deposits on fresh addresses, consolidating them (fan-in) and paying withdrawals in batches
 * (fan-out), equal-output CoinJoins, peel chains, and one heist from an exchange whose loot is split
 * and peeled. Blocks every ~10 minutes. Deterministic from the seed; memory is the store's columns
 * plus O(wallets + addresses) here.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BulwarkError } from '../../errors/index.ts';
import { type Graph, openGraph } from '../graph/graph.ts';
import { UtxoBulkWriter } from '../graph/utxo-bulk.ts';
import { Wallets } from './bitcoin-wallets.ts';
import type { GenerateSummary } from './ethereum-generator.ts';
import { MAX_CHAINS, PeelChains } from './peel-chains.ts';
import { Population } from './population.ts';
import { Rng } from './rng.ts';

export interface GenerateBitcoinOptions {
  /** Transactions to write (coinbases included). */
  transactions: number;
  seed: number;
  /** Where to write; by default a fresh store in a new temporary directory (closed at the end). */
  graph?: Graph;
  onProgress?: (transactions: number, total: number) => void;
  /** Unix time of the first block; default 1,600,000,000. */
  startTime?: number;
}

export interface BitcoinSummary extends GenerateSummary {
  /** The store's directory (the temporary one when no graph was given). */
  dir: string;
  coinJoins: number;
}

const BTC = 1e8;
const EXCHANGES = 20;
const POOLS = 12;
const TX_PER_BLOCK = 2500;
const DUST = 546;
const WHIRLPOOL = [1e5, 1e6, 5e6, 5e7];
/** Room for the opening distribution (exchanges, first users), the heist and its split. */
export const MIN_TRANSACTIONS = 1000;

export class BitcoinGenerator {
  private readonly w: UtxoBulkWriter;
  private readonly rng: Rng;
  private readonly pop: Population;
  private readonly wallets = new Wallets(EXCHANGES);
  private readonly o: GenerateBitcoinOptions;
  private readonly graph: Graph;
  /** The block's hash, then its parent's. */
  private readonly hash = new Uint8Array(64);
  private readonly txid = new Uint8Array(32);
  private readonly random = () => this.rng.float();
  /** A transaction is open and its outputs have not begun. */
  private inputsOpen = false;
  private readonly key = new Uint8Array(21);
  private readonly peel = new PeelChains();
  /** Per running peel chain: the output row it spends next (the holder is its address). */
  private readonly peelRow = new Uint32Array(MAX_CHAINS);
  private readonly addrs: Uint32Array;
  private readonly vals: Float64Array;
  private hot: number[] = [];
  private miners: number[] = [];
  private block = 0;
  private tick = 0;
  private time = 0;
  private coinJoins = 0;
  private fanOuts = 0;
  private heist: GenerateSummary['heist'] | undefined;
  private thiefRow = -1;

  constructor(o: GenerateBitcoinOptions, graph: Graph) {
    this.o = o;
    this.graph = graph;
    this.w = new UtxoBulkWriter(graph);
    this.rng = new Rng(o.seed);
    const key = this.key;
    const w = this.w;
    this.pop = new Population(
      {
        account: (src, off) => {
          key[0] = src[off]! < 64 ? 1 : 3; // a quarter P2PKH, the rest P2WPKH
          for (let i = 0; i < 20; i++) key[i + 1] = src[off + i]!;
          return w.address(key, 0, 21);
        },
      },
      o.seed,
    );
    this.addrs = new Uint32Array(4096);
    this.vals = new Float64Array(4096);
  }

  run(): BitcoinSummary {
    const started = performance.now();
    const c = this.graph.bitcoin.c;
    const txs0 = c.txs;
    const rows0 = c.rows;
    const blocks0 = c.blocks;
    const target = txs0 + this.o.transactions;
    this.time = c.blocks > 0 ? c.blockTime.data[c.blocks - 1]! + 600 : (this.o.startTime ?? 1_600_000_000);
    this.setup(Math.min(5000, Math.floor(this.o.transactions / 20)));
    // the theft a tenth of the way in, the split in the next block; every count below is exact
    const heistAt = Math.max(c.txs + 1, txs0 + Math.floor(this.o.transactions / 10));
    let split = false;
    while (c.txs < target) {
      this.beginBlock();
      // a short chain may have only a few blocks: steal no later than the last block that still has
      // one after it (a block is at most 1.5 × TX_PER_BLOCK), or the summary would have no heist
      const lastChance = target - c.txs <= 3 * TX_PER_BLOCK;
      if (!this.heist && (c.txs >= heistAt || lastChance) && c.txs < target) this.steal();
      else if (this.heist && !split && c.txs < target) {
        this.split();
        split = true;
      }
      if (this.peel.count < 64 && this.rng.chance(0.3) && c.txs < target) this.startPeel();
      const n = TX_PER_BLOCK / 2 + this.rng.int(TX_PER_BLOCK);
      for (let k = 0; k < n && c.txs < target; k++) {
        // peelers move every few minutes: a step is due some ticks (of 250 transactions) later
        if (k % 250 === 0) {
          this.tick++;
          this.peelSteps(target);
        }
        if (c.txs < target) this.randomTx();
      }
      if ((this.block & 15) === 0) this.o.onProgress?.(c.txs - txs0, this.o.transactions);
    }
    this.closeInputs();
    const commitStarted = performance.now();
    this.graph.commit();
    const commitSeconds = (performance.now() - commitStarted) / 1000;
    this.o.onProgress?.(c.txs - txs0, this.o.transactions);
    return {
      chain: 'bitcoin',
      seed: this.o.seed,
      dir: this.graph.dir,
      blocks: c.blocks - blocks0,
      transactions: c.txs - txs0,
      transfers: c.rows - rows0,
      addresses: this.pop.count,
      heist: this.heist!,
      peelChains: this.peel.started,
      fanOuts: this.fanOuts,
      coinJoins: this.coinJoins,
      labels: this.hot.map((a, k) => ({
        address: this.graph.addressOf(this.pop.ids[a]!),
        category: 'exchange',
        name: `Exchange ${k}`,
      })),
      seconds: (performance.now() - started) / 1000,
      commitSeconds,
    };
  }

  /** Exchanges' coins and `users` first users, paid by transactions without inputs. */
  private setup(users: number): void {
    for (let e = 0; e < EXCHANGES; e++) this.hot.push(this.wallets.create(this.pop.create()));
    for (let m = 0; m < POOLS; m++) this.miners.push(this.wallets.create(this.pop.create()));
    this.beginBlock();
    // a distribution without inputs, as a chain's early coinbases were: exchanges and first users
    for (let e = 0; e < EXCHANGES; e++) {
      this.startTx();
      for (let k = 0; k < 200; k++) this.pay(e, this.wallets.lastAddress[e]!, 100 * BTC);
    }
    for (let k = 0; k < users; k++) {
      const w = this.wallets.create(this.pop.create());
      this.startTx();
      this.pay(w, this.wallets.lastAddress[w]!, Math.floor(this.rng.pareto(0.01, 1.1, 1000) * BTC));
    }
  }

  private beginBlock(): void {
    this.closeInputs();
    this.block = this.graph.bitcoin.c.blocks;
    const h = this.hash;
    h.copyWithin(32, 0, 32); // the previous block's hash becomes the parent
    this.rng.bytes32(h, 0);
    const c = this.graph.bitcoin.c;
    const height = c.blocks > 0 ? c.blockHeight.data[c.blocks - 1]! + 1 : 0;
    this.w.block(h, 0, 32, height, this.time, 0x1d00ffff);
    this.time += 1 + Math.floor(-600 * Math.log(1 - this.rng.float())); // exponential gaps, never 0
    const miner = this.miners[this.rng.zipf(POOLS, 1.1)]!;
    this.startTx();
    this.pay(miner, this.freshAddress(miner), 625_000_000 + this.rng.int(50_000_000));
  }

  // ---- rows ----

  /** A transaction begins; its inputs follow. */
  private startTx(): void {
    this.closeInputs();
    this.rng.bytes32(this.txid, 0);
    this.w.tx(this.txid, 0);
    this.inputsOpen = true;
  }

  /** Every transaction marks where its outputs begin, even one that ends up paying nothing. */
  private closeInputs(): void {
    if (!this.inputsOpen) return;
    this.w.outputs();
    this.inputsOpen = false;
  }

  private spend(row: number): number {
    const c = this.graph.bitcoin.c;
    const v = c.rowValue.data[row]!;
    this.w.input(c.rowAddr.data[row]!, v);
    return v;
  }

  /** Pays `value` to the address (population index) of wallet w; the wallet keeps the coin. */
  private pay(w: number, address: number, value: number): number {
    this.closeInputs();
    const row = this.w.output(this.pop.ids[address]!, value);
    if (w >= 0) this.wallets.give(w, row);
    return row;
  }

  private freshAddress(w: number): number {
    const a = this.pop.create();
    this.wallets.lastAddress[w] = a;
    return a;
  }

  /** A payee's receiving address: usually fresh, sometimes reused. */
  private payeeAddress(w: number): number {
    return this.rng.chance(0.6) ? this.freshAddress(w) : this.wallets.lastAddress[w]!;
  }

  /** Spends coins of wallet w until `need` is covered (or it has none left); returns the sum. */
  private gather(w: number, need: number): number {
    let sum = 0;
    for (let row = this.wallets.take(w); row >= 0; row = sum >= need ? -1 : this.wallets.take(w))
      sum += this.spend(row);
    return sum;
  }

  private fee(): number {
    return 200 + this.rng.int(20_000);
  }

  // ---- transaction kinds ----

  private randomTx(): void {
    const r = this.rng.float();
    if (r < 0.62) this.payment(-1);
    else if (r < 0.8) this.payment(this.rng.zipf(EXCHANGES, 1.1));
    else if (r < 0.9) this.withdrawals();
    else if (r < 0.96) this.consolidate();
    else if (r < 0.97) this.coinJoin();
    else this.payment(-1);
  }

  /** From an active user wallet to another (or to exchange `ex`'s fresh deposit address), with change. */
  private payment(ex: number): void {
    const from = this.wallets.active(this.random);
    if (from < 0) {
      this.withdrawals();
      return;
    }
    this.startTx();
    const first = this.wallets.take(from);
    let sum = this.spend(first);
    const want = Math.floor(sum * (0.1 + 1.4 * this.rng.float()));
    if (want > sum) sum += this.gather(from, want - sum);
    const fee = Math.min(this.fee(), Math.floor(sum / 10));
    const value = Math.max(1, Math.min(want, sum - fee));
    const to =
      ex >= 0
        ? ex
        : this.rng.chance(0.15)
          ? this.wallets.create(this.pop.create())
          : this.wallets.active(this.random);
    const payee = to < 0 ? this.wallets.create(this.pop.create()) : to;
    this.pay(payee, ex >= 0 ? this.pop.create() : this.payeeAddress(payee), value);
    const change = sum - value - fee;
    if (change >= DUST)
      this.pay(
        from,
        this.rng.chance(0.8) ? this.freshAddress(from) : this.wallets.lastAddress[from]!,
        change,
      );
  }

  /** An exchange pays a batch of withdrawals (fan-out) with change to its hot address. */
  private withdrawals(): void {
    const ex = this.rng.zipf(EXCHANGES, 1.1);
    if (this.wallets.held[ex] === 0) return;
    const n = Math.min(4000, Math.round(this.rng.pareto(1, 1.1, 2000)));
    let total = 0;
    for (let i = 0; i < n; i++) total += this.vals[i] = Math.floor(this.rng.pareto(1e5, 1.2, 50 * BTC));
    this.startTx();
    const sum = this.gather(ex, total + 100_000);
    let paid = 0;
    for (let i = 0; i < n && paid + this.vals[i]! + 50_000 <= sum; i++) {
      const to = this.rng.chance(0.3)
        ? this.wallets.create(this.pop.create())
        : this.wallets.active(this.random);
      const payee = to < 0 ? this.wallets.create(this.pop.create()) : to;
      this.pay(payee, this.payeeAddress(payee), this.vals[i]!);
      paid += this.vals[i]!;
    }
    const change = sum - paid - this.fee();
    if (change >= DUST) this.pay(ex, this.wallets.lastAddress[ex]!, change);
    if (n >= 10) this.fanOuts++;
  }

  /** An exchange sweeps many deposits into one output (fan-in). */
  private consolidate(): void {
    const ex = this.rng.zipf(EXCHANGES, 1.1);
    const k = Math.min(this.wallets.held[ex]!, 20 + this.rng.int(180));
    if (k < 20) {
      this.payment(ex);
      return;
    }
    this.startTx();
    let sum = 0;
    for (let i = 0; i < k; i++) sum += this.spend(this.wallets.take(ex));
    this.pay(ex, this.wallets.lastAddress[ex]!, sum - this.fee());
  }

  /** Five wallets put one coin each into equal outputs of a pool's denomination (Whirlpool-like). */
  private coinJoin(): void {
    const denom = WHIRLPOOL[this.rng.int(WHIRLPOOL.length)]!;
    const n = 5;
    let found = 0;
    for (let tries = 0; tries < 20 && found < n; tries++) {
      const w = this.wallets.active(this.random);
      if (w < 0 || this.wallets.held[w] === 0) continue;
      const row = this.wallets.take(w);
      if (this.graph.bitcoin.c.rowValue.data[row]! < denom + 30_000) {
        this.wallets.give(w, row);
        continue;
      }
      this.addrs[found] = w;
      this.vals[found++] = row;
    }
    if (found < n) {
      for (let i = 0; i < found; i++) this.wallets.give(this.addrs[i]!, this.vals[i]!);
      return;
    }
    this.startTx();
    const change = new Float64Array(n);
    for (let i = 0; i < n; i++) change[i] = this.spend(this.vals[i]!) - denom - 10_000;
    for (let i = 0; i < n; i++) this.pay(this.addrs[i]!, this.freshAddress(this.addrs[i]!), denom);
    for (let i = 0; i < n; i++)
      if (change[i]! >= DUST) this.pay(this.addrs[i]!, this.freshAddress(this.addrs[i]!), change[i]!);
    this.coinJoins++;
  }

  // ---- peel chains and the heist ----

  /** A big withdrawal to a fresh address that is then peeled. */
  private startPeel(): void {
    const ex = this.rng.zipf(EXCHANGES, 1.1);
    if (this.wallets.held[ex]! < 5 || this.peel.count === MAX_CHAINS) return;
    this.startTx();
    const sum = this.gather(ex, (10 + this.rng.int(200)) * BTC);
    const row = this.pay(-1, this.pop.create(), sum - this.fee());
    this.peelRow[this.peel.count] = row;
    this.peel.start(row, 10 + this.rng.int(60), this.tick + 1 + this.rng.int(6));
  }

  private peelSteps(target: number): void {
    const pc = this.peel;
    const c = this.graph.bitcoin.c;
    for (let k = 0; k < pc.count && c.txs < target; k++) {
      if (pc.due[k]! > this.tick) continue;
      const row = this.peelRow[k]!;
      const value = this.graph.bitcoin.c.rowValue.data[row]!;
      if (pc.left[k]! <= 0 || value < 0.01 * BTC) {
        // the rest stays with a wallet of its own
        this.wallets.give(this.wallets.create(this.pop.create()), row);
        this.peelRow[k] = this.peelRow[pc.count - 1]!;
        pc.end(k--);
        continue;
      }
      this.startTx();
      this.spend(row);
      const share = Math.floor(value * (0.01 + 0.07 * this.rng.float()));
      const ex = this.rng.chance(0.6) ? this.rng.zipf(EXCHANGES, 1.1) : -1;
      const payee = ex >= 0 ? ex : this.wallets.create(this.pop.create());
      this.pay(payee, ex >= 0 ? this.pop.create() : this.wallets.lastAddress[payee]!, share);
      this.peelRow[k] = this.pay(-1, this.pop.create(), value - share - this.fee());
      pc.left[k] = pc.left[k]! - 1;
      pc.due[k] = this.tick + 1 + this.rng.int(6);
    }
  }

  /** The theft: at least 1,000 BTC of the busiest exchange's coins to one fresh address. */
  private steal(): void {
    const victim = this.hot[0]!;
    const victimAddress = this.wallets.lastAddress[victim]!;
    this.startTx();
    const sum = this.gather(victim, 1000 * BTC);
    const value = sum - this.fee();
    const thief = this.pop.create();
    this.thiefRow = this.pay(-1, thief, value);
    const c = this.graph.bitcoin.c;
    this.heist = {
      thief: this.graph.addressOf(this.pop.ids[thief]!),
      victim: this.graph.addressOf(this.pop.ids[victimAddress]!),
      height: c.blockHeight.data[c.blocks - 1]!,
      time: c.blockTime.data[c.blocks - 1]!,
      value: `${value}`,
    };
  }

  /** The thief splits the loot over ten fresh addresses, each of which is peeled. */
  private split(): void {
    if (this.thiefRow < 0) return;
    this.startTx();
    const value = this.spend(this.thiefRow) - this.fee();
    const each = Math.floor(value / 10);
    for (let i = 0; i < 10; i++) {
      const row = this.pay(-1, this.pop.create(), each);
      if (this.peel.count === MAX_CHAINS) continue;
      this.peelRow[this.peel.count] = row;
      this.peel.start(row, 20 + this.rng.int(40), this.tick + 1 + this.rng.int(6));
    }
  }
}

/** Writes a synthetic UTXO chain (see BitcoinGenerator) and commits it; opens a temporary store if none is given. */
export function generateBitcoinLike(o: GenerateBitcoinOptions): BitcoinSummary {
  if (o.transactions < MIN_TRANSACTIONS) {
    throw new BulwarkError('USAGE', `a generated UTXO chain has at least ${MIN_TRANSACTIONS} transactions`, {
      hint: `ask for ${MIN_TRANSACTIONS} or more`,
    });
  }
  const graph = o.graph ?? openGraph(mkdtempSync(join(tmpdir(), 'bulwark-synthetic-bitcoin-')));
  try {
    return new BitcoinGenerator(o, graph).run();
  } finally {
    if (!o.graph) graph.close();
  }
}
