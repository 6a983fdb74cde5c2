import { randomUUID } from 'node:crypto';
import { BulwarkError } from '../../errors/index.ts';
import { indexTermsOf, tlpMarkingRef } from '../../stix/index.ts';
import type { Organisation, Store } from '../../store/index.ts';

/** STIX timestamp with millisecond precision, as most tools write it. */
export function stixNow(date = new Date()): string {
  return date.toISOString();
}

const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} .,&'()_-]{0,119}$/u;

/**
 * Registers an organisation: a member of the hub with its own STIX identity, which is stored as a
 * TLP:CLEAR object authored by the organisation itself so every member can resolve `created_by_ref`.
 */
export async function addOrganisation(store: Store, name: string, sector?: string): Promise<Organisation> {
  const trimmed = name.trim();
  if (!NAME_PATTERN.test(trimmed)) {
    throw new BulwarkError('USAGE', `"${name}" is not a usable organisation name`, {
      hint: "Use 1–120 letters, digits, spaces and . , & ' ( ) _ -, starting with a letter or digit",
    });
  }
  if (await store.getOrganisation(trimmed)) {
    throw new BulwarkError('ORG_EXISTS', `An organisation named "${trimmed}" already exists`, {
      hint: 'Choose another name, or use the existing organisation',
    });
  }
  const now = stixNow();
  const id = `identity--${randomUUID()}`;
  const identity = {
    type: 'identity',
    spec_version: '2.1',
    id,
    created: now,
    modified: now,
    created_by_ref: id,
    name: trimmed,
    identity_class: 'organization',
    ...(sector ? { sectors: [sector] } : {}),
    object_marking_refs: [tlpMarkingRef('clear')],
  };
  const identityJson = JSON.stringify(identity);
  const org: Organisation = { id, name: trimmed, createdAt: now, identityJson };
  await store.addOrganisation(org);
  await store.putBatch([
    {
      id,
      type: 'identity',
      specVersion: '2.1',
      created: now,
      modified: now,
      revoked: false,
      json: identityJson,
      terms: indexTermsOf(identity),
      refs: [id, tlpMarkingRef('clear')],
      authorOrg: id,
      tlp: 'clear',
      audience: { communities: [], orgs: [], users: [] },
    },
  ]);
  return org;
}

/** The organisation named (or with that id), or ORG_NOT_FOUND with the names that exist. */
export async function requireOrganisation(store: Store, nameOrId: string): Promise<Organisation> {
  const org = await store.getOrganisation(nameOrId);
  if (org) return org;
  const known = (await store.listOrganisations()).map((o) => o.name);
  throw new BulwarkError('ORG_NOT_FOUND', `No organisation "${nameOrId}"`, {
    hint: known.length
      ? `Known organisations: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}`
      : "Create it first with 'bulwark org add NAME'",
  });
}
