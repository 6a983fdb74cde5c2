import { type FormEvent, useEffect, useState } from 'react';
import { apiGet } from '../api.ts';
import { findPath } from '../capabilities.ts';
import { ErrorState, Loading } from '../components/states.tsx';
import { asApiError, type Loadable, useLoad } from '../use-api.ts';
import { NotYet } from './not-yet.tsx';

const isScreenPath = (p: string) => p.startsWith('/api/v1/screen/');

/** Each answer as the hub gives it: its risk and reasons when it names them, the rest as JSON. */
function Answer({ address, state }: { address: string; state: Loadable<Record<string, unknown>> }) {
  if (state.status === 'loading') return <Loading what={address} />;
  if (state.status === 'error') return <ErrorState error={state.error} what={address} />;
  const { risk, reasons, ...rest } = state.data;
  return (
    <div className="panel">
      <h3 className="mono">{address}</h3>
      {risk !== undefined && (
        <p>
          Risk: <strong>{String(risk)}</strong>
        </p>
      )}
      {Array.isArray(reasons) && (
        <ul className="list">
          {reasons.map((r) => (
            <li key={JSON.stringify(r)}>{typeof r === 'string' ? r : JSON.stringify(r)}</li>
          ))}
        </ul>
      )}
      <pre className="json">{JSON.stringify(rest, null, 2)}</pre>
    </div>
  );
}

function ScreenForm() {
  const [text, setText] = useState('');
  const [answers, setAnswers] = useState<[string, Loadable<Record<string, unknown>>][]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const addresses = [...new Set(text.split(/\s+/).filter(Boolean))].slice(0, 100);
    setAnswers(addresses.map((a) => [a, { status: 'loading' }]));
    const done = await Promise.all(
      addresses.map(async (a): Promise<[string, Loadable<Record<string, unknown>>]> => {
        try {
          return [a, { status: 'ready', data: await apiGet(`/screen/${encodeURIComponent(a)}`) }];
        } catch (e) {
          return [a, { status: 'error', error: asApiError(e) }];
        }
      }),
    );
    setAnswers(done);
  };
  return (
    <>
      <form onSubmit={submit} className="share-fields">
        <label htmlFor="screen-addresses">Addresses, one per line (up to 100)</label>
        <textarea
          id="screen-addresses"
          rows={6}
          className="mono"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button button-primary">
            Screen
          </button>
        </div>
      </form>
      {answers.map(([a, s]) => (
        <Answer key={a} address={a} state={s} />
      ))}
    </>
  );
}

export function Screen() {
  const [state, retry] = useLoad(() => findPath(isScreenPath), []);
  useEffect(() => {
    document.title = 'Screening — Bulwark';
  }, []);
  if (state.status === 'loading') return <Loading what="the hub’s capabilities" />;
  if (state.status === 'error')
    return <ErrorState error={state.error} retry={retry} what="the API document" />;
  if (state.data === undefined) return <NotYet feature="Screening" endpoint="GET /api/v1/screen/{address}" />;
  return (
    <>
      <div className="page-head">
        <h1>Screening</h1>
        <p className="lead">Paste addresses to see the hub’s risk and reasons for each.</p>
      </div>
      <ScreenForm />
    </>
  );
}

export function Trace() {
  const [state, retry] = useLoad(() => findPath((p) => p.startsWith('/api/v1/trace')), []);
  if (state.status === 'loading') return <Loading what="the hub’s capabilities" />;
  if (state.status === 'error')
    return <ErrorState error={state.error} retry={retry} what="the API document" />;
  if (state.data === undefined) return <NotYet feature="Tracing" endpoint="/api/v1/trace" />;
  return (
    <div className="state state-empty" data-testid="not-available">
      <strong>This hub serves tracing ({state.data}), but this console does not draw traces yet.</strong>
      <p className="muted">Call the endpoint directly; its schema is in /api/v1/openapi.json.</p>
    </div>
  );
}
