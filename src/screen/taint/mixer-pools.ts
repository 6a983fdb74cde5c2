/**
 * Deposit pools of labelled mixers, kept between increments: the trace engine's withdrawal matching
 * (src/trace/mixers.ts `matchMixer`) done as rows arrive instead of over a finished trace. A
 * withdrawal of amount v can only be funded by the deposits of the same amount made before it
 * within the window and not yet withdrawn; its confidence is the tainted share of that candidate
 * set (the anonymity set), it carries v × confidence, and it consumes an equal share of every
 * candidate. Deposits older than the window can never be candidates again (block times only grow),
 * so they are dropped: the pools stay the size of one window of deposits.
 */

export interface Deposit {
  time: number;
  value: number;
  taint: number;
  /** Not yet withdrawn: 1 − the share withdrawals consumed. */
  left: number;
}

/** Mixer address id → amount → deposits in row order. */
export type PoolsJson = [number, [number, [number, number, number, number][]][]][];

export class MixerPools {
  readonly windowSeconds: number;
  private readonly pools = new Map<number, Map<number, Deposit[]>>();

  constructor(windowSeconds: number) {
    this.windowSeconds = windowSeconds;
  }

  private list(mixer: number, value: number): Deposit[] {
    let byValue = this.pools.get(mixer);
    if (!byValue) {
      byValue = new Map();
      this.pools.set(mixer, byValue);
    }
    let list = byValue.get(value);
    if (!list) {
      list = [];
      byValue.set(value, list);
    }
    return list;
  }

  /** Drops the deposits of `list` older than the window before `time` (they are in time order). */
  private prune(list: Deposit[], time: number): void {
    let k = 0;
    while (k < list.length && time - list[k]!.time > this.windowSeconds) k++;
    if (k > 0) list.splice(0, k);
  }

  deposit(mixer: number, time: number, value: number, taint: number): void {
    const list = this.list(mixer, value);
    this.prune(list, time);
    list.push({ time, value, taint, left: 1 });
  }

  /** The confidence that a withdrawal of `value` at `time` pays out tainted deposits (0: none). */
  withdraw(mixer: number, time: number, value: number): number {
    const list = this.pools.get(mixer)?.get(value);
    if (!list) return 0;
    this.prune(list, time);
    let all = 0;
    let tainted = 0;
    for (const d of list) {
      if (d.left <= 0) continue;
      all += d.left * d.value;
      tainted += d.left * d.taint;
    }
    if (all <= 0) return 0;
    for (const d of list) if (d.left > 0) d.left -= (d.left * value) / all;
    return Math.min(1, tainted / all);
  }

  toJSON(): PoolsJson {
    return [...this.pools].map(([mixer, byValue]) => [
      mixer,
      [...byValue]
        .filter(([, list]) => list.length > 0)
        .map(([value, list]) => [value, list.map((d) => [d.time, d.value, d.taint, d.left])]),
    ]);
  }

  static fromJSON(windowSeconds: number, json: PoolsJson): MixerPools {
    const pools = new MixerPools(windowSeconds);
    for (const [mixer, byValue] of json)
      for (const [value, list] of byValue)
        pools
          .list(mixer, value)
          .push(...list.map(([time, v, taint, left]) => ({ time, value: v, taint, left })));
    return pools;
  }
}
