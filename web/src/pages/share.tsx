import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { type ApiError, apiPost } from '../api.ts';
import { AudiencePreview } from '../components/audience-preview.tsx';
import { Link } from '../components/link.tsx';
import { ErrorState, Loading } from '../components/states.tsx';
import { TLP_MEANING, TlpBadge } from '../components/tlp-badge.tsx';
import { type Directory, loadDirectory } from '../directory.ts';
import { forgetObjects } from '../object-index.ts';
import { objectHref } from '../router.ts';
import { type IncidentCreated, TLPS, type Tlp } from '../types.ts';
import { asApiError, useLoad } from '../use-api.ts';
import { parseValues } from '../value-type.ts';

interface Draft {
  name: string;
  description: string;
  values: string;
  tlp: Tlp;
  community: string;
  recipientOrgs: string[];
  recipientKeys: string;
  /** AMBER+STRICT recipients typed by name, when the organisation list cannot be read. */
  recipientOrgText: string;
}

const EMPTY: Draft = {
  name: '',
  description: '',
  values: '',
  tlp: 'amber',
  community: '',
  recipientOrgs: [],
  recipientKeys: '',
  recipientOrgText: '',
};

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const recipientsOf = (draft: Draft): string[] =>
  draft.recipientOrgs.length > 0 ? draft.recipientOrgs : list(draft.recipientOrgText);

function bodyOf(draft: Draft) {
  return {
    name: draft.name.trim(),
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    tlp: draft.tlp,
    ...((draft.tlp === 'green' || draft.tlp === 'amber') && draft.community
      ? { community: draft.community }
      : {}),
    ...(draft.tlp === 'amber+strict' ? { recipient_orgs: recipientsOf(draft) } : {}),
    ...(draft.tlp === 'red' ? { recipient_users: list(draft.recipientKeys) } : {}),
    indicators: parseValues(draft.values).map((v) => ({ type: v.type, value: v.value })),
  };
}

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

function ShareForm({ directory }: { directory: Directory | undefined }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<IncidentCreated | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const mine =
    directory?.communities.filter((c) => !directory.myOrg || c.org_ids.includes(directory.myOrg)) ?? [];
  const community = mine.find((c) => c.id === draft.community);
  const values = useMemo(() => parseValues(draft.values), [draft.values]);
  const problem = !draft.name.trim()
    ? 'Name the incident.'
    : values.length === 0
      ? 'Paste at least one indicator value.'
      : values.some((v) => !v.type)
        ? 'Fix or remove the values that are not recognised.'
        : (draft.tlp === 'green' || draft.tlp === 'amber') && directory && !community
          ? 'Choose the community to share with.'
          : draft.tlp === 'amber+strict' && recipientsOf(draft).length === 0
            ? 'Choose the organisations that may read it.'
            : null;
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
    return (
      <div className="panel success" role="status">
        <h2>
          Shared as <TlpBadge tlp={draft.tlp} />
        </h2>
        <p>
          The incident, {done.indicators.length} {done.indicators.length === 1 ? 'indicator' : 'indicators'}{' '}
          and their report were stored in one transaction.
        </p>
        <p>
          <Link href={objectHref(done.incident)}>Open the incident</Link> ·{' '}
          <Link href={objectHref(done.report)}>Open the report</Link> ·{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setDone(null);
              setDraft(EMPTY);
            }}
          >
            Share another
          </button>
        </p>
      </div>
    );
  }
  return (
    <form className="share" onSubmit={submit} noValidate>
      <div className="share-fields">
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
        <fieldset>
          <legend>Marking</legend>
          {TLPS.map((tlp) => (
            <label key={tlp} className="radio">
              <input
                type="radio"
                name="tlp"
                value={tlp}
                checked={draft.tlp === tlp}
                onChange={() => set('tlp', tlp)}
              />
              <TlpBadge tlp={tlp} /> <span className="muted small">{TLP_MEANING[tlp]}</span>
            </label>
          ))}
        </fieldset>
        {(draft.tlp === 'green' || draft.tlp === 'amber') &&
          (directory ? (
            <>
              <label htmlFor="incident-community">Community</label>
              <select
                id="incident-community"
                value={draft.community}
                onChange={(e) => set('community', e.target.value)}
              >
                <option value="">Choose a community…</option>
                {mine.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.org_ids.length} organisations)
                  </option>
                ))}
              </select>
            </>
          ) : (
            <>
              <label htmlFor="incident-community">Community name (empty: your organisation’s default)</label>
              <input
                id="incident-community"
                value={draft.community}
                onChange={(e) => set('community', e.target.value)}
              />
            </>
          ))}
        {draft.tlp === 'amber+strict' && directory && (
          <fieldset>
            <legend>Organisations that may read it</legend>
            {directory.orgs.map((o) => (
              <label key={o.id} className="radio">
                <input
                  type="checkbox"
                  checked={draft.recipientOrgs.includes(o.id)}
                  onChange={(e) =>
                    set(
                      'recipientOrgs',
                      e.target.checked
                        ? [...draft.recipientOrgs, o.id]
                        : draft.recipientOrgs.filter((x) => x !== o.id),
                    )
                  }
                />
                {o.name}
              </label>
            ))}
          </fieldset>
        )}
        {draft.tlp === 'amber+strict' && !directory && (
          <>
            <label htmlFor="incident-orgs">Organisations that may read it: names, comma-separated</label>
            <input
              id="incident-orgs"
              value={draft.recipientOrgText}
              onChange={(e) => set('recipientOrgText', e.target.value)}
            />
          </>
        )}
        {draft.tlp === 'red' && (
          <>
            <label htmlFor="incident-keys">Recipient API key ids, comma-separated</label>
            <input
              id="incident-keys"
              className="mono"
              value={draft.recipientKeys}
              onChange={(e) => set('recipientKeys', e.target.value)}
            />
          </>
        )}
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
