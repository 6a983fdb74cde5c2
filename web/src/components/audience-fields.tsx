import type { Directory } from '../directory.ts';
import { type Draft, myCommunities } from '../share-draft.ts';
import { TLPS } from '../types.ts';
import { TLP_MEANING, TlpBadge } from './tlp-badge.tsx';

interface Props {
  draft: Draft;
  directory: Directory | undefined;
  set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
}

export function MarkingFieldset({ draft, set }: Omit<Props, 'directory'>) {
  return (
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
  );
}

function CommunityField({ draft, directory, set }: Props) {
  if (directory === undefined) {
    return (
      <>
        <label htmlFor="incident-community">Community name (empty: your organisation’s default)</label>
        <input
          id="incident-community"
          value={draft.community}
          onChange={(e) => set('community', e.target.value)}
        />
      </>
    );
  }
  return (
    <>
      <label htmlFor="incident-community">Community</label>
      <select
        id="incident-community"
        value={draft.community}
        onChange={(e) => set('community', e.target.value)}
      >
        <option value="">Choose a community…</option>
        {myCommunities(directory).map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.org_ids.length} organisations)
          </option>
        ))}
      </select>
    </>
  );
}

function RecipientOrgs({ draft, directory, set }: Props) {
  if (directory === undefined) {
    return (
      <>
        <label htmlFor="incident-orgs">Organisations that may read it: names, comma-separated</label>
        <input
          id="incident-orgs"
          value={draft.recipientOrgText}
          onChange={(e) => set('recipientOrgText', e.target.value)}
        />
      </>
    );
  }
  const toggle = (id: string, on: boolean) =>
    set('recipientOrgs', on ? [...draft.recipientOrgs, id] : draft.recipientOrgs.filter((x) => x !== id));
  return (
    <fieldset>
      <legend>Organisations that may read it</legend>
      {directory.orgs.map((o) => (
        <label key={o.id} className="radio">
          <input
            type="checkbox"
            checked={draft.recipientOrgs.includes(o.id)}
            onChange={(e) => toggle(o.id, e.target.checked)}
          />
          {o.name}
        </label>
      ))}
    </fieldset>
  );
}

/** Who the marking is addressed to: a community, organisations, or keys, as the TLP level asks. */
export function AudienceFields(props: Props) {
  const { draft, set } = props;
  if (draft.tlp === 'green' || draft.tlp === 'amber') return <CommunityField {...props} />;
  if (draft.tlp === 'amber+strict') return <RecipientOrgs {...props} />;
  if (draft.tlp === 'red') {
    return (
      <>
        <label htmlFor="incident-keys">Recipient API key ids, comma-separated</label>
        <input
          id="incident-keys"
          className="mono"
          value={draft.recipientKeys}
          onChange={(e) => set('recipientKeys', e.target.value)}
        />
      </>
    );
  }
  return null;
}
