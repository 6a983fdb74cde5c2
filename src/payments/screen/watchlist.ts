import { BoundedCache } from './bounded-cache.ts';
import type { WatchlistEntry } from './config.ts';
import { StringMemo } from './key-cache.ts';
import { foldName, nameTokens } from './normalise-name.ts';
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
  /** One cache per threshold, keyed by the name itself (no key string built per lookup). */
  private readonly normalised = new StringMemo(normaliseAccount);
  private readonly names = new Map<number, BoundedCache<WatchlistHit | null>>();

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
    const entry = this.accounts.get(this.normalised.get(account));
    return entry ? { entry, matched: account, similarity: 1, by: 'account' } : undefined;
  }

  matchName(name: string, threshold: number): WatchlistHit | undefined {
    let cache = this.names.get(threshold);
    if (!cache) {
      cache = new BoundedCache<WatchlistHit | null>();
      this.names.set(threshold, cache);
    }
    // peek then store: no closure allocated per lookup
    const found = cache.peek(name);
    if (found !== undefined) return found ?? undefined;
    return cache.store(name, this.search(name, threshold) ?? null) ?? undefined;
  }

  private search(name: string, threshold: number): WatchlistHit | undefined {
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
