/**
 * Freeze alerts: polls the graph store's head; when the ingester commits, the new rows go through
 * the incremental taint of each organisation's flagged sources with its registered wallets watched,
 * and every row that carries taint into one raises an alert for that organisation only — stored,
 * recorded as a STIX sighting in the hub, pushed to its streams and to its signed webhook. Ethereum
 * payments and Bitcoin outputs alike: what differs per chain is in arrival-chains.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Graph } from '../chain/index.ts';
import {
  amount,
  type FlaggedSources,
  type IncrementalTaint,
  sourceOf,
  type TaintRegistry,
} from '../screen/index.ts';
import type { AlertRecord, Store, WalletRecord } from '../store/index.ts';
import { AlertBus } from './alert-bus.ts';
import { alertJson } from './alert-json.ts';
import { ARRIVAL_CHAINS, type ArrivalChain, arrivalChainOf } from './arrival-chains.ts';
import { OrgSources } from './org-sources.ts';
import { newSightingId, recordSighting } from './sighting.ts';
import { type DeliveryOptions, type DeliveryResult, deliverWebhook } from './webhook-delivery.ts';

export interface AlertEngineOptions {
  store: Store;
  registry: TaintRegistry;
  /** How often the graph head is checked (default 250 ms). */
  pollMs?: number;
  webhook?: DeliveryOptions;
  onError?: (error: unknown) => void;
  onDelivery?: (alertId: string, result: DeliveryResult) => void;
}

interface Watcher {
  orgId: string;
  found: FlaggedSources;
  /** The organisation's wallets on the state's chain. */
  wallets: Map<string, WalletRecord>;
  taint: IncrementalTaint;
}

interface Arrival {
  taint: IncrementalTaint;
  row: number;
  to: number;
  asset: number;
  taintValue: number;
  from: number;
  /** The hash of the row's block when it was read: a retry after a reorganisation drops the arrival. */
  blockHash: string;
}

export class AlertEngine {
  readonly bus = new AlertBus();
  private readonly o: AlertEngineOptions;
  private readonly sources: OrgSources;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly deliveries = new Set<Promise<unknown>>();
  /** A commit not yet fully processed (set when the graph reloads, cleared after a tick succeeds). */
  private pending = false;
  /**
   * Arrivals read but not yet raised because the store failed: the states have moved past their
   * rows, so they are raised from here on the next poll (deduplicated), never lost.
   */
  private backlog: Arrival[] = [];

  constructor(o: AlertEngineOptions) {
    this.o = o;
    this.sources = new OrgSources(o.store);
    // from now on only this engine moves the taint states, with the wallets watched
    o.registry.driven = true;
  }

  start(): void {
    if (this.timer) return;
    const loop = () => {
      this.running = this.tick()
        .then(
          () => undefined,
          (error: unknown) => this.o.onError?.(error),
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(loop, this.o.pollMs ?? 250);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    const t = this.timer;
    this.timer = undefined;
    if (t) clearTimeout(t);
    await this.running;
  }

  /** Resolves when the webhook deliveries under way have finished (tests, orderly shutdown). */
  async settled(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.all([...this.deliveries]);
  }

  /** One poll: watch the registered wallets, bring every taint state to the head, raise alerts. */
  async tick(): Promise<AlertRecord[]> {
    const registry = this.o.registry;
    // the store is only asked for wallets and labels when the ingester committed: once per block
    if (registry.reload()) this.pending = true;
    const g = registry.graph();
    // a state a screener made since (new sources) catches up without waiting for the next block
    if (!g || !(this.pending || this.backlog.length > 0 || registry.lagging())) return [];
    const watchers = await this.watchers(g);
    const arrivals = this.backlog.filter((a) => sameBlock(g, a));
    this.backlog = [];
    registry.advance((taint, row, to, asset, taintValue, from) =>
      arrivals.push({ taint, row, to, asset, taintValue, from, blockHash: chainOf(taint).blockHash(g, row) }),
    );
    const raised: AlertRecord[] = [];
    for (let i = 0; i < arrivals.length; i++) {
      try {
        raised.push(...(await this.raiseAll(g, watchers, arrivals[i]!)));
      } catch (error) {
        this.backlog = arrivals.slice(i);
        throw error;
      }
    }
    this.pending = false;
    return raised;
  }

  /** The alerts one arrival raises: one per organisation watching its wallet with the same sources. */
  private async raiseAll(g: Graph, watchers: readonly Watcher[], a: Arrival): Promise<AlertRecord[]> {
    const raised: AlertRecord[] = [];
    for (const w of watchers) {
      // a reorganisation replaces a state: match by chain and sources, not by object
      if (w.taint.chain !== a.taint.chain) continue;
      if (w.taint.sources !== a.taint.sources && w.taint.sources.join() !== a.taint.sources.join()) continue;
      const wallet = w.wallets.get(g.addressOf(a.to));
      if (!wallet) continue;
      const alert = await this.raise(g, w, wallet, a);
      if (alert) raised.push(alert);
    }
    return raised;
  }

  private async watchers(g: Graph): Promise<Watcher[]> {
    // per organisation, per chain: its wallets
    const byOrg = new Map<string, Map<ArrivalChain, Map<string, WalletRecord>>>();
    for (const w of await this.o.store.alerts.allWallets()) {
      const chain = arrivalChainOf(w.chain);
      if (!chain) continue;
      const chains = byOrg.get(w.orgId) ?? new Map<ArrivalChain, Map<string, WalletRecord>>();
      byOrg.set(w.orgId, chains);
      const m = chains.get(chain) ?? new Map<string, WalletRecord>();
      chains.set(chain, m);
      m.set(w.address, w);
    }
    const watchers: Watcher[] = [];
    const watched = new Map<IncrementalTaint, string[]>();
    for (const [orgId, chains] of byOrg) {
      const found = await this.sources.of(orgId);
      for (const chain of ARRIVAL_CHAINS) {
        const wallets = chains.get(chain);
        const taint = wallets && chain.taintOf(this.o.registry, found);
        if (!wallets || !taint) continue;
        watchers.push({ orgId, found, wallets, taint });
        watched.set(taint, [...(watched.get(taint) ?? []), ...wallets.keys()]);
      }
    }
    for (const [taint, addresses] of watched) taint.watchAddresses(g, addresses);
    return watchers;
  }

  private async raise(
    g: Graph,
    w: Watcher,
    wallet: WalletRecord,
    a: Arrival,
  ): Promise<AlertRecord | undefined> {
    const chain = chainOf(a.taint);
    const { tx, block, asset, place } = chain.locate(g, a.row, a.asset);
    // the source the screen's route from the payer starts at (taint-route.ts)
    const traced = sourceOf(a.taint, a.asset, a.from);
    const source = g.addressOf(traced >= 0 ? traced : a.from);
    const label = w.found.labels.get(source);
    const indicatorId = label?.stixIds.find((id) => id.startsWith('indicator--'));
    const value = amount(a.taintValue);
    const created = new Date().toISOString();
    const sightingRef = indicatorId ? newSightingId() : null;
    const alert = await this.o.store.alerts.addAlert({
      id: `alert--${randomUUID()}`,
      orgId: w.orgId,
      created,
      chain: chain.chain,
      address: wallet.address,
      walletRole: wallet.role,
      asset,
      amount: value,
      tx,
      block,
      sources: [source],
      sightingRef,
      // the row's place in its transaction, not its row id: stable when a reorganisation re-includes it
      dedupe: `${tx}|${wallet.address}|${asset}|${place}`,
    });
    if (!alert) return undefined; // raised before (a rescan after a restart or reorganisation)
    if (sightingRef && indicatorId) {
      await recordSighting(this.o.store, sightingRef, {
        orgId: w.orgId,
        indicatorId,
        wallet: wallet.address,
        tx,
        amount: value,
        asset,
        seen: created,
      });
    }
    const json = alertJson(alert);
    this.bus.publish(w.orgId, json);
    this.deliver(w.orgId, json.id, JSON.stringify(json));
    return alert;
  }

  private deliver(orgId: string, alertId: string, body: string): void {
    const p = (async () => {
      const hook = await this.o.store.alerts.getWebhook(orgId);
      if (!hook) return;
      const result = await deliverWebhook(hook, alertId, body, this.o.webhook);
      this.o.onDelivery?.(alertId, result);
    })()
      .catch((error: unknown) => this.o.onError?.(error))
      .finally(() => this.deliveries.delete(p));
    this.deliveries.add(p);
  }
}

function chainOf(taint: IncrementalTaint): ArrivalChain {
  // every state the engine watches was made by one of ARRIVAL_CHAINS
  return arrivalChainOf(taint.chain)!;
}

/** The arrival's row is still in the block it was read in (no reorganisation replaced it since). */
function sameBlock(g: Graph, a: Arrival): boolean {
  const chain = chainOf(a.taint);
  return a.row < chain.rows(g) && chain.blockHash(g, a.row) === a.blockHash;
}
