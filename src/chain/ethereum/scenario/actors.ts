/**
 * Deterministic scenario addresses: the low 20 bytes of sha256(seed ":" label). The scenario sends
 * from them through anvil's impersonation, so no private key exists for any of them.
 */
import { createHash } from 'node:crypto';

export function actorAddress(seed: string, label: string): string {
  return `0x${createHash('sha256').update(`${seed}:${label}`).digest('hex').slice(0, 40)}`;
}

export function noteFor(seed: string, label: string): string {
  return `0x${createHash('sha256').update(`${seed}:note:${label}`).digest('hex')}`;
}
