/**
 * The transaction graph a serving process traces over: the data directory's graph store, opened
 * read-only (its files mapped, never written) on first use and reopened when an ingest commits a
 * new manifest, so a trace sees the committed state as of its request. No graph is a catalogue
 * error (409), never a crash.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type Graph, openGraph } from '../../chain/index.ts';
import { BulwarkError } from '../../errors/index.ts';

const MANIFEST = 'MANIFEST.json';

interface Open {
  graph: Graph;
  stamp: string;
}

const opened = new Map<string, Open>();

function stampOf(dir: string): string | undefined {
  try {
    const s = statSync(join(dir, MANIFEST));
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return undefined;
  }
}

/** The graph of `dir` as last committed; throws GRAPH_MISSING when nothing was ingested there. */
export function servedGraph(dir: string | undefined): Graph {
  const stamp = dir === undefined ? undefined : stampOf(dir);
  if (dir === undefined || stamp === undefined) {
    throw new BulwarkError('GRAPH_MISSING', 'this hub has no transaction graph to trace over', {
      path: dir === undefined ? undefined : join(dir, MANIFEST),
      hint: 'Ingest blocks first (bulwark ingest ethereum|bitcoin --data DIR) into the data directory the hub serves',
    });
  }
  const have = opened.get(dir);
  if (have && have.stamp === stamp) return have.graph;
  const graph = openGraph(dir, { readonly: true });
  // Traces run synchronously, so no request still reads the graph being replaced.
  have?.graph.close();
  opened.set(dir, { graph, stamp });
  return graph;
}

/** Closes the graphs this process opened (server shutdown, tests). */
export function closeServedGraphs(): void {
  for (const o of opened.values()) o.graph.close();
  opened.clear();
}
