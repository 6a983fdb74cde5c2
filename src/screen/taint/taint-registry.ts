/**
 * The taint states of a server: one per set of flagged sources (scopes that see the same sanctions
 * and heist labels share one), over a read-only view of the graph store that is reopened when the
 * ingester commits. `refresh` brings every state to the graph's head by reading only the new rows and
 * saves it beside the graph; screening reads the states as they are (a lookup, never a scan).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Graph, openGraph } from '../../chain/index.ts';
import type { ScreeningIndex } from '../index/screening-index.ts';
import type { ExposureProvider } from '../types.ts';
import type { IncrementalTaint, TaintArrival } from './incremental-taint.ts';
import { type FlaggedSources, sourcesOfIndex } from './sources.ts';
import { loadTaint, saveTaint } from './state-file.ts';
import { type ShareThresholds, taintExposure } from './taint-exposure.ts';
import { newTaint } from './utxo-taint.ts';

type Chain = 'ethereum' | 'bitcoin';

export interface TaintRegistryOptions {
  graphDir: string;
  /** Hop limit k of the taint; default 6. */
  hops?: number;
  thresholds?: ShareThresholds;
  /**
   * Save states beside the graph (default true). 'read': load the saved states but never write
   * them — for a process that does not own them (`bulwark screen` beside a running server: the
   * files have no lock and one fixed temporary name, so two writers could interleave into one
   * file); its states advance in memory only.
   */
  persist?: boolean | 'read';
  /**
   * Least time between two saves of one state (default 10 s): a state of a million tainted addresses
   * is tens of megabytes, too much to rewrite every block; after a crash the rows since the last
   * save are read again (alerts are deduplicated, so none is raised twice).
   */
  saveEveryMs?: number;
  /** How long before a mixer withdrawal a deposit can fund it (default 7 days). */
  mixerWindowSeconds?: number;
}

/** Reports a row carrying taint into a watched address, with the state it came from. */
export type RegistryArrival = (taint: IncrementalTaint, ...arrival: Parameters<TaintArrival>) => void;

export class TaintRegistry {
  readonly hops: number;
  /**
   * Set by the alert engine, which alone then moves the states (with its wallets watched): a state
   * made for a screener waits for the engine's next poll instead of scanning rows nobody watched.
   */
  driven = false;
  private readonly options: TaintRegistryOptions;
  private g: Graph | undefined;
  private commit = -1;
  private readonly states = new Map<string, IncrementalTaint>();
  /** When each state was last saved, and the cursor (rows) it was saved at. */
  private readonly saved = new Map<string, { at: number; rows: number }>();

  constructor(options: TaintRegistryOptions) {
    this.options = options;
    this.hops = options.hops ?? 6;
  }

  /** The graph as of the last reload (undefined while no chain was ingested). */
  graph(): Graph | undefined {
    return this.g;
  }

  /** Reopens the graph when the ingester committed since; true when it did. */
  reload(): boolean {
    const manifest = join(this.options.graphDir, 'MANIFEST.json');
    if (!existsSync(manifest)) return false;
    let commit: number;
    try {
      commit = (JSON.parse(readFileSync(manifest, 'utf8')) as { commit: number }).commit;
    } catch {
      return false; // being replaced: the next poll reads it
    }
    if (commit === this.commit) return false;
    const next = openGraph(this.options.graphDir, { readonly: true });
    this.g?.close();
    this.g = next;
    this.commit = commit;
    return true;
  }

  private fileOf(key: string): string {
    return join(this.options.graphDir, 'taint', `${key}.state`);
  }

  /**
   * The state for these sources on `chain` (Ethereum unless said), brought to the head (loaded from
   * its file or scanned once).
   */
  taintFor(
    sources: readonly string[],
    chain: Chain = 'ethereum',
    mixers: readonly string[] = [],
  ): IncrementalTaint {
    const options = { mixers, windowSeconds: this.options.mixerWindowSeconds };
    const probe = newTaint(chain, sources, this.hops, options);
    const key = keyOf(probe);
    let taint = this.states.get(key);
    if (!taint) {
      taint =
        (this.options.persist === false
          ? undefined
          : loadTaint(this.fileOf(key), sources, this.hops, chain, options)) ?? probe;
      this.states.set(key, taint);
      if (!this.driven) this.bring(key, taint);
    }
    return taint;
  }

  /** Every state to the graph's head; arrivals at watched addresses are reported. */
  refresh(onArrival?: RegistryArrival): void {
    this.reload();
    this.advance(onArrival);
  }

  /**
   * Every state to the head of the graph as last reloaded — not reopened here, so watches set
   * against that graph cover every row the states read.
   */
  advance(onArrival?: RegistryArrival): void {
    for (const [key, taint] of this.states) this.bring(key, taint, onArrival);
  }

  private bring(key: string, taint: IncrementalTaint, onArrival?: RegistryArrival): void {
    const g = this.g ?? (this.reload() ? this.g : undefined);
    if (!g) return;
    const before = taint.cursor.rows;
    let current = taint;
    // arrivals are freeze alerts: an account state reports payment rows, a UTXO state output rows
    const report: TaintArrival | undefined = onArrival ? (...a) => onArrival(current, ...a) : undefined;
    if (!taint.advance(g, report)) {
      // the chain below the cursor changed (a reorganisation, a resolved input): rescan from the first row
      current = taint.fresh();
      current.watch = taint.watch;
      this.states.set(key, current);
      current.advance(g, report);
    }
    if (current.cursor.rows !== before) this.save(key, current, false);
  }

  /**
   * Every state to the graph's head in slices of about 1 % of its chain's blocks, calling
   * `onProgress(blocks read, blocks to read)` after each: a command's own catch-up, which can show
   * progress on a long first scan (the engine's `advance` goes in one step). Arrivals are not
   * reported; a state whose chain changed below its cursor starts over, as in `advance`.
   */
  catchUp(onProgress?: (read: number, total: number) => void): void {
    if (this.states.size === 0) return; // no flagged sources: the graph need not even be opened
    const g = this.g ?? (this.reload() ? this.g : undefined);
    if (!g) return;
    const head = (t: IncrementalTaint) => (t.chain === 'bitcoin' ? g.bitcoin.c.blocks : g.ethereum.c.blocks);
    let total = 0;
    for (const [key, taint] of this.states) {
      // a zero-length step only checks that the chain still holds the cursor's block
      if (!taint.advance(g, undefined, taint.cursor.blocks)) this.states.set(key, taint.fresh());
      total += head(this.states.get(key)!) - this.states.get(key)!.cursor.blocks;
    }
    let read = 0;
    for (const [key, taint] of this.states) {
      const end = head(taint);
      const step = Math.max(1, Math.ceil(end / 100));
      const before = taint.cursor.rows;
      while (taint.cursor.blocks < end) {
        const at = taint.cursor.blocks;
        if (!taint.advance(g, undefined, at + step)) break; // not after the check above: same graph
        read += taint.cursor.blocks - at;
        onProgress?.(read, total);
      }
      if (taint.cursor.rows !== before) this.save(key, taint, false);
    }
  }

  private save(key: string, taint: IncrementalTaint, now: boolean): void {
    if (this.options.persist === false || this.options.persist === 'read') return;
    const last = this.saved.get(key);
    if (last?.rows === taint.cursor.rows) return;
    if (!now && last && Date.now() - last.at < (this.options.saveEveryMs ?? 10_000)) return;
    saveTaint(this.fileOf(key), taint);
    this.saved.set(key, { at: Date.now(), rows: taint.cursor.rows });
  }

  /** True when some state has not read every row of the graph (one made since the last advance). */
  lagging(): boolean {
    const g = this.g;
    if (!g) return false;
    for (const taint of this.states.values()) {
      // not `lag`: a cursor past the head (the chain was cut) must also be looked at
      const rows = taint.chain === 'bitcoin' ? g.bitcoin.c.rows : g.ethereum.c.rows;
      if (taint.cursor.rows !== rows) return true;
    }
    return false;
  }

  /** The `indirect` provider for a screener over `index` (wire as `ScreenerOptions.exposureFor`). */
  exposureFor(index: ScreeningIndex): ExposureProvider[] {
    const found: FlaggedSources = sourcesOfIndex(index);
    const providers: ExposureProvider[] = [];
    if (found.sources.length > 0) providers.push(this.provider(found, 'ethereum'));
    if (found.utxo.length > 0) providers.push(this.provider(found, 'bitcoin'));
    return providers;
  }

  private provider(found: FlaggedSources, chain: Chain): ExposureProvider {
    const taint =
      chain === 'bitcoin'
        ? this.taintFor(found.utxo, chain)
        : this.taintFor(found.sources, chain, found.mixers);
    const key = keyOf(taint);
    const states = this.states;
    return taintExposure({
      // before the engine's first poll there is no graph yet: open it, or the answer could not
      // even say the taint is behind (never reopened here once open: the engine's watches hold)
      graph: () => this.g ?? (this.reload() ? this.g : undefined),
      get taint() {
        return states.get(key) ?? taint;
      },
      sourceLabels: found.labels,
      thresholds: this.options.thresholds,
    });
  }

  /** Saves what changed since the last save, and closes the graph. */
  close(): void {
    for (const [key, taint] of this.states) this.save(key, taint, true);
    this.g?.close();
    this.g = undefined;
  }
}

function keyOf(taint: IncrementalTaint): string {
  // without mixers, Ethereum keys are as before Bitcoin and mixers had states
  const chain = taint.chain === 'ethereum' ? '' : `${taint.chain}\n`;
  const mixers =
    taint.mixers.length > 0 ? `\nmixers ${taint.pools.windowSeconds}\n${taint.mixers.join('\n')}` : '';
  return createHash('sha256')
    .update(`${chain}${taint.hops}\n${taint.sources.join('\n')}${mixers}`)
    .digest('hex')
    .slice(0, 24);
}
