/**
 * One screener per reader scope, for servers: built on first use, then kept current by checking the
 * hub for new visible label objects at most every `checkEveryMs` and rebuilding in the background, so
 * a request never waits for a rebuild (it may see labels up to one check interval plus one rebuild old).
 */
import { type Caller, scopeOf } from '../hub/index.ts';
import type { ReadScope, Store } from '../store/index.ts';
import { buildScreeningIndexForScope, type Screener, type ScreenerOptions } from './screener.ts';

export interface ScreenerCacheOptions extends ScreenerOptions {
  /** How often a scope's screener checks the hub for new label objects; default 1,000 ms. */
  checkEveryMs?: number;
  /**
   * How often a check also recounts the scope's labels (`Screener.refresh`): that is what notices
   * versions deleted over TAXII and, with PostgreSQL, commits that land out of sequence order; default
   * 30,000 ms. Between recounts a check is one index seek, so new labels still count within
   * `checkEveryMs` while a removed one may screen for up to this long: a false alarm, never a miss.
   */
  recountEveryMs?: number;
  /** Called when a background refresh fails (the old index keeps serving). */
  onError?: (error: unknown) => void;
}

interface Slot {
  screener: Promise<Screener>;
  /** The screener once built, for `readyFor`. */
  ready?: Screener;
  /** The organisation of a member scope, whose registered wallets are among its labels. */
  orgId?: string;
  checkedAt: number;
  countedAt: number;
  refreshing?: Promise<void>;
}

export class ScreenerCache {
  private readonly store: Store;
  private readonly options: ScreenerCacheOptions;
  private readonly slots = new Map<string, Slot>();
  /**
   * Slot keys of frozen callers (the hub's cached callers are, one object per key): the scope key is
   * a copy, a sort and a JSON text, once per caller instead of once per request. Only frozen ones,
   * as the key must not outlive a change of the caller's communities.
   */
  private readonly callerKeys = new WeakMap<Caller, string>();

  constructor(store: Store, options: ScreenerCacheOptions = {}) {
    this.store = store;
    this.options = options;
  }

  forCaller(caller: Caller): Promise<Screener> {
    const scope = scopeOf(caller);
    return this.forKey(this.keyOf(caller, scope), scope);
  }

  forScope(scope: ReadScope): Promise<Screener> {
    return this.forKey(scopeKey(scope), scope);
  }

  /**
   * The caller's screener when it is built, else undefined (then `forCaller`): a lookup with no
   * promise, for the screening fast path. It schedules the same background checks as `forCaller`.
   */
  readyFor(caller: Caller): Screener | undefined {
    const slot = this.slots.get(this.keyOf(caller));
    if (slot?.ready === undefined) return undefined;
    this.check(slot, Date.now());
    return slot.ready;
  }

  private keyOf(caller: Caller, scope?: ReadScope): string {
    let key = this.callerKeys.get(caller);
    if (key === undefined) {
      key = scopeKey(scope ?? scopeOf(caller));
      const frozen =
        Object.isFrozen(caller) && (caller.kind !== 'member' || Object.isFrozen(caller.communityIds));
      if (frozen) this.callerKeys.set(caller, key);
    }
    return key;
  }

  private async forKey(key: string, scope: ReadScope): Promise<Screener> {
    const now = Date.now();
    const slot = this.slots.get(key);
    if (!slot) {
      const created: Slot = {
        screener: buildScreeningIndexForScope(this.store, scope, this.options),
        ...(scope.kind === 'member' ? { orgId: scope.orgId } : {}),
        checkedAt: now,
        countedAt: now,
      };
      this.slots.set(key, created);
      // A failed first build is not cached: the next request tries again.
      created.screener.then(
        (screener) => {
          created.ready = screener;
        },
        () => this.slots.delete(key),
      );
      return created.screener;
    }
    this.check(slot, now);
    return slot.screener;
  }

  /** Starts a background check of the slot's screener when one is due. */
  private check(slot: Slot, now: number): void {
    if (!slot.refreshing && now - slot.checkedAt >= (this.options.checkEveryMs ?? 1000)) {
      slot.checkedAt = now;
      const recount = now - slot.countedAt >= (this.options.recountEveryMs ?? 30_000);
      if (recount) slot.countedAt = now;
      const current = slot;
      current.refreshing = current.screener
        .then((s) => s.refresh({ recount }))
        .then(
          () => undefined,
          (error: unknown) => this.options.onError?.(error),
        )
        .finally(() => {
          current.refreshing = undefined;
        });
    }
  }

  /**
   * After `orgId` registered or removed a wallet in this process: rebuilds its readers' screeners if
   * their registered wallets changed, resolving when done, so the next screen or trace sees the
   * change. After any refresh already running (which may have read the wallets before the change).
   * A change made by another process is noticed by the background recount (`recountEveryMs`).
   */
  async walletsChanged(orgId: string): Promise<void> {
    const runs: Promise<void>[] = [];
    for (const slot of this.slots.values()) {
      if (slot.orgId !== orgId) continue;
      const run: Promise<void> = (slot.refreshing ?? Promise.resolve())
        .then(() => slot.screener)
        .then((s) => s.refresh({ recount: false, wallets: true }))
        .then(
          () => undefined,
          (error: unknown) => this.options.onError?.(error),
        )
        .finally(() => {
          if (slot.refreshing === run) slot.refreshing = undefined;
        });
      slot.refreshing = run;
      runs.push(run);
    }
    await Promise.all(runs);
  }

  /** Resolves when no background refresh is running (for tests and orderly shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.slots.values()].map((s) => s.refreshing));
  }
}

/** Scopes that read the same see the same labels; community order does not matter. */
function scopeKey(scope: ReadScope): string {
  if (scope.kind !== 'member') return scope.kind;
  return JSON.stringify([scope.orgId, [...scope.communityIds].sort(), scope.userId ?? null]);
}
