import type { Party } from '../types.ts';
import { factsOf } from './name-facts.ts';
import { foldName, LEGAL_FORMS } from './normalise-name.ts';

/** Words that make a name an institution's rather than a person's (besides legal forms). */
const INSTITUTION_WORDS = new Set(
  (
    'BANK BANKING TRUST FUND FOUNDATION FANDATION ASSOCIATION SOCIETY INSTITUTE UNIVERSITY HOSPITAL MINISTRY GOVERNMENT ' +
    'AUTHORITY AGENCY HOLDINGS SERVICES INSURANCE CAPITAL MANAGEMENT GROUP PARTNERS INDUSTRIES TRADING INTERNATIONAL ' +
    'ENTERPRISE ENTERPRISES CONSULTING COOPERATIVE RESERVE SECURITIES EXCHANGE COMMERCE CHAMBER TEXTILES GARMENTS ' +
    'LOGISTICS SHIPPING ENERGY POWER CONSTRUCTION TECHNOLOGY TECHNOLOGIES ENGINEERING ELECTRONICS PHARMACEUTICAL ' +
    'EXPORT EXPORTS IMPORT IMPORTS FONDO PENSIONES SOCIEDAD SECURITIES MARKETS INVERSIONES'
  ).split(' '),
);

/**
 * Whether a party is a natural person: what the message says (ISO PrvtId, MT 50F birth lines), else a
 * guess from the name — a legal form or institution word means an institution, two to four plain
 * words a person.
 */
export function isPerson(party: Party): boolean | undefined {
  if (party.isPerson !== undefined) return party.isPerson;
  if (party.bic !== undefined && party.name === undefined) return false;
  if (party.name === undefined) return undefined;
  // names recur (the same suppliers are paid all day): read each once
  const facts = factsOf(party.name);
  if (!facts.personRead) {
    facts.person = personByName(party.name);
    facts.personRead = true;
  }
  return facts.person;
}

export function personByName(name: string): boolean | undefined {
  const tokens = foldName(name).split(' ');
  if (tokens.some((t) => LEGAL_FORMS.has(t) || INSTITUTION_WORDS.has(t))) return false;
  const words = tokens.filter((t) => /^[A-Z]{2,}$/.test(t));
  return words.length >= 2 && words.length <= 4 && words.length === tokens.length ? true : undefined;
}
