/**
 * From an `Authorization` header to a `Caller`: `Bearer <key>`, or HTTP Basic with any user name and
 * the key as password (what TAXII clients send). No header is the anonymous caller. A malformed,
 * unknown or revoked key gets one answer, UNAUTHENTICATED, that does not say which it was; the attempt
 * is audited with the key's public id only.
 */
import { BulwarkError } from '../../errors/index.ts';
import type { ApiKeyRecord, Store } from '../../store/index.ts';
import { audit } from './audit.ts';
import type { Caller } from './caller.ts';
import {
  CALLER_TTL_MS,
  type CachedKey,
  cachedKey,
  rememberKey,
  touchDue,
  touchPending,
} from './key-cache.ts';
import { hashSecret, parseKey, secretMatches } from './key-format.ts';

/** Compared against when the key id is unknown, so both failures take the same work. */
const DUMMY_HASH = hashSecret('no such key');

function refused(): BulwarkError {
  return new BulwarkError('UNAUTHENTICATED', 'The API key was not accepted', {
    path: 'Authorization',
    hint: 'Send "Authorization: Bearer <key>" (or HTTP Basic with the key as password) with a valid, unrevoked key',
  });
}

/** The key text in the header, or undefined when the header has another shape. */
export function keyFromHeader(header: string): string | undefined {
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  if (m === null) return undefined;
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'bearer') return m[2]!;
  if (scheme !== 'basic') return undefined;
  const decoded = Buffer.from(m[2]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

async function loadKey(store: Store, record: ApiKeyRecord, now: number): Promise<CachedKey | undefined> {
  const org = await store.getOrganisation(record.orgId);
  if (org === undefined) return undefined;
  const communityIds = Object.freeze((await store.members.communitiesOf(record.orgId)).map((c) => c.id));
  const caller: Caller = Object.freeze({
    kind: 'member',
    orgId: record.orgId,
    orgName: org.name,
    userId: record.id,
    role: record.role,
    communityIds,
  });
  const entry = { record, orgName: org.name, communityIds, expires: now + CALLER_TTL_MS, caller };
  rememberKey(store, entry);
  return entry;
}

async function resolveKey(store: Store, keyText: string, now: number): Promise<CachedKey | undefined> {
  const parsed = parseKey(keyText);
  if (parsed === undefined) return undefined;
  const cached = cachedKey(store, parsed.id, now);
  if (cached !== undefined)
    return secretMatches(parsed.secret, cached.record.secretHash) ? cached : undefined;
  const record = await store.members.getKey(parsed.id);
  const matches = secretMatches(parsed.secret, record?.secretHash ?? DUMMY_HASH);
  if (record === undefined || !matches || record.revokedAt !== null) return undefined;
  return loadKey(store, record, now);
}

export async function authenticate(
  store: Store,
  authorization: string | undefined,
  source?: string,
): Promise<Caller> {
  if (authorization === undefined || authorization.trim() === '') return { kind: 'anonymous' };
  const now = Date.now();
  const keyText = keyFromHeader(authorization);
  const entry = keyText === undefined ? undefined : await resolveKey(store, keyText, now);
  if (entry === undefined) {
    const keyId = keyText === undefined ? undefined : parseKey(keyText)?.id;
    await audit(store, {
      orgId: null,
      keyId: null,
      action: 'auth.refused',
      target: keyId ?? null,
      outcome: 'denied',
      source: source ?? null,
    });
    throw refused();
  }
  const { record } = entry;
  if (touchDue(store, record.id, now)) {
    // A failed last-used write must not fail the request it records.
    await store.members.touchKey(record.id, new Date(now).toISOString()).catch(() => {});
  }
  return entry.caller;
}

/**
 * The caller of a key this process verified lately, synchronously, or undefined: then `authenticate`
 * (or `authenticateOnce`) decides, and audits a refusal. The secret is verified here as there, its
 * hash against the stored hash on every call; only the store reads are skipped, as `authenticate`
 * skips them for a cached key, and a revoked key is no longer cached. Undefined too when last-used is
 * due, so that `authenticate` writes it. For the hottest route: no promise, no per-request entry.
 */
export function cachedCaller(store: Store, authorization: string, now: number): Caller | undefined {
  // what clients send, without the general pattern's match; any other spelling fails `parseKey` here
  // (a key has no white space) and is then `authenticate`'s to read
  const keyText = authorization.startsWith('Bearer ') ? authorization.slice(7) : keyFromHeader(authorization);
  const parsed = keyText === undefined ? undefined : parseKey(keyText);
  if (parsed === undefined) return undefined;
  const entry = cachedKey(store, parsed.id, now);
  if (entry === undefined || !secretMatches(parsed.secret, entry.record.secretHash)) return undefined;
  return touchPending(store, entry.record.id, now) ? undefined : entry.caller;
}

const perRequest = new WeakMap<object, Promise<Caller>>();

/**
 * `authenticate`, once per request: `request` is any object that lives exactly as long as the request
 * (the server passes its raw request). The rate limiter authenticates first, to charge the verified
 * key's budget, and the handler reuses the answer: one verification, one audit of a refusal.
 */
export function authenticateOnce(
  store: Store,
  request: object,
  authorization: string | undefined,
  source?: string,
): Promise<Caller> {
  let caller = perRequest.get(request);
  if (caller === undefined) {
    caller = authenticate(store, authorization, source);
    // Whoever asks first may not await a refusal (the limiter falls back); the handler still sees it.
    caller.catch(() => {});
    perRequest.set(request, caller);
  }
  return caller;
}
