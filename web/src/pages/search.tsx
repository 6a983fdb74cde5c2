import { useEffect } from 'react';
import { apiGet } from '../api.ts';
import { Link } from '../components/link.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { labelOf } from '../object-index.ts';
import { actorHref, objectHref, useLocation } from '../router.ts';
import type { SearchResult, StixObject } from '../types.ts';
import { useLoad } from '../use-api.ts';

const ACTOR_TYPES = new Set(['intrusion-set', 'threat-actor']);

export const hrefFor = (o: StixObject): string =>
  ACTOR_TYPES.has(o.type) ? actorHref(o.id) : objectHref(o.id);

function Results({ q }: { q: string }) {
  const [state, retry] = useLoad(
    () => apiGet<SearchResult>(`/search?q=${encodeURIComponent(q)}&limit=200`),
    [q],
  );
  if (state.status === 'loading') return <Loading what={`results for “${q}”`} />;
  if (state.status === 'error') return <ErrorState error={state.error} retry={retry} what="the results" />;
  const { hits } = state.data;
  if (hits.length === 0) {
    return (
      <Empty title={`Nothing you may read matches “${q}”.`}>
        Search takes an exact value: a full address, IP, domain, hash, or an actor’s name or alias. Objects
        shared to communities you are not in are not shown.
      </Empty>
    );
  }
  // Relationships that mention a value are evidence, not answers: listed after the objects, folded.
  const objects = hits.filter((h) => h.object.type !== 'relationship');
  const links = hits.filter((h) => h.object.type === 'relationship');
  return (
    <>
      <p className="muted" aria-live="polite">
        {objects.length} {objects.length === 1 ? 'object' : 'objects'} for “{q}”
        {links.length > 0 && `, and ${links.length} relationships that mention it`}
      </p>
      {objects.length > 0 && <HitTable hits={objects} />}
      {links.length > 0 && (
        <details className="panel">
          <summary>
            {links.length} {links.length === 1 ? 'relationship mentions' : 'relationships mention'} “{q}”
          </summary>
          <HitTable hits={links} />
        </details>
      )}
    </>
  );
}

function HitTable({ hits }: { hits: SearchResult['hits'] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Object</th>
          <th scope="col">Type</th>
          <th scope="col">Marking</th>
          <th scope="col">Added</th>
        </tr>
      </thead>
      <tbody>
        {hits.map((hit) => (
          <tr key={hit.object.id}>
            <td>
              <Link href={hrefFor(hit.object)} className="result-link">
                {labelOf(hit.object)}
              </Link>
            </td>
            <td>
              <span className="type">{hit.object.type}</span>
            </td>
            <td>
              <TlpBadge tlp={hit.tlp} />
            </td>
            <td className="nowrap muted">{hit.date_added.slice(0, 10)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Search() {
  const { query } = useLocation();
  const q = query.get('q')?.trim() ?? '';
  useEffect(() => {
    document.title = q ? `${q} — Search — Bulwark` : 'Search — Bulwark';
  }, [q]);
  return (
    <>
      <div className="page-head">
        <h1>Search</h1>
      </div>
      {q ? (
        <Results q={q} />
      ) : (
        <Empty title="Type a value in the search bar above (press / to jump there).">
          For example a wallet address, an IP, a domain, a file hash, or an actor such as{' '}
          <Link href="/search?q=Lazarus%20Group">Lazarus Group</Link> or{' '}
          <Link href="/search?q=APT38">APT38</Link>.
        </Empty>
      )}
    </>
  );
}
