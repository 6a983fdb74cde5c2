/**
 * API keys as members hold them: `bwk_<id>_<secret>`, the id 24 hex digits (public: it names the key
 * in lists, audit entries and TLP:RED recipient lists), the secret 32 random bytes in base64url. The
 * hub stores only the SHA-256 of the secret: 256 random bits need no slow hash.
 */
import { hash, randomBytes } from 'node:crypto';

const KEY_PATTERN = /^bwk_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;

export interface ParsedKey {
  id: string;
  secret: string;
}

export function newKeyParts(): { id: string; secret: string } {
  return { id: randomBytes(12).toString('hex'), secret: randomBytes(32).toString('base64url') };
}

export function formatKey(id: string, secret: string): string {
  return `bwk_${id}_${secret}`;
}

export function parseKey(text: string): ParsedKey | undefined {
  const m = KEY_PATTERN.exec(text);
  return m === null ? undefined : { id: m[1]!, secret: m[2]! };
}

export function hashSecret(secret: string): string {
  // the one-shot form: a third of createHash().update().digest()'s time, paid on every request
  return hash('sha256', secret, 'hex');
}

/**
 * Compares the secret's hash with a stored one (64 hex digits each) without an early exit, so the
 * time taken says nothing of where they differ; on the strings, as two Buffer conversions and
 * timingSafeEqual cost more than the hash on every authenticated request.
 */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = hashSecret(secret);
  if (given.length !== storedHash.length) return false;
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ storedHash.charCodeAt(i);
  return diff === 0;
}

/** Matches anything shaped like a key, to scrub it from text that is about to be kept. */
export const KEY_IN_TEXT = /bwk_([0-9a-f]{24})_[A-Za-z0-9_-]{20,}/g;
