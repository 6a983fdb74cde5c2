/** Turning a `versions` row, as either driver returns it, into a `StoredVersion`. */
import type { Audience, StoredVersion, TlpLevel } from '../types.ts';
import { formatMicros } from './timestamps.ts';

export interface VersionRow {
  seq: number | string;
  id: string;
  type: string;
  spec_version: string;
  created: string | null;
  modified: string | null;
  revoked: number | boolean;
  date_added: number | string;
  json: string;
  author_org: string;
  tlp: string;
  audience: string;
}

export function toStoredVersion(row: VersionRow): StoredVersion {
  return {
    seq: Number(row.seq),
    id: row.id,
    type: row.type,
    specVersion: row.spec_version,
    created: row.created,
    modified: row.modified,
    revoked: Boolean(row.revoked),
    dateAdded: formatMicros(Number(row.date_added)),
    json: row.json,
    authorOrg: row.author_org,
    tlp: row.tlp as TlpLevel,
    audience: JSON.parse(row.audience) as Audience,
  };
}

export function audienceJson(audience: Audience): string {
  return JSON.stringify({ communities: audience.communities, orgs: audience.orgs, users: audience.users });
}
