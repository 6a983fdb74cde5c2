import { type Audience, audienceOf } from '../audience.ts';
import type { Directory } from '../directory.ts';
import type { Community, Tlp } from '../types.ts';
import { TlpBadge } from './tlp-badge.tsx';

interface Props {
  tlp: Tlp;
  community: Community | undefined;
  recipientOrgs: string[];
  directory: Directory | undefined;
}

function Who({ audience }: { audience: Audience }) {
  switch (audience.kind) {
    case 'everyone':
      return <p>Every organisation on this hub, and anyone they pass it to: disclosure is not limited.</p>;
    case 'keys':
      return <p>Only the holders of the API keys you name, and your organisation as author.</p>;
    case 'incomplete':
      return <p className="muted">{audience.reason}</p>;
    case 'orgs':
      return (
        <>
          <p>
            <strong>{audience.orgs.length}</strong>{' '}
            {audience.orgs.length === 1 ? 'organisation' : 'organisations'} will be able to read it:
          </p>
          <ul className="list audience" data-testid="audience">
            {audience.orgs.map((o) => (
              <li key={o.id}>{o.name}</li>
            ))}
          </ul>
          {audience.unknownAuthor && <p className="muted small">and your own organisation, as author.</p>}
        </>
      );
  }
}

/** Before anything is sent: exactly who will read it, and where that list comes from. */
export function AudiencePreview({ tlp, community, recipientOrgs, directory }: Props) {
  if (directory === undefined && tlp !== 'clear' && tlp !== 'red') {
    return (
      <aside className="panel preview" aria-labelledby="preview-title">
        <h2 id="preview-title">Who will be able to read it</h2>
        <p>
          Your key cannot read the hub’s community and organisation lists (
          <code>GET /api/v1/admin/communities</code> is for admin keys), so the console cannot name the
          organisations.
        </p>
        <p className="muted">
          The hub will share it as <TlpBadge tlp={tlp} />{' '}
          {tlp === 'amber+strict'
            ? 'with exactly the organisations you name, and your own as author.'
            : 'with the members of the community you name (or your organisation’s default community). Ask your hub administrator who they are before sending.'}
        </p>
      </aside>
    );
  }
  const audience = audienceOf(
    { tlp, community, recipientOrgs, authorOrg: directory?.myOrg },
    directory?.orgs ?? [],
  );
  return (
    <aside className="panel preview" aria-labelledby="preview-title" aria-live="polite">
      <h2 id="preview-title">Who will be able to read it</h2>
      <p>
        <TlpBadge tlp={tlp} />
        {community && (tlp === 'green' || tlp === 'amber') && <> shared to {community.name}</>}
      </p>
      <Who audience={audience} />
      {directory && (
        <p className="muted small source">
          Computed in your browser from the hub’s community and organisation lists (
          <code>GET /api/v1/admin/communities</code>, <code>/admin/orgs</code>) as of{' '}
          {directory.fetchedAt.toISOString().slice(11, 19)} UTC, by the hub’s TLP rule. If membership changes
          later, so do the readers.
        </p>
      )}
    </aside>
  );
}
