/**
 * The investigation graph: trace from seed addresses, open nodes one hop at a time, read amounts and
 * times on the arrows, see where the value ended up, export the picture (PNG) or the evidence (STIX).
 * Loaded on demand (React.lazy) so cytoscape never delays the sign-in.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { findPath } from '../capabilities.ts';
import { ErrorState, Loading } from '../components/states.tsx';
import { navigate, useLocation } from '../router.ts';
import { runTrace } from '../trace/trace-api.ts';
import { DIRECTIONS, MODELS, queryOf, requestOf } from '../trace/trace-query.ts';
import type { Direction, Model, TraceRequest } from '../trace/trace-types.ts';
import { useLoad } from '../use-api.ts';
import { NotYet } from './not-yet.tsx';
import { TraceView } from './trace-view.tsx';

function TraceForm({ initial }: { initial: TraceRequest | undefined }) {
  const [seeds, setSeeds] = useState(initial?.seeds.join('\n') ?? '');
  const [model, setModel] = useState<Model>(initial?.model ?? 'haircut');
  const [direction, setDirection] = useState<Direction>(initial?.direction ?? 'forward');
  const [hops, setHops] = useState(initial?.hops ?? 6);
  const list = seeds.split(/[\s,]+/).filter(Boolean);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (list.length) navigate(queryOf({ seeds: list, model, direction, hops }));
  };
  return (
    <form className="panel trace-form" onSubmit={submit} aria-label="Trace">
      <div className="trace-seeds">
        <label htmlFor="trace-seeds">Seed addresses (the stolen funds’ first stop), one per line</label>
        <textarea
          id="trace-seeds"
          rows={2}
          className="mono"
          spellCheck={false}
          value={seeds}
          onChange={(e) => setSeeds(e.target.value)}
          placeholder="0x098b716b8aaf21512996dc57eb0615e2383e2f96"
        />
      </div>
      <div className="trace-options">
        <label>
          Model
          <select id="trace-model" value={model} onChange={(e) => setModel(e.target.value as Model)}>
            {MODELS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Direction
          <select
            id="trace-direction"
            value={direction}
            onChange={(e) => setDirection(e.target.value as Direction)}
          >
            {DIRECTIONS.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
        <label>
          Hops
          <input
            id="trace-hops"
            type="number"
            min={1}
            max={64}
            value={hops}
            onChange={(e) => setHops(Number(e.target.value))}
          />
        </label>
        <button type="submit" className="button button-primary" disabled={list.length === 0}>
          Trace
        </button>
      </div>
    </form>
  );
}

function Result({ request }: { request: TraceRequest }) {
  const [state, retry] = useLoad(() => runTrace(request), [queryOf(request)]);
  if (state.status === 'loading') return <Loading what="the trace" />;
  if (state.status === 'error') return <ErrorState error={state.error} retry={retry} what="the trace" />;
  return <TraceView result={state.data} request={request} />;
}

export default function Trace() {
  const { query } = useLocation();
  const request = requestOf(query);
  const [api, retry] = useLoad(() => findPath((p) => p === '/api/v1/trace'), []);
  useEffect(() => {
    document.title = 'Tracing — Bulwark';
  }, []);
  if (api.status === 'loading') return <Loading what="the hub’s capabilities" />;
  if (api.status === 'error') return <ErrorState error={api.error} retry={retry} what="the API document" />;
  if (api.data === undefined) return <NotYet feature="Tracing" endpoint="POST /api/v1/trace" />;
  return (
    <>
      <div className="page-head">
        <h1>Investigation graph</h1>
        <p className="lead">
          Follow stolen value from seed addresses: click an address to open its next hop.
        </p>
      </div>
      <TraceForm key={query.toString()} initial={request} />
      {request ? (
        <Result request={request} />
      ) : (
        <div className="state state-empty">
          <strong>Enter a seed address to trace.</strong>
          <div className="muted">
            The graph shows where its value went, hop by hop, and where it ended up.
          </div>
        </div>
      )}
    </>
  );
}
