import { type FormEvent, useEffect, useState } from 'react';
import { type ApiError, apiPost } from '../api.ts';
import { AudienceFields, MarkingFieldset } from '../components/audience-fields.tsx';
import { AudiencePreview } from '../components/audience-preview.tsx';
import { Link } from '../components/link.tsx';
import { ErrorState, Loading } from '../components/states.tsx';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { type Directory, loadDirectory } from '../directory.ts';
import { forgetObjects } from '../object-index.ts';
import { objectHref } from '../router.ts';
import { bodyOf, type Draft, EMPTY_DRAFT, myCommunities, problemOf } from '../share-draft.ts';
import type { IncidentCreated, Tlp } from '../types.ts';
import { asApiError, useLoad } from '../use-api.ts';
import { parseValues } from '../value-type.ts';

function Values({ text }: { text: string }) {
  const values = parseValues(text);
  if (values.length === 0) return null;
  return (
    <ul className="values" aria-label="Recognised values">
      {values.map((v) => (
        <li key={v.value} className={v.type ? '' : 'bad'}>
          <span className="type">{v.type ?? 'not recognised'}</span> <span className="mono">{v.value}</span>
        </li>
      ))}
    </ul>
  );
}

function Shared({ done, tlp, again }: { done: IncidentCreated; tlp: Tlp; again: () => void }) {
  const n = done.indicators.length;
  return (
    <div className="panel success" role="status">
      <h2>
        Shared as <TlpBadge tlp={tlp} />
      </h2>
      <p>
        The incident, {n} {n === 1 ? 'indicator' : 'indicators'} and their report were stored in one
        transaction.
      </p>
      <p>
        <Link href={objectHref(done.incident)}>Open the incident</Link> ·{' '}
        <Link href={objectHref(done.report)}>Open the report</Link> ·{' '}
        <button type="button" className="link-button" onClick={again}>
          Share another
        </button>
      </p>
    </div>
  );
}

function DescribeFields({
  draft,
  set,
}: {
  draft: Draft;
  set: <K extends keyof Draft>(k: K, v: Draft[K]) => void;
}) {
  return (
    <>
      <label htmlFor="incident-name">Incident name</label>
      <input id="incident-name" value={draft.name} onChange={(e) => set('name', e.target.value)} required />
      <label htmlFor="incident-description">What happened (optional)</label>
      <textarea
        id="incident-description"
        rows={3}
        value={draft.description}
        onChange={(e) => set('description', e.target.value)}
      />
      <label htmlFor="incident-values">Indicators: one value per line</label>
      <textarea
        id="incident-values"
        rows={6}
        className="mono"
        spellCheck={false}
        value={draft.values}
        onChange={(e) => set('values', e.target.value)}
        placeholder={'0x098b716b8aaf21512996dc57eb0615e2383e2f96\n203.0.113.7\nupdate-wallet.example'}
      />
      <p className="muted small">
        IPs, domains, URLs, e-mail addresses, wallet addresses and MD5/SHA-1/SHA-256 hashes.
      </p>
      <Values text={draft.values} />
    </>
  );
}

function ShareForm({ directory }: { directory: Directory | undefined }) {
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<IncidentCreated | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const community = myCommunities(directory).find((c) => c.id === draft.community);
  const problem = problemOf(draft, community, directory);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      setDone(await apiPost<IncidentCreated>('/incidents', bodyOf(draft)));
      forgetObjects();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  if (done) {
    const again = () => {
      setDone(null);
      setDraft(EMPTY_DRAFT);
    };
    return <Shared done={done} tlp={draft.tlp} again={again} />;
  }
  return (
    <form className="share" onSubmit={submit} noValidate>
      <div className="share-fields">
        <DescribeFields draft={draft} set={set} />
        <MarkingFieldset draft={draft} set={set} />
        <AudienceFields draft={draft} directory={directory} set={set} />
        {error && <ErrorState error={error} what="the incident: nothing was stored" />}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy || problem !== null}>
            {busy ? 'Sharing…' : `Share as TLP:${draft.tlp.toUpperCase()}`}
          </button>
          {problem && <span className="muted small">{problem}</span>}
        </div>
      </div>
      <AudiencePreview
        tlp={draft.tlp}
        community={community}
        recipientOrgs={draft.recipientOrgs}
        directory={directory}
      />
    </form>
  );
}

export function Share() {
  const [state, retry] = useLoad(loadDirectory, []);
  useEffect(() => {
    document.title = 'Share an incident — Bulwark';
  }, []);
  return (
    <>
      <div className="page-head">
        <h1>Share an incident</h1>
        <p className="lead">
          An incident with its indicators, marked and shared in one step. Check the readers before you send.
        </p>
      </div>
      {state.status === 'loading' && <Loading what="communities" />}
      {state.status === 'error' && <ErrorState error={state.error} retry={retry} what="the communities" />}
      {state.status === 'ready' && <ShareForm directory={state.data} />}
    </>
  );
}
