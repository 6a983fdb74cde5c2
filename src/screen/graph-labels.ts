/**
 * Labels on the chain graph: the labelled addresses the graph holds, by the graph's own address id,
 * in typed arrays — what tracing stops at (services) and what taint starts from (flagged sources),
 * without a string per transfer. Rebuild it with the index (same label version).
 */
import type { Graph } from '../chain/index.ts';
import type { ScreeningIndex } from './index/screening-index.ts';

export interface GraphLabels {
  /** Graph address ids that carry labels, ascending. */
  readonly ids: Int32Array;
  /** Risk rank (index in RISKS, after victim overrides) of each id. */
  readonly risks: Uint8Array;
  /** The screening-index entry of each id, for its labels (`index.labelsOf(entry)`). */
  readonly entries: Int32Array;
}

export function labelsOnGraph(graph: Pick<Graph, 'addressId'>, index: ScreeningIndex): GraphLabels {
  const found: [number, number][] = [];
  for (let entry = 0; entry < index.size; entry++) {
    const id = graph.addressId(index.keyOf(entry));
    if (id >= 0) found.push([id, entry]);
  }
  found.sort((a, b) => a[0] - b[0]);
  return {
    ids: Int32Array.from(found, ([id]) => id),
    risks: Uint8Array.from(found, ([, entry]) => index.riskRankOf(entry)),
    entries: Int32Array.from(found, ([, entry]) => entry),
  };
}

/** Position of a graph address id in `labels.ids`, or -1 (binary search, no allocation). */
export function graphLabelOf(labels: GraphLabels, id: number): number {
  let lo = 0;
  let hi = labels.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = labels.ids[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
