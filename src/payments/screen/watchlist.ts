import type { WatchlistEntry } from './config.ts';
import { StringMemo } from './key-cache.ts';
import { factsOf } from './name-facts.ts';
import { foldName, isFolded, nameTokens } from './normalise-name.ts';
import { tokenSetSimilarity } from './token-similarity.ts';

export interface WatchlistHit {
  entry: WatchlistEntry;
  matched: string;
  similarity: number;
  by: 'name' | 'account';
}

interface IndexedName {
  entry: WatchlistEntry;
  text: string;
  tokens: string[];
}

/** Watch-list names indexed by the first letter of each token, so a query compares only plausible names. */
export class Watchlist {
  private readonly byLetter = new Map<string, IndexedName[]>();
  private readonly accounts = new Map<string, WatchlistEntry>();
  private readonly normalised = new StringMemo(normaliseAccount);

  constructor(entries: readonly WatchlistEntry[]) {
    for (const entry of entries) {
      for (const text of [entry.name, ...(entry.aliases ?? [])]) {
        const indexed = { entry, text, tokens: nameTokens(text) };
        for (const letter of new Set(indexed.tokens.map((t) => t[0] as string))) {
          const list = this.byLetter.get(letter) ?? [];
          list.push(indexed);
          this.byLetter.set(letter, list);
        }
      }
      for (const account of entry.accounts ?? []) this.accounts.set(normaliseAccount(account), entry);
    }
  }

  matchAccount(account: string): WatchlistHit | undefined {
    // an account of uppercase letters and digits only (the usual case) is its own normal form
    const entry = this.accounts.get(isFolded(account, false) ? account : this.normalised.get(account));
    return entry ? { entry, matched: account, similarity: 1, by: 'account' } : undefined;
  }

  /** The best listed name at or above the threshold, remembered in the name's record. */
  matchName(name: string, threshold: number): WatchlistHit | undefined {
    const facts = factsOf(name);
    if (facts.watchOwner !== this || facts.watchThreshold !== threshold) {
      facts.watch = this.search(name, threshold);
      facts.watchOwner = this;
      facts.watchThreshold = threshold;
    }
    return facts.watch;
  }

  /** The reading `matchName` remembers (public for the test that ties them). */
  search(name: string, threshold: number): WatchlistHit | undefined {
    const tokens = nameTokens(name);
    let best: WatchlistHit | undefined;
    const seen = new Set<IndexedName>();
    for (const letter of new Set(tokens.map((t) => t[0] as string))) {
      for (const candidate of this.byLetter.get(letter) ?? []) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const similarity = tokenSetSimilarity(tokens, candidate.tokens);
        if (similarity >= threshold && (!best || similarity > best.similarity)) {
          best = { entry: candidate.entry, matched: candidate.text, similarity, by: 'name' };
        }
      }
    }
    return best;
  }
}

function normaliseAccount(account: string): string {
  return foldName(account).replace(/ /g, '');
}
