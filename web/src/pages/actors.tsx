import { useEffect } from 'react';
import { Link } from '../components/link.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import { objectsOfType } from '../object-index.ts';
import { actorHref } from '../router.ts';
import { useLoad } from '../use-api.ts';

/** The intrusion sets the caller may read: on a Bulwark hub, the DPRK groups of the reference data. */
export function Actors() {
  const [state, retry] = useLoad(
    async () =>
      [...(await objectsOfType('intrusion-set')).values()].sort((a, b) =>
        (a.name ?? '').localeCompare(b.name ?? ''),
      ),
    [],
  );
  useEffect(() => {
    document.title = 'Threat actors — Bulwark';
  }, []);
  return (
    <>
      <div className="page-head">
        <h1>Threat actors</h1>
        <p className="lead">
          DPRK intrusion sets known to this hub (MITRE ATT&amp;CK, MISP galaxy and shared intelligence), with
          the names other vendors use for them.
        </p>
      </div>
      {state.status === 'loading' && <Loading what="threat actors" />}
      {state.status === 'error' && <ErrorState error={state.error} retry={retry} what="threat actors" />}
      {state.status === 'ready' && state.data.length === 0 && (
        <Empty title="No intrusion sets are shared with you.">
          The hub loads ATT&amp;CK and the MISP galaxy on start unless it runs with{' '}
          <code>--no-reference</code>.
        </Empty>
      )}
      {state.status === 'ready' && state.data.length > 0 && (
        <ul className="cards">
          {state.data.map((a) => (
            <li key={a.id} className="card">
              <Link href={actorHref(a.id)} className="card-title">
                {a.name}
              </Link>
              <p className="muted small">
                {(a.aliases ?? []).filter((x) => x !== a.name).join(' · ') || 'No other names recorded'}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
