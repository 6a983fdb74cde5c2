/**
 * The freeze-alerts inbox: stolen funds seen arriving at a watched wallet. Open alerts first, filter
 * by status, acknowledge (a button, reachable with Tab), new alerts arrive live over the hub's event
 * stream.
 */
import { useEffect, useState } from 'react';
import {
  type Alert,
  type AlertFilter,
  acknowledgeAlert,
  listAlerts,
  mergeAlert,
  sourceLabel,
} from '../alerts.ts';
import { type ApiError, reportUnauthorised } from '../api.ts';
import { findPath } from '../capabilities.ts';
import { Link } from '../components/link.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import { objectHref, searchHref } from '../router.ts';
import { getKey } from '../session.ts';
import { followStream } from '../sse.ts';
import { formatAmount, shortAddress } from '../trace/amounts.ts';
import { queryOf } from '../trace/trace-query.ts';
import { asApiError, useLoad } from '../use-api.ts';
import { NotYet } from './not-yet.tsx';

const FILTERS: readonly AlertFilter[] = ['open', 'acknowledged', 'all'];

function useLiveAlerts(filter: AlertFilter) {
  const [state, retry] = useLoad(() => listAlerts(filter), [filter]);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [live, setLive] = useState<string>('connecting');
  useEffect(() => {
    if (state.status === 'ready') setAlerts(state.data);
  }, [state]);
  useEffect(() => {
    const key = getKey();
    if (!key) return;
    const stop = new AbortController();
    followStream('/api/v1/alerts/stream', key, stop.signal, {
      onEvent: (e) => {
        if (e.event !== 'alert') return;
        try {
          const alert = JSON.parse(e.data) as Alert;
          setAlerts((list) => mergeAlert(list, alert, filter));
        } catch {
          // a malformed event is skipped; the list is re-read on the next load
        }
      },
      onState: (s, detail) => setLive(detail ? `${s}: ${detail}` : s),
      onUnauthorised: reportUnauthorised,
    });
    return () => stop.abort();
  }, [filter]);
  return { state, retry, alerts, setAlerts, live };
}

function AlertRow({ alert, onAcknowledge }: { alert: Alert; onAcknowledge: (a: Alert) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  return (
    <tr data-alert={alert.id} className={alert.status === 'open' ? 'alert-open' : undefined}>
      <td className="nowrap small">{alert.created.slice(0, 19).replace('T', ' ')} UTC</td>
      <td>
        <span className={`status status-${alert.status}`}>{alert.status}</span>
      </td>
      <td className="mono">
        <Link href={searchHref(alert.address)}>{alert.address}</Link>
        <div className="muted small">
          {alert.chain}
          {alert.wallet_role ? ` · ${alert.wallet_role}` : ''}
        </div>
      </td>
      <td className="nowrap">{formatAmount(alert.amount, alert.asset)}</td>
      <td className="mono small">
        {alert.tx.slice(0, 18)}… <span className="muted">block {alert.block}</span>
      </td>
      <td className="small">
        {alert.sources.map(sourceLabel).map((source) => (
          <div key={source} className="mono">
            <Link href={searchHref(source)}>
              <span title={source}>{shortAddress(source)}</span>
            </Link>{' '}
            {/^\S{26,}$/.test(source) && <Link href={queryOf({ seeds: [source] })}>trace</Link>}
          </div>
        ))}
        {alert.sighting_ref && (
          <div>
            <Link href={objectHref(alert.sighting_ref)}>sighting</Link>
          </div>
        )}
      </td>
      <td>
        {alert.status === 'open' && (
          <button
            type="button"
            className="button nowrap"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              await onAcknowledge(alert).finally(() => setBusy(false));
            }}
          >
            {busy ? 'Acknowledging…' : 'Acknowledge'}
          </button>
        )}
      </td>
    </tr>
  );
}

function Inbox() {
  const [filter, setFilter] = useState<AlertFilter>('open');
  const { state, retry, alerts, setAlerts, live } = useLiveAlerts(filter);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const acknowledge = async (a: Alert) => {
    setFailure(null);
    try {
      await acknowledgeAlert(a.id);
      setAlerts((list) => mergeAlert(list, { ...a, status: 'acknowledged' }, filter));
    } catch (e) {
      setFailure(asApiError(e));
    }
  };
  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="Filter alerts">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={`button ${f === filter ? 'button-primary' : 'button-quiet'}`}
            aria-pressed={f === filter}
            onClick={() => setFilter(f)}
          >
            {f}
          </button>
        ))}
        <span
          className={`muted small live live-${live.split(':')[0]}`}
          data-testid="live-state"
          aria-live="polite"
        >
          {live === 'live' ? '● live: new alerts appear here' : live}
        </span>
      </div>
      {failure && <ErrorState error={failure} what="the acknowledgement" />}
      {state.status === 'loading' && <Loading what="alerts" />}
      {state.status === 'error' && <ErrorState error={state.error} retry={retry} what="the alerts" />}
      {state.status === 'ready' && alerts.length === 0 && (
        <Empty
          title={
            filter === 'open' ? 'No open freeze alerts.' : `No ${filter === 'all' ? '' : `${filter} `}alerts.`
          }
        >
          An alert appears here, live, when stolen funds reach a wallet your organisation watches. Nothing to
          do until then; <Link href="/trace">trace a theft</Link> to see where funds are heading.
        </Empty>
      )}
      {alerts.length > 0 && (
        <table className="table alerts">
          <thead>
            <tr>
              <th scope="col">Seen</th>
              <th scope="col">Status</th>
              <th scope="col">Wallet</th>
              <th scope="col">Amount</th>
              <th scope="col">Transaction</th>
              <th scope="col">Sources</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <AlertRow key={a.id} alert={a} onAcknowledge={acknowledge} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function Alerts() {
  const [api, retry] = useLoad(() => findPath((p) => p === '/api/v1/alerts'), []);
  useEffect(() => {
    document.title = 'Alerts — Bulwark';
  }, []);
  if (api.status === 'loading') return <Loading what="the hub’s capabilities" />;
  if (api.status === 'error') return <ErrorState error={api.error} retry={retry} what="the API document" />;
  if (api.data === undefined) return <NotYet feature="Freeze alerts" endpoint="GET /api/v1/alerts" />;
  return (
    <>
      <div className="page-head">
        <h1>Freeze alerts</h1>
        <p className="lead">Stolen funds arriving at wallets you watch: act on open alerts first.</p>
      </div>
      <Inbox />
    </>
  );
}
