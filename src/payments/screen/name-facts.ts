import type { NearMiss } from './text-anomaly.ts';
import type { WatchlistHit } from './watchlist.ts';

/**
 * What screening reads from one party name, kept together: its folded form, whether it names a person,
 * and the answers of a watch list and a near-miss finder. A payment's creditor name was looked up in
 * four Maps (fold, person, watch-list cache, near-miss cache), a third of screening time in the profile;
 * now one look-up finds all four, and the rules that follow find the record in cache.
 * The answers are pure functions of the name and their owner (a watch list with its threshold, a finder),
 * so a record keeps the last owner's answer and a different owner recomputes and replaces it.
 */
export class NameFacts {
  readonly name: string;
  folded: string | undefined = undefined;
  personRead = false;
  person: boolean | undefined = undefined;
  watchOwner: object | undefined = undefined;
  watchThreshold = Number.NaN;
  watch: WatchlistHit | undefined = undefined;
  nearOwner: object | undefined = undefined;
  nearMiss: NearMiss | undefined = undefined;
  /**
   * Beneficiary keys `account|folded name` of this name, interned, beside their accounts: a name has
   * one or two accounts, which a scan compares for less than hashing a fresh account for a Map.
   */
  accounts: string[] | undefined = undefined;
  keys: string[] | undefined = undefined;

  constructor(name: string) {
    this.name = name;
  }
}

const MAX = 100_000;
const FACTS = new Map<string, NameFacts>();

/** The record of a name (created empty the first time; the table starts over when it holds `MAX`). */
export function factsOf(name: string): NameFacts {
  let facts = FACTS.get(name);
  if (facts === undefined) {
    if (FACTS.size >= MAX) FACTS.clear();
    facts = new NameFacts(name);
    FACTS.set(name, facts);
  }
  return facts;
}
