/** One trace on screen: toolbar, graph, the selected address, where it ended up, the address table. */
import type { Core } from 'cytoscape';
import { useMemo, useRef, useState } from 'react';
import { BarChart } from '../components/bar-chart.tsx';
import { FlowGraph } from '../components/flow-graph.tsx';
import { Link } from '../components/link.tsx';
import { Empty } from '../components/states.tsx';
import { whoAmI } from '../me.ts';
import { navigate, searchHref } from '../router.ts';
import { formatAmount, shortAddress, toUnits } from '../trace/amounts.ts';
import { download, fileSafe } from '../trace/download.ts';
import {
  buildFlow,
  canExpand,
  destinationTotals,
  type FlowModel,
  frontier,
  initialExpansion,
  pathOnGraph,
  summaryOf,
  visibleGraph,
} from '../trace/flow-model.ts';
import { tracePath } from '../trace/trace-api.ts';
import { queryOf } from '../trace/trace-query.ts';
import { type ExportTlp, TLP_MARKING_IDS, traceBundle } from '../trace/trace-stix.ts';
import type { TraceRequest, TraceResult } from '../trace/trace-types.ts';
import { asApiError } from '../use-api.ts';

/** `exchange:Coin Exchange deposits` → `Coin Exchange deposits`: the kind badge already says exchange. */
const labelNames = (labels: readonly string[]): string =>
  labels
    .filter((l) => l !== 'seed')
    .map((l) => l.slice(l.indexOf(':') + 1))
    .join(', ');

function Destinations({ result }: { result: TraceResult }) {
  const totals = destinationTotals(summaryOf(result));
  const assets = [...new Set(totals.map((t) => t.asset))];
  if (totals.length === 0) return <Empty title="No traced value reached any destination." />;
  return (
    <>
      {assets.map((asset) => {
        const rows = totals.filter((t) => t.asset === asset);
        const bars = rows.map((t) => ({
          label: t.bucket,
          value: toUnits(t.value.toString(), asset),
          className: `bar dest-${t.bucket.replace(' ', '-')}`,
        }));
        return (
          <div key={asset} data-testid="destinations">
            <BarChart bars={bars} title={`Traced value by destination (${asset})`} />
            <ul className="list small">
              {rows.map((t) => (
                <li key={t.bucket}>
                  <strong>{t.bucket}</strong>: {formatAmount(t.value.toString(), asset)}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}

interface DetailsProps {
  model: FlowModel;
  id: string;
  open: boolean;
  onToggle: () => void;
  onPath: (id: string) => void;
  path: string | undefined;
}

function Details({ model, id, onToggle, open, onPath, path }: DetailsProps) {
  const n = model.nodes.get(id);
  if (!n) return null;
  const seed = n.kind === 'seed' || n.kind === 'source' || n.kind === 'transaction';
  const out = model.next.get(id) ?? [];
  return (
    <section className="panel" aria-labelledby="node-title" data-testid="node-details">
      <h2 id="node-title" className="mono small">
        {n.kind === 'transaction' ? `Transaction ${n.id}` : n.id}
      </h2>
      <p>
        <span className={`kind kind-${n.kind}`}>{n.kind}</span> {labelNames(n.labels)}
      </p>
      {n.traced.map((t) => (
        <p key={t.asset} className="small">
          Received {formatAmount(t.received, t.asset)} · still holding {formatAmount(t.holding, t.asset)} ·{' '}
          {t.hops} hop{t.hops === 1 ? '' : 's'} from a seed
        </p>
      ))}
      <div className="actions">
        {out.length > 0 && (
          <button type="button" className="button" onClick={onToggle}>
            {open ? 'Hide its next hop' : `Open its next hop (${out.length})`}
          </button>
        )}
        {!seed && (
          <button type="button" className="button" onClick={() => onPath(id)}>
            Show the path from the seed
          </button>
        )}
        {n.kind !== 'transaction' && (
          <>
            <Link href={searchHref(n.id)}>Search the hub</Link>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => navigate(queryOf({ seeds: [n.id], model: model.result.model, hops: 6 }))}
            >
              Trace from here
            </button>
          </>
        )}
      </div>
      {path && (
        <p className="small" role="status" data-testid="path-state">
          {path}
        </p>
      )}
    </section>
  );
}

async function exportStix(model: FlowModel, shown: ReturnType<typeof visibleGraph>, tlp: ExportTlp) {
  const me = await whoAmI().catch(() => undefined);
  const bundle = traceBundle(model, shown, { tlp, ...(me ? { author: me.organisation.id } : {}) });
  const blob = new Blob([`${JSON.stringify(bundle, null, 2)}\n`], { type: 'application/stix+json' });
  download(blob, `trace-${fileSafe(model.result.seeds[0] ?? '')}.stix.json`);
}

export function TraceView({ result, request }: { result: TraceResult; request: TraceRequest }) {
  const model = useMemo(() => buildFlow(result), [result]);
  const [expanded, setExpanded] = useState(() => initialExpansion(model));
  const [selected, setSelected] = useState<string | undefined>(result.seeds[0]);
  const [tlp, setTlp] = useState<ExportTlp>('amber');
  const cy = useRef<Core | null>(null);
  const shown = useMemo(() => visibleGraph(model, expanded), [model, expanded]);
  const roots = useMemo(
    () => [...model.nodes.values()].filter((n) => n.kind === 'seed').map((n) => n.id),
    [model],
  );
  const [highlight, setHighlight] = useState<ReadonlySet<string>>(() => new Set());
  const [pathState, setPathState] = useState<string | undefined>();
  const showPath = async (id: string) => {
    const from = result.direction === 'backward' ? id : (result.seeds[0] ?? id);
    const to = result.direction === 'backward' ? (result.seeds[0] ?? id) : id;
    setPathState('Finding the path…');
    try {
      const answer = await tracePath(from, to, request.hops ?? 6);
      if (!answer.found) return setPathState(`No time-ordered path within ${request.hops ?? 6} hops.`);
      const on = pathOnGraph(model, answer.steps);
      setExpanded((e) => new Set([...e, ...on.open]));
      setHighlight(on.edges);
      const best = answer.paths?.[0];
      const most = best
        ? `, at most ${best.bottleneck} ${best.asset} (base units) could have flowed along it`
        : '';
      const others = (answer.paths?.length ?? 1) - 1;
      setPathState(
        `Path of ${answer.steps.length} hop${answer.steps.length === 1 ? '' : 's'}${most}, highlighted${others > 0 ? ` (${others} more found)` : ''}.`,
      );
    } catch (e) {
      setPathState(`The hub could not find a path: ${asApiError(e).message}`);
    }
  };
  const toggle = (id: string) =>
    setExpanded((e) => {
      const next = new Set(e);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const click = (id: string) => {
    setSelected(id);
    setPathState(undefined);
    if (canExpand(model, id, expanded)) toggle(id);
  };
  const more = frontier(model, expanded);
  if (model.nodes.size <= result.seeds.length && result.transfers.length === 0) {
    return (
      <Empty title="No traced value left the seeds.">
        Check the addresses, try direction <em>backward</em>, or more hops; the hub only traces blocks it has
        ingested.
      </Empty>
    );
  }
  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="Graph">
        <span className="muted small" aria-live="polite">
          {shown.nodes.length} of {model.nodes.size} addresses · {result.model}, {request.direction},{' '}
          {request.hops} hops
        </span>
        <button
          type="button"
          className="button"
          disabled={more.length === 0}
          onClick={() => setExpanded((e) => new Set([...e, ...more]))}
        >
          Open one more hop{more.length ? ` (${more.length})` : ''}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => setExpanded(initialExpansion(model))}
        >
          Back to the seeds
        </button>
        <button
          type="button"
          className="button"
          onClick={async () => {
            const c = cy.current;
            if (c)
              download(
                await c.png({ output: 'blob-promise', full: true, scale: 2, bg: '#0d1117' }),
                `trace-${fileSafe(result.seeds[0] ?? '')}.png`,
              );
          }}
        >
          Export PNG
        </button>
        <label className="inline">
          <span className="small muted">Marking</span>
          <select
            value={tlp}
            onChange={(e) => setTlp(e.target.value as ExportTlp)}
            aria-label="Marking of the STIX export"
          >
            {Object.keys(TLP_MARKING_IDS).map((t) => (
              <option key={t} value={t}>
                TLP:{t.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => exportStix(model, shown, tlp)}>
          Export STIX
        </button>
      </div>
      <FlowGraph
        nodes={shown.nodes}
        edges={shown.edges}
        expanded={expanded}
        roots={roots}
        selected={selected}
        highlight={highlight}
        onNodeClick={click}
        onReady={(c) => {
          cy.current = c;
        }}
      />
      <div className="grid-2">
        {selected ? (
          <Details
            model={model}
            id={selected}
            open={expanded.has(selected)}
            onToggle={() => toggle(selected)}
            onPath={showPath}
            path={pathState}
          />
        ) : (
          <div />
        )}
        <section className="panel" aria-labelledby="ended-up">
          <h2 id="ended-up">Where it ended up</h2>
          <Destinations result={result} />
        </section>
      </div>
      <section className="panel" aria-labelledby="on-graph">
        <h2 id="on-graph">Addresses on the graph</h2>
        <table className="table trace-nodes">
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">What</th>
              <th scope="col">Received</th>
              <th scope="col">Holding</th>
              <th scope="col">Hops</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.nodes
              .filter((n) => n.kind !== 'transaction')
              .sort((a, b) => a.hops - b.hops)
              .map((n) => (
                <tr key={n.id} aria-selected={n.id === selected}>
                  <td className="mono">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setSelected(n.id)}
                      title={n.id}
                    >
                      {shortAddress(n.id)}
                    </button>
                  </td>
                  <td>
                    <span className={`kind kind-${n.kind}`}>{n.kind}</span> {labelNames(n.labels)}
                  </td>
                  <td>{n.traced.map((t) => formatAmount(t.received, t.asset)).join(', ')}</td>
                  <td>{n.traced.map((t) => formatAmount(t.holding, t.asset)).join(', ')}</td>
                  <td>{Number.isFinite(n.hops) ? n.hops : ''}</td>
                  <td>
                    {canExpand(model, n.id, expanded) && (
                      <button
                        type="button"
                        className="button button-quiet"
                        onClick={() => toggle(n.id)}
                        aria-label={`Open the next hop of ${n.id}`}
                      >
                        Open
                      </button>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
