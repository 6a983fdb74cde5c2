import { useEffect } from 'react';
import { apiGet } from '../api.ts';
import { Link } from '../components/link.tsx';
import { ObjectHeader } from '../components/object-header.tsx';
import { PropertyValue } from '../components/property-value.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import { WalletScreening } from '../components/wallet-screening.tsx';
import { labelOf, resolveIds } from '../object-index.ts';
import { actorHref, objectHref } from '../router.ts';
import type { ObjectPage, StixObject } from '../types.ts';
import { useLoad } from '../use-api.ts';
import { hrefFor } from './search.tsx';

const SHOWN_ELSEWHERE = new Set([
  'type',
  'id',
  'name',
  'spec_version',
  'object_marking_refs',
  'created_by_ref',
]);

// The properties an analyst reads first; the rest follow in the object's own order.
const FIRST = ['description', 'pattern', 'value', 'aliases', 'first_seen', 'last_seen'];

function Properties({ o }: { o: StixObject }) {
  const entries = Object.entries(o)
    .filter(([k]) => !SHOWN_ELSEWHERE.has(k))
    .sort(([a], [b]) => rank(a) - rank(b));
  return (
    <dl className="props">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>
            <PropertyValue name={k} value={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

const rank = (key: string): number => {
  const i = FIRST.indexOf(key);
  return i === -1 ? FIRST.length : i;
};

function Relationships({ page }: { page: ObjectPage }) {
  const self = page.object.id;
  const others = page.relationships.map((r) => (r.source_ref === self ? r.target_ref : r.source_ref) ?? '');
  const [names] = useLoad(() => resolveIds(others), [self]);
  if (page.relationships.length === 0) return <Empty title="No relationships you may read." />;
  const resolved = names.status === 'ready' ? names.data : new Map<string, StixObject>();
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Relationship</th>
          <th scope="col">Object</th>
          <th scope="col">Type</th>
        </tr>
      </thead>
      <tbody>
        {page.relationships.map((r, i) => {
          const other = others[i] ?? '';
          const outgoing = r.source_ref === self;
          const o = resolved.get(other);
          return (
            <tr key={r.id}>
              <td className="nowrap">{outgoing ? `${r.relationship_type} →` : `← ${r.relationship_type}`}</td>
              <td>
                <Link href={o ? hrefFor(o) : objectHref(other)}>{labelOf(o, other)}</Link>
              </td>
              <td>
                <span className="type">{other.split('--')[0]}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Versions({ id }: { id: string }) {
  const [state, retry] = useLoad(
    () => apiGet<ObjectPage>(`/objects/${encodeURIComponent(id)}?versions=all`),
    [id],
  );
  if (state.status === 'loading') return <Loading what="versions" />;
  if (state.status === 'error') return <ErrorState error={state.error} retry={retry} what="versions" />;
  const versions = state.data.versions ?? [];
  return (
    <ol className="list">
      {versions.map((v, i) => (
        <li key={`${v.modified ?? i}`}>
          <span className="mono">{v.modified ?? v.created ?? '(no timestamp)'}</span>
          {i === versions.length - 1 && <span className="muted small"> latest</span>}
        </li>
      ))}
    </ol>
  );
}

function Referenced({ items, empty }: { items: StixObject[]; empty: string }) {
  if (items.length === 0) return <Empty title={empty} />;
  return (
    <ul className="list">
      {items.map((o) => (
        <li key={o.id}>
          <Link href={objectHref(o.id)}>{labelOf(o)}</Link> <span className="type">{o.type}</span>
        </li>
      ))}
    </ul>
  );
}

export function ObjectView({ id }: { id: string }) {
  const [state, retry] = useLoad(() => apiGet<ObjectPage>(`/objects/${encodeURIComponent(id)}`), [id]);
  useEffect(() => {
    if (state.status === 'ready') document.title = `${labelOf(state.data.object)} — Bulwark`;
  }, [state]);
  if (state.status === 'loading') return <Loading what="the object" />;
  if (state.status === 'error') return <ErrorState error={state.error} retry={retry} what={id} />;
  const page = state.data;
  const isActor = page.object.type === 'intrusion-set' || page.object.type === 'threat-actor';
  return (
    <>
      <ObjectHeader page={page} />
      {isActor && (
        <p>
          <Link href={actorHref(id)} className="button">
            Open the actor view (techniques, campaigns, wallets)
          </Link>
        </p>
      )}
      {page.object.type === 'cryptocurrency-wallet' && typeof page.object.value === 'string' && (
        <WalletScreening address={page.object.value} />
      )}
      <section className="panel">
        <h2>Properties</h2>
        <Properties o={page.object} />
      </section>
      <section className="panel">
        <h2>Relationships ({page.relationships.length})</h2>
        <Relationships page={page} />
      </section>
      <div className="grid-2">
        <section className="panel">
          <h2>Sightings ({page.sightings.length})</h2>
          <Referenced items={page.sightings} empty="No sightings reported to you." />
        </section>
        <section className="panel">
          <h2>Referenced by ({page.referenced_by.length})</h2>
          <Referenced items={page.referenced_by} empty="No reports or notes you may read refer to it." />
        </section>
      </div>
      <section className="panel">
        <h2>Versions</h2>
        <Versions id={id} />
      </section>
      <details className="panel">
        <summary>STIX JSON</summary>
        <pre className="json">{JSON.stringify(page.object, null, 2)}</pre>
      </details>
    </>
  );
}
