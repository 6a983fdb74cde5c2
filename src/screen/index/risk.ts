/**
 * Risk of a label on its own. Sanctions are absolute; an attribution to a DPRK heist is severe when a
 * government named the address (confidence ≥ 80, as the heist feed sets for FBI/OFAC sources), high
 * on third-party analysis; services say who holds an address, not that it is bad.
 */
import type { Label } from '../labels/types.ts';
import type { Risk } from '../types.ts';

const SEVERE_CONFIDENCE = 80;

export function riskOfLabel(label: Label): Risk {
  switch (label.category) {
    case 'sanctioned':
      return 'severe';
    case 'heist':
      return (label.confidence ?? 100) >= SEVERE_CONFIDENCE ? 'severe' : 'high';
    case 'attributed':
    case 'flagged':
    case 'mixer':
      return 'high';
    case 'bridge':
    case 'exchange':
    case 'service':
      return 'low';
    case 'victim':
    case 'disputed':
      return 'none';
  }
}

/** Claims a victim note overrides: the victim's own address is never flagged as the attackers'. */
export function overriddenByVictim(label: Label): boolean {
  return label.category === 'heist' || label.category === 'attributed' || label.category === 'flagged';
}
