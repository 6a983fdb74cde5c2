import { type FormEvent, useEffect, useState } from 'react';
import type { ApiError } from '../api.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { Reasons, RiskBadge } from '../components/screen-result.tsx';
import { ErrorState, Loading } from '../components/states.tsx';
import {
  parseAddresses,
  RISKS,
  type ScreeningApi,
  type ScreenResult,
  screen,
  screeningApi,
} from '../screening.ts';
import { asApiError, useLoad } from '../use-api.ts';
import { NotYet } from './not-yet.tsx';

const MAX = 10_000;

function Results({ results }: { results: ScreenResult[] }) {
  const ordered = [...results].sort((a, b) => RISKS.indexOf(b.risk) - RISKS.indexOf(a.risk));
  const bars = [...RISKS].reverse().map((risk) => ({
    label: risk,
    value: results.filter((r) => r.risk === risk).length,
    className: `bar risk-bar-${risk}`,
  }));
  return (
    <>
      <div className="grid-2 grid-wide-left">
        <p className="lead" aria-live="polite">
          {results.length} {results.length === 1 ? 'address' : 'addresses'} screened;{' '}
          <strong>{results.filter((r) => r.risk !== 'none').length}</strong> carry a risk. Highest risk first.
        </p>
        <BarChart bars={bars} title="Addresses by risk" />
      </div>
      <table className="table screen-results">
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">Risk</th>
            <th scope="col">Reasons</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((r) => (
            <tr key={r.address}>
              <td className="mono">{r.address}</td>
              <td>
                <RiskBadge risk={r.risk} />
              </td>
              <td>
                <Reasons result={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ScreenForm({ api }: { api: ScreeningApi }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [results, setResults] = useState<ScreenResult[] | null>(null);
  const addresses = parseAddresses(text);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (addresses.length === 0 || addresses.length > MAX) return;
    setBusy(true);
    setError(null);
    try {
      setResults(await screen(api, addresses));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <form onSubmit={submit} className="panel">
        <label htmlFor="screen-addresses">
          Wallet addresses, one per line (or separated by spaces or commas)
        </label>
        <textarea
          id="screen-addresses"
          rows={5}
          className="mono"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="0x098b716b8aaf21512996dc57eb0615e2383e2f96"
        />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy || addresses.length === 0}>
            {busy
              ? 'Screening…'
              : `Screen ${addresses.length || ''} ${addresses.length === 1 ? 'address' : 'addresses'}`}
          </button>
          <span className="muted small">
            {addresses.length > MAX
              ? `At most ${MAX.toLocaleString('en')} at once.`
              : 'Answers come from what your organisation may read on this hub.'}
          </span>
        </div>
      </form>
      {busy && <Loading what="screening answers" />}
      {error && <ErrorState error={error} what="the screening answers" />}
      {results && !busy && <Results results={results} />}
    </>
  );
}

export function Screen() {
  const [state, retry] = useLoad(screeningApi, []);
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
        <p className="lead">Paste addresses to see each one’s risk and the reasons behind it.</p>
      </div>
      <ScreenForm api={state.data} />
    </>
  );
}
