/** API keys of member organisations: created (the key shown once), listed (never the secret), revoked. */
import { BulwarkError } from '../../errors/index.ts';
import type { ApiKeyRecord, KeyRole, Store } from '../../store/index.ts';
import { requireOrganisation } from '../organisations/organisations.ts';
import { forgetCallers } from './key-cache.ts';
import { formatKey, hashSecret, newKeyParts } from './key-format.ts';

export const KEY_ROLES: readonly KeyRole[] = ['reader', 'contributor', 'admin'];

/** A key as lists and APIs show it: everything but the hash of its secret. */
export type KeyInfo = Omit<ApiKeyRecord, 'secretHash'>;

export function keyInfo(record: ApiKeyRecord): KeyInfo {
  const { secretHash: _, ...info } = record;
  return info;
}

export function parseRole(text: string): KeyRole {
  const role = KEY_ROLES.find((r) => r === text.trim().toLowerCase());
  if (role === undefined) {
    throw new BulwarkError('USAGE', `"${text}" is not a key role`, {
      hint: 'Use one of reader, contributor, admin',
    });
  }
  return role;
}

/**
 * Creates a key for an organisation (name or id). The returned `key` is the only copy of the secret:
 * show it once; the store keeps its hash.
 */
export async function createKey(
  store: Store,
  options: { org: string; role: KeyRole | string; label?: string },
): Promise<{ key: string; record: ApiKeyRecord }> {
  const role = parseRole(options.role);
  const org = await requireOrganisation(store, options.org);
  const label = options.label?.trim() || null;
  if (label !== null && label.length > 200) {
    throw new BulwarkError('USAGE', 'A key label is at most 200 characters', { path: 'label' });
  }
  const { id, secret } = newKeyParts();
  const record: ApiKeyRecord = {
    id,
    orgId: org.id,
    role,
    label,
    secretHash: hashSecret(secret),
    createdAt: new Date().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await store.members.addKey(record);
  return { key: formatKey(id, secret), record };
}

/** Revokes a key by id; the key stops working at once in this process. KEY_NOT_FOUND if unknown. */
export async function revokeKey(store: Store, id: string): Promise<KeyInfo> {
  const found = await store.members.getKey(id.trim());
  if (found === undefined) {
    throw new BulwarkError('KEY_NOT_FOUND', `No API key with id ${id}`, {
      hint: "List keys with 'bulwark key list'; the id is the part between bwk_ and the next _",
    });
  }
  await store.members.revokeKey(found.id, new Date().toISOString());
  forgetCallers(store, found.id);
  const after = await store.members.getKey(found.id);
  return keyInfo(after ?? found);
}

/** Keys of one organisation (name or id), or of all, without their hashes. */
export async function listKeys(store: Store, org?: string): Promise<KeyInfo[]> {
  const orgId = org === undefined ? undefined : (await requireOrganisation(store, org)).id;
  return (await store.members.listKeys(orgId)).map(keyInfo);
}
