/**
 * API keys as members hold them: `bwk_<id>_<secret>`, the id 24 hex digits (public: it names the key
 * in lists, audit entries and TLP:RED recipient lists), the secret 32 random bytes in base64url. The
 * hub stores only the SHA-256 of the secret: 256 random bits need no slow hash.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

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
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares the secret's hash with a stored one in constant time (both are 32 bytes). */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === given.length && timingSafeEqual(given, stored);
}

/** Matches anything shaped like a key, to scrub it from text that is about to be kept. */
export const KEY_IN_TEXT = /bwk_([0-9a-f]{24})_[A-Za-z0-9_-]{20,}/g;
