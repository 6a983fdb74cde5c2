import { lazy, Suspense } from 'react';
import { listAlerts } from '../alerts.ts';
import { apiGet } from '../api.ts';
import { findPath } from '../capabilities.ts';
import type { ActivityDay } from '../components/activity-chart.tsx';
import { BarChart } from '../components/bar-chart.tsx';
import { Link } from '../components/link.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { labelOf } from '../object-index.ts';
import { objectHref } from '../router.ts';
import { formatAmount } from '../trace/amounts.ts';
import { type ObjectList, type Stats, TLPS } from '../types.ts';
import { useLoad } from '../use-api.ts';

const ActivityChart = lazy(() => import('../components/activity-chart.tsx'));

const TYPE_NAMES: Record<string, string> = {
  'intrusion-set': 'Intrusion sets',
  'threat-actor': 'Threat actors',
  'attack-pattern': 'ATT&CK techniques',
  'cryptocurrency-wallet': 'Wallets',
  indicator: 'Indicators',
  relationship: 'Relationships',
  infrastructure: 'Infrastructure',
  malware: 'Malware',
  campaign: 'Campaigns',
  incident: 'Incidents',
  report: 'Reports',
  sighting: 'Sightings',
  'x-mitre-tactic': 'ATT&CK tactics',
  note: 'Notes',
  tool: 'Tools',
  identity: 'Identities',
  'observed-data': 'Observed data',
  'ipv4-addr': 'IPv4 addresses',
  'domain-name': 'Domains',
  url: 'URLs',
  file: 'Files',
};

async function latestReports(): Promise<ObjectList> {
  const page = await apiGet<ObjectList>('/objects?type=incident,report&limit=1000');
  return { ...page, objects: page.objects.slice(-8).reverse() };
}

function Counts({ stats }: { stats: Stats }) {
  const byType = Object.entries(stats.by_type)
    .filter(([type]) => type !== 'marking-definition')
    .sort((a, b) => b[1] - a[1])
    .map(([type, value]) => ({ label: TYPE_NAMES[type] ?? type, value }));
  const byTlp = TLPS.map((tlp) => ({
    label: `TLP:${tlp.toUpperCase()}`,
    value: stats.by_tlp[tlp] ?? 0,
    className: `bar bar-${tlp.replace('+', '-')}`,
  }));
  return (
    <div className="grid-2">
      <section className="panel" aria-labelledby="by-marking">
        <h2 id="by-marking">By marking</h2>
        <BarChart bars={byTlp} title="Objects by TLP marking" />
        <p className="muted small">What your organisation may read, latest versions, as the hub counts it.</p>
      </section>
      <section className="panel" aria-labelledby="by-type">
        <h2 id="by-type">By type</h2>
        <BarChart bars={byType} title="Objects by STIX type" />
      </section>
    </div>
  );
}

interface ActivityAnswer {
  days: ActivityDay[];
  by_community: { id: string; name: string; count: number }[];
}

function Activity() {
  const [state, retry] = useLoad(() => apiGet<ActivityAnswer>('/stats/activity?days=30'), []);
  if (state.status === 'loading') return <Loading what="activity" />;
  if (state.status === 'error') return <ErrorState error={state.error} retry={retry} what="the activity" />;
  if (state.data.days.every((d) => d.total === 0)) {
    return (
      <Empty title="Nothing new in the last 30 days.">
        Import a bundle or share an incident to see it here.
      </Empty>
    );
  }
  const communities = state.data.by_community.map((c) => ({ label: c.name, value: c.count }));
  return (
    <>
      <Suspense fallback={<Loading what="the chart" />}>
        <ActivityChart days={state.data.days} />
      </Suspense>
      {communities.length > 0 && (
        <>
          <h3 className="small muted">Shared to your communities in these 30 days</h3>
          <BarChart bars={communities} title="Objects shared to your communities in the last 30 days" />
        </>
      )}
    </>
  );
}

interface Tracking {
  wallets: number;
  alerts: { open: number; byAsset: [string, bigint][] } | undefined;
}

async function tracking(wallets: number): Promise<Tracking> {
  if (!(await findPath((p) => p === '/api/v1/alerts'))) return { wallets, alerts: undefined };
  const open = await listAlerts('open');
  const byAsset = new Map<string, bigint>();
  for (const a of open) byAsset.set(a.asset, (byAsset.get(a.asset) ?? 0n) + BigInt(a.amount));
  return { wallets, alerts: { open: open.length, byAsset: [...byAsset] } };
}

/** Stolen funds being tracked: wallets the hub watches for you and the open freeze alerts on them. */
function Funds({ wallets }: { wallets: number }) {
  const [state, retry] = useLoad(() => tracking(wallets), [wallets]);
  if (state.status === 'loading') return <Loading what="open alerts" />;
  if (state.status === 'error')
    return <ErrorState error={state.error} retry={retry} what="the open alerts" />;
  const { alerts } = state.data;
  return (
    <div className="stat-row">
      <div className="stat" data-testid="wallets-tracked">
        <span className="stat-n">{wallets.toLocaleString('en')}</span>
        <span className="stat-l">wallets on record you may read (thefts, sanctions, services)</span>
      </div>
      <div className="stat" data-testid="open-alerts">
        {alerts ? (
          <>
            <span className="stat-n">{alerts.open.toLocaleString('en')}</span>
            <span className="stat-l">
              <Link href="/alerts">open freeze alerts</Link>
              {alerts.byAsset.length > 0 &&
                `: ${alerts.byAsset.map(([asset, v]) => formatAmount(v.toString(), asset)).join(', ')}`}
            </span>
          </>
        ) : (
          <span className="stat-l">Freeze alerts are not served by this hub yet.</span>
        )}
      </div>
      <div className="stat">
        <span className="stat-l">
          <Link href="/trace">Trace stolen funds</Link> from an address to see where they went.
        </span>
      </div>
    </div>
  );
}

function Recent() {
  const [state, retry] = useLoad(latestReports, []);
  if (state.status === 'loading') return <Loading what="recent reports" />;
  if (state.status === 'error') return <ErrorState error={state.error} retry={retry} what="recent reports" />;
  if (state.data.objects.length === 0) {
    return (
      <Empty title="No incident reports shared with you yet.">
        <Link href="/share">Share an incident</Link> to start, or ask your communities to share theirs.
      </Empty>
    );
  }
  return (
    <ul className="list">
      {state.data.objects.map((o) => (
        <li key={o.id}>
          <Link href={objectHref(o.id)}>{labelOf(o)}</Link>
          <span className="muted small">
            {' '}
            {o.type} · {o.modified?.slice(0, 16).replace('T', ' ')} UTC
          </span>
        </li>
      ))}
    </ul>
  );
}

export function Dashboard() {
  const [state, retry] = useLoad(() => apiGet<Stats>('/stats'), []);
  return (
    <>
      <div className="page-head">
        <h1>Dashboard</h1>
        {state.status === 'ready' && (
          <p className="lead">
            <strong>{state.data.total.toLocaleString('en')}</strong> objects readable by your organisation
          </p>
        )}
      </div>
      <section className="panel" aria-labelledby="tracked">
        <h2 id="tracked">Stolen funds being tracked</h2>
        {state.status === 'ready' && <Funds wallets={state.data.by_type['cryptocurrency-wallet'] ?? 0} />}
      </section>
      <section className="panel" aria-labelledby="activity">
        <h2 id="activity">New intelligence per day, by TLP</h2>
        <Activity />
      </section>
      {state.status === 'loading' && <Loading what="counts" />}
      {state.status === 'error' && <ErrorState error={state.error} retry={retry} what="the counts" />}
      {state.status === 'ready' &&
        (state.data.total === 0 ? (
          <Empty title="Nothing is shared with your organisation yet.">
            Start the hub with its reference data (<code>bulwark serve</code>) or import a bundle (
            <code>bulwark import</code>).
          </Empty>
        ) : (
          <Counts stats={state.data} />
        ))}
      <section className="panel" aria-labelledby="recent">
        <h2 id="recent">Latest incident reports</h2>
        <Recent />
      </section>
      <p className="muted small">
        Markings: <TlpBadge tlp="clear" /> <TlpBadge tlp="green" /> <TlpBadge tlp="amber" />{' '}
        <TlpBadge tlp="amber+strict" /> <TlpBadge tlp="red" />
      </p>
    </>
  );
}
