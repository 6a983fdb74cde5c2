/**
 * Peel chains in progress: a holder pays a small share to a deposit address or a stranger and the
 * rest to a fresh address, which does the same a few blocks later — the pattern launderers (and
 * OTC desks) leave on every chain. Held in fixed arrays: a bounded number run at once.
 */
export const MAX_CHAINS = 256;

export class PeelChains {
  count = 0;
  started = 0;
  readonly holder = new Int32Array(MAX_CHAINS);
  readonly left = new Int32Array(MAX_CHAINS);
  readonly due = new Int32Array(MAX_CHAINS);

  /** Starts a chain at `holder` with `steps` steps from `block` on; false when the pool is full. */
  start(holder: number, steps: number, block: number): boolean {
    if (this.count === MAX_CHAINS) return false;
    const k = this.count++;
    this.holder[k] = holder;
    this.left[k] = steps;
    this.due[k] = block;
    this.started++;
    return true;
  }

  /** Removes chain k (the last one takes its place). */
  end(k: number): void {
    const last = --this.count;
    this.holder[k] = this.holder[last]!;
    this.left[k] = this.left[last]!;
    this.due[k] = this.due[last]!;
  }
}

/** Deposits waiting to be swept to their exchange's hot wallet: a bounded FIFO. */
export class SweepQueue {
  private static readonly SIZE = 1 << 16;
  private readonly dep = new Int32Array(SweepQueue.SIZE);
  private readonly exchange = new Int32Array(SweepQueue.SIZE);
  private readonly due = new Int32Array(SweepQueue.SIZE);
  private head = 0;
  private tail = 0;

  /** Queues a sweep; a full queue drops it (the deposit stays put, as dormant deposits do). */
  push(dep: number, exchange: number, due: number): void {
    const next = (this.tail + 1) & (SweepQueue.SIZE - 1);
    if (next === this.head) return;
    this.dep[this.tail] = dep;
    this.exchange[this.tail] = exchange;
    this.due[this.tail] = due;
    this.tail = next;
  }

  /** Calls `sweep` for each queued deposit due at or before `block`, oldest first. */
  drain(block: number, sweep: (dep: number, exchange: number) => void): void {
    while (this.head !== this.tail && this.due[this.head]! <= block) {
      const h = this.head;
      this.head = (h + 1) & (SweepQueue.SIZE - 1);
      sweep(this.dep[h]!, this.exchange[h]!);
    }
  }
}
