/** Errors both adapters raise the same way. */
import { BulwarkError } from '../../errors/index.ts';
import { SCHEMA_VERSION } from './schema.ts';

export function schemaTooNew(found: number, where: string): BulwarkError {
  return new BulwarkError(
    'STORE_VERSION',
    `the store at ${where} has schema version ${found}; this Bulwark knows up to ${SCHEMA_VERSION}`,
    { source: where, hint: 'upgrade Bulwark, or open a store written by this version' },
  );
}

export function schemaTooOld(found: number, where: string): BulwarkError {
  return new BulwarkError(
    'STORE_UNAVAILABLE',
    `the store at ${where} has schema version ${found} and was opened read-only; it needs ${SCHEMA_VERSION}`,
    {
      source: where,
      rule: 'schema-too-old',
      hint: 'open it once without read-only so Bulwark can upgrade it',
    },
  );
}

export function organisationExists(name: string, cause: unknown): BulwarkError {
  return new BulwarkError('ORG_EXISTS', `an organisation named "${name}" (or with that id) already exists`, {
    cause,
    hint: 'choose another name, or use the existing organisation',
  });
}

/** Unique audience members of one version, as (kind, member) pairs. */
export function audienceRows(audience: {
  communities: readonly string[];
  orgs: readonly string[];
  users: readonly string[];
}): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const c of new Set(audience.communities)) rows.push(['community', c]);
  for (const o of new Set(audience.orgs)) rows.push(['org', o]);
  for (const u of new Set(audience.users)) rows.push(['user', u]);
  return rows;
}

/** Index terms of one version without repeats (the terms table is keyed by value, seq, kind). */
export function uniqueTerms(terms: readonly { value: string; kind: string }[]): Array<[string, string]> {
  const seen = new Set<string>();
  const out: Array<[string, string]> = [];
  for (const { value, kind } of terms) {
    const key = `${kind}\u0000${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([value, kind]);
  }
  return out;
}

/** A write to a store opened read-only. */
export function readOnlyStore(file: string): BulwarkError {
  return new BulwarkError('STORE_UNAVAILABLE', `the store ${file} was opened read-only`, {
    source: file,
    hint: 'open it without read-only to write',
  });
}
