/**
 * The fund-flow graph drawn by cytoscape (canvas): addresses as nodes coloured by what they are,
 * transfers as arrows labelled with the traced amount and time, laid out left to right from the seeds.
 * Only this lazily loaded page imports it, so the library stays out of the sign-in's bundle.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef } from 'react';
import { formatAmount, formatTime, shortAddress } from '../trace/amounts.ts';
import type { FlowEdge, FlowNode } from '../trace/flow-model.ts';

const COLOURS: Record<FlowNode['kind'], string> = {
  seed: '#ff6b6b',
  exchange: '#4c9aff',
  mixer: '#c084fc',
  bridge: '#2dd4bf',
  service: '#9aa7b4',
  held: '#ffc000',
  transaction: '#56606d',
  source: '#9aa7b4',
};

function nodeLabel(n: FlowNode): string {
  const name = n.labels.find((l) => l !== 'seed')?.split(':')[1];
  const base = n.kind === 'transaction' ? `tx ${shortAddress(n.id)}` : shortAddress(n.id);
  return name ? `${name}\n${base}` : n.kind === 'seed' ? `seed\n${base}` : base;
}

function edgeLabel(e: FlowEdge): string {
  const count = e.transfers.length > 1 ? ` ×${e.transfers.length}` : '';
  return `${formatAmount(e.taint.toString(), e.asset, 3)}${count}\n${formatTime(e.first)}`;
}

function elements(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  expanded: ReadonlySet<string>,
): ElementDefinition[] {
  return [
    ...nodes.map((n) => ({
      group: 'nodes' as const,
      data: {
        id: n.id,
        label: nodeLabel(n),
        colour: COLOURS[n.kind],
        open: expanded.has(n.id) ? 1 : 0,
        tx: n.kind === 'transaction' ? 1 : 0,
      },
    })),
    ...edges.map((e) => ({
      group: 'edges' as const,
      data: { id: e.id, source: e.from, target: e.to, label: edgeLabel(e) },
    })),
  ];
}

/**
 * Left to right by hops: seeds in column 0, each node one column past the node that reached it first
 * (breadth-first over the drawn edges), sources of the seeds' value to their left.
 */
function columns(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  roots: readonly string[],
): Map<string, number> {
  const col = new Map<string, number>();
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  for (const e of edges) {
    out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    into.set(e.to, [...(into.get(e.to) ?? []), e.from]);
  }
  let frontier = roots.filter((r) => nodes.some((n) => n.id === r));
  for (const r of frontier) col.set(r, 0);
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier)
      for (const to of out.get(id) ?? [])
        if (!col.has(to)) {
          col.set(to, depth);
          next.push(to);
        }
    frontier = next;
  }
  // what is left reaches the drawn part only backwards: the theft's source, or a backward trace
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of nodes) {
      if (col.has(n.id)) continue;
      const known = (out.get(n.id) ?? []).map((to) => col.get(to)).filter((c) => c !== undefined);
      if (known.length) {
        col.set(n.id, Math.min(...known) - 1);
        changed = true;
      }
    }
  }
  for (const n of nodes) if (!col.has(n.id)) col.set(n.id, 0);
  return col;
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      color: '#e6edf3',
      'font-size': 10,
      'text-wrap': 'wrap',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      width: 26,
      height: 26,
      'border-width': 2,
      'border-color': '#0d1117',
    },
  },
  { selector: 'node[tx = 1]', style: { shape: 'round-rectangle', width: 14, height: 14 } },
  { selector: 'node[open = 1]', style: { 'border-color': '#e6edf3' } },
  { selector: 'node:selected', style: { 'border-color': '#ffd166', 'border-width': 4 } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#56606d',
      'target-arrow-color': '#56606d',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 8,
      color: '#c9d1d9',
      'text-wrap': 'wrap',
      'text-background-color': '#0d1117',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
    },
  },
  { selector: 'edge.path', style: { 'line-color': '#ffd166', 'target-arrow-color': '#ffd166', width: 3 } },
];

export interface FlowGraphProps {
  nodes: readonly FlowNode[];
  edges: readonly FlowEdge[];
  expanded: ReadonlySet<string>;
  roots: readonly string[];
  selected: string | undefined;
  highlight: ReadonlySet<string>;
  onNodeClick: (id: string) => void;
  onReady: (cy: Core) => void;
}

export function FlowGraph(p: FlowGraphProps) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const click = useRef(p.onNodeClick);
  click.current = p.onNodeClick;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the graph is created once; props flow in below
  useEffect(() => {
    if (!box.current) return;
    const c = cytoscape({
      container: box.current,
      style: STYLE,
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 3,
    });
    c.on('tap', 'node', (event) => click.current(event.target.id()));
    cy.current = c;
    p.onReady(c);
    return () => c.destroy();
  }, []);
  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.batch(() => {
      c.elements().remove();
      c.add(elements(p.nodes, p.edges, p.expanded));
    });
    const at = columns(p.nodes, p.edges, p.roots);
    const rows = new Map<number, number>();
    const positions: Record<string, { x: number; y: number }> = {};
    for (const n of p.nodes) {
      const col = at.get(n.id) ?? 0;
      const row = rows.get(col) ?? 0;
      rows.set(col, row + 1);
      positions[n.id] = { x: col * 200, y: row * 120 };
    }
    c.layout({ name: 'preset', positions, animate: false }).run();
    c.fit(undefined, 30);
  }, [p.nodes, p.edges, p.expanded, p.roots]);
  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.elements().unselect();
    if (p.selected) c.getElementById(p.selected).select();
  }, [p.selected]);
  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.edges().removeClass('path');
    for (const id of p.highlight) c.getElementById(id).addClass('path');
  }, [p.highlight]);
  return (
    <div
      ref={box}
      className="flow-graph"
      role="img"
      aria-label={`Fund-flow graph: ${p.nodes.length} addresses, ${p.edges.length} flows. The table below lists them.`}
      data-testid="flow-graph"
      data-nodes={p.nodes.length}
      data-edges={p.edges.length}
    />
  );
}
