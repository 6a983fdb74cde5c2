/** Versions for the conformance suite: indicator-shaped rows with predictable ids and timestamps. */
import type { Audience, NewVersion, ReadScope, TlpLevel } from '../types.ts';

export const NO_AUDIENCE: Audience = { communities: [], orgs: [], users: [] };

export function instant(seconds: number): string {
  return new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();
}

let counter = 0;

/** A fresh indicator id, unique in the process. */
export function newId(type = 'indicator'): string {
  counter += 1;
  return `${type}--00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export interface VersionOptions {
  id?: string;
  type?: string;
  modified?: string | null;
  tlp?: TlpLevel;
  authorOrg?: string;
  audience?: Partial<Audience>;
  terms?: NewVersion['terms'];
  refs?: readonly string[];
  specVersion?: string;
  revoked?: boolean;
}

export function version(options: VersionOptions = {}): NewVersion {
  const id = options.id ?? newId(options.type);
  const type = options.type ?? id.slice(0, id.indexOf('--'));
  const modified = options.modified === undefined ? instant(0) : options.modified;
  const json = JSON.stringify({
    type,
    spec_version: '2.1',
    id,
    ...(modified === null ? {} : { created: instant(0), modified }),
    name: `\u00e9 "${id}"`,
    pattern: "[ipv4-addr:value = '198.51.100.7']",
  });
  return {
    id,
    type,
    specVersion: options.specVersion ?? '2.1',
    created: modified === null ? null : instant(0),
    modified,
    revoked: options.revoked ?? false,
    json,
    terms: options.terms ?? [],
    refs: options.refs ?? [],
    authorOrg: options.authorOrg ?? 'org-a',
    tlp: options.tlp ?? 'clear',
    audience: { ...NO_AUDIENCE, ...options.audience },
  };
}

export const ALL: ReadScope = { kind: 'all' };
export const PUBLIC: ReadScope = { kind: 'public' };

export function member(orgId: string, communityIds: string[] = [], userId?: string): ReadScope {
  return { kind: 'member', orgId, communityIds, ...(userId === undefined ? {} : { userId }) };
}
