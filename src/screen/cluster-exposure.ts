/**
 * The `same-cluster` exposure provider: an address clustered with a labelled address gets a reason
 * with that label's source, the cluster id, why the cluster is one entity (merges by heuristic) and
 * a risk one step below the label's. Labels are those of the screener's index — the reader's scope —
 * so a member never sees the effect of a label it may not read. Per index and cluster build, the
 * labelled addresses are grouped by cluster once (sorted typed arrays), so a screen is a union-find
 * lookup and a binary search; reasons are only built for addresses that have some.
 */
import type { ClusterView } from '../trace/cluster/index.ts';
import type { ScreeningIndex } from './index/screening-index.ts';
import { type ExposureProvider, RISKS, type ScreenReason } from './types.ts';

export interface ClusterReason extends ScreenReason {
  kind: 'same-cluster';
  /** Stable cluster id (the graph address id of its root) and its size. */
  cluster: number;
  cluster_size: number;
  /** The labelled address in the same cluster. */
  member: string;
  /** Merges that made the cluster, by heuristic. */
  merges: { 'multi-input': number; change: number; deposit: number };
}

/** Reasons at most per screened address: a large exchange cluster holds many labelled addresses. */
const MAX_REASONS = 10;

interface ByCluster {
  view: ClusterView;
  /** Cluster roots of labelled addresses, ascending, and the index entry of each. */
  roots: Int32Array;
  entries: Int32Array;
  ids: Int32Array;
}

function group(view: ClusterView, index: ScreeningIndex): ByCluster {
  const found: [number, number, number][] = [];
  for (let entry = 0; entry < index.size; entry++) {
    const id = view.idOf(index.keyOf(entry));
    if (id >= 0 && view.clusters.sizeOf(id) > 1) found.push([view.clusters.clusterOf(id), entry, id]);
  }
  found.sort((a, b) => a[0] - b[0]);
  return {
    view,
    roots: Int32Array.from(found, (f) => f[0]),
    entries: Int32Array.from(found, (f) => f[1]),
    ids: Int32Array.from(found, (f) => f[2]),
  };
}

function firstAtOrAfter(a: Int32Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What `ScreenerOptions.exposureFor` takes: one provider bound to the reader's index. */
export function clusterExposureFor(
  current: () => ClusterView | undefined,
): (index: ScreeningIndex) => ExposureProvider[] {
  return (index) => {
    let grouped: ByCluster | undefined;
    const provider: ExposureProvider = {
      kind: 'same-cluster',
      exposureOf(address: string): readonly ScreenReason[] {
        const view = current();
        if (!view) return [];
        const id = view.idOf(address);
        if (id < 0 || view.clusters.sizeOf(id) === 1) return [];
        if (grouped?.view !== view) grouped = group(view, index);
        const root = view.clusters.clusterOf(id);
        const from = firstAtOrAfter(grouped.roots, root);
        if (from >= grouped.roots.length || grouped.roots[from] !== root) return [];
        return reasons(view, index, grouped, from, id, root);
      },
    };
    return [provider];
  };
}

function reasons(
  view: ClusterView,
  index: ScreeningIndex,
  g: ByCluster,
  from: number,
  id: number,
  root: number,
): ClusterReason[] {
  const size = view.clusters.sizeOf(id);
  const merges = view.heuristicCounts(id);
  const how = Object.entries(merges)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const out: ClusterReason[] = [];
  const seen = new Set<string>();
  for (let k = from; k < g.roots.length && g.roots[k] === root && out.length < MAX_REASONS; k++) {
    if (g.ids[k] === id) continue; // the address's own labels are direct reasons
    const member = index.keyOf(g.entries[k]!);
    const direct = index
      .screen(member)
      .reasons.find((r) => r.overridden_by === undefined && r.risk !== 'none');
    if (!direct) continue;
    const key = `${direct.source}\n${direct.category}\n${direct.entities.map((e) => e.id).join()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      ...direct,
      kind: 'same-cluster',
      risk: RISKS[Math.max(0, RISKS.indexOf(direct.risk) - 1)]!,
      detail: `same entity as ${member} (${direct.detail}): cluster ${root} of ${size} addresses, joined by ${how} merges`,
      cluster: root,
      cluster_size: size,
      member,
      merges,
    });
  }
  return out;
}
