import { useEffect, useState } from 'react';
import { type ActorProfile, actorProfile } from '../actor-profile.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { Link } from '../components/link.tsx';
import { ObjectHeader } from '../components/object-header.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import { labelOf } from '../object-index.ts';
import { plainText } from '../plain-text.ts';
import { actorHref, objectHref, searchHref } from '../router.ts';
import { useLoad } from '../use-api.ts';

function byTactic(profile: ActorProfile) {
  const counts = new Map<string, number>();
  for (const t of profile.techniques)
    for (const tactic of t.tactics) counts.set(tactic, (counts.get(tactic) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([label, value]) => ({ label, value }));
}

function Techniques({ profile }: { profile: ActorProfile }) {
  if (profile.techniques.length === 0)
    return (
      <Empty title="No ATT&CK techniques are linked to this actor.">
        ATT&amp;CK may track it under another name: see the related groups below.
      </Empty>
    );
  return (
    <div className="scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">ATT&amp;CK</th>
            <th scope="col">Technique</th>
            <th scope="col">Tactics</th>
          </tr>
        </thead>
        <tbody>
          {profile.techniques.map((t) => (
            <tr key={t.id}>
              <td className="mono nowrap">{t.attackId ?? '—'}</td>
              <td>
                <Link href={objectHref(t.id)}>{t.name}</Link>
              </td>
              <td className="muted small">{t.tactics.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Campaigns({ profile }: { profile: ActorProfile }) {
  if (profile.campaigns.length === 0) {
    return <Empty title="No campaigns you may read are attributed to this actor." />;
  }
  return (
    <ul className="list">
      {profile.campaigns.map((c) => (
        <li key={c.id}>
          <Link href={objectHref(c.id)}>{labelOf(c)}</Link>
          <span className="muted small"> {(c.first_seen as string | undefined)?.slice(0, 10) ?? ''}</span>
        </li>
      ))}
    </ul>
  );
}

function Wallets({ profile }: { profile: ActorProfile }) {
  const [all, setAll] = useState(false);
  if (profile.wallets.length === 0) {
    return <Empty title="No wallet indicators are linked to this actor or its campaigns." />;
  }
  const shown = all ? profile.wallets : profile.wallets.slice(0, 25);
  return (
    <>
      <ul className="list mono">
        {shown.map((w) => (
          <li key={w.address}>
            <Link href={searchHref(w.address)}>{w.address}</Link>{' '}
            <Link href={objectHref(w.indicator)} className="muted small">
              indicator
            </Link>
          </li>
        ))}
      </ul>
      {profile.wallets.length > shown.length && (
        <button type="button" className="button" onClick={() => setAll(true)}>
          Show all {profile.wallets.length} wallets
        </button>
      )}
    </>
  );
}

function Profile({ profile }: { profile: ActorProfile }) {
  const o = profile.page.object;
  const aliases = (o.aliases ?? []).filter((a) => a !== o.name);
  return (
    <>
      <ObjectHeader page={profile.page} />
      {aliases.length > 0 && (
        <ul className="chips" aria-label="Also known as">
          {aliases.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      )}
      {o.description && <p className="description">{plainText(o.description)}</p>}
      <div className="stat-row">
        {[
          ['Techniques', profile.techniques.length],
          ['Campaigns', profile.campaigns.length],
          ['Indicators', profile.indicators.length],
          ['Wallets', profile.wallets.length],
        ].map(([label, n]) => (
          <div key={label} className="stat">
            <span className="stat-n">{n}</span>
            <span className="stat-l">{label}</span>
          </div>
        ))}
      </div>
      {profile.techniques.length === 0 ? (
        <section className="panel">
          <h2>Attributed campaigns and heists</h2>
          <Campaigns profile={profile} />
        </section>
      ) : (
        <div className="grid-2">
          <section className="panel">
            <h2>Attributed campaigns and heists</h2>
            <Campaigns profile={profile} />
          </section>
          <section className="panel">
            <h2>Techniques by tactic</h2>
            <BarChart bars={byTactic(profile)} title="ATT&CK techniques by tactic" />
          </section>
        </div>
      )}
      <section className="panel">
        <h2>ATT&amp;CK techniques ({profile.techniques.length})</h2>
        <Techniques profile={profile} />
      </section>
      <div className="grid-2">
        <section className="panel">
          <h2>Linked wallets ({profile.wallets.length})</h2>
          <Wallets profile={profile} />
        </section>
        <section className="panel">
          <h2>Malware and tools ({profile.software.length})</h2>
          {profile.software.length === 0 ? (
            <Empty title="No malware or tools are linked." />
          ) : (
            <ul className="chips">
              {profile.software.map((s) => (
                <li key={s.id}>
                  <Link href={objectHref(s.id)}>{labelOf(s)}</Link>
                </li>
              ))}
            </ul>
          )}
          <h2>Related groups</h2>
          {profile.related.length === 0 ? (
            <Empty title="None recorded." />
          ) : (
            <ul className="chips">
              {profile.related.map((r) => (
                <li key={r.id}>
                  <Link href={actorHref(r.id)}>{labelOf(r)}</Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <p>
        <Link href={objectHref(o.id)}>All relationships, versions and the STIX JSON of {labelOf(o)}</Link>
      </p>
    </>
  );
}

export function Actor({ id }: { id: string }) {
  const [state, retry] = useLoad(() => actorProfile(id), [id]);
  useEffect(() => {
    if (state.status === 'ready') document.title = `${labelOf(state.data.page.object)} — Bulwark`;
  }, [state]);
  if (state.status === 'loading') return <Loading what="the actor" />;
  if (state.status === 'error') return <ErrorState error={state.error} retry={retry} what="the actor" />;
  return <Profile profile={state.data} />;
}
