/**
 * The clusters a server reads: the persisted clusters beside a graph, reopened (with a read-only
 * graph) when `bulwark cluster build` commits again. The manifest is checked at most once per
 * `checkEveryMs`, so a screening request costs a clock read; a reload replays the merge log
 * (tens of millions of merges per second) on the request that notices it.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type Graph, openGraph } from '../../chain/index.ts';
import { clusterDir, readClusterManifest } from './cluster-files.ts';
import { type ClusterView, openClusters } from './cluster-view.ts';

export class ClusterSource {
  readonly graphDir: string;
  private readonly checkEveryMs: number;
  private view: ClusterView | undefined;
  private graph: Graph | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private stamp = '';

  constructor(graphDir: string, options: { checkEveryMs?: number } = {}) {
    this.graphDir = graphDir;
    this.checkEveryMs = options.checkEveryMs ?? 1000;
  }

  /** The current clusters, or undefined while none were built. */
  current(): ClusterView | undefined {
    const now = Date.now();
    if (now - this.checkedAt < this.checkEveryMs) return this.view;
    this.checkedAt = now;
    const stamp = this.manifestStamp();
    if (stamp === this.stamp) return this.view;
    try {
      const m = readClusterManifest(clusterDir(this.graphDir));
      const graph = m ? openGraph(this.graphDir, { readonly: true }) : undefined;
      const view = graph ? openClusters(graph) : undefined;
      this.graph?.close();
      this.graph = graph;
      this.view = view;
      this.stamp = stamp;
    } catch {
      // a build or an ingestion is replacing files: keep serving what was read, look again later
    }
    return this.view;
  }

  private manifestStamp(): string {
    try {
      const s = statSync(join(clusterDir(this.graphDir), 'MANIFEST.json'));
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return 'none';
    }
  }

  close(): void {
    this.graph?.close();
    this.graph = undefined;
    this.view = undefined;
  }
}
