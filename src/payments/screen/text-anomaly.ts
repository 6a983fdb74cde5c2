import { BoundedCache } from './bounded-cache.ts';
import { factsOf } from './name-facts.ts';
import { foldName } from './normalise-name.ts';
import { osaDistance } from './string-metrics.ts';

export interface NearMiss {
  token: string;
  word: string;
  distance: number;
}

/**
 * Tokens one edit (two for long words) away from a dictionary word without being one: the misspellings
 * ("FANDATION" for "FOUNDATION") that a forger makes and a registered institution does not.
 */
export class NearMissFinder {
  private readonly words: ReadonlySet<string>;
  private readonly byLength = new Map<number, string[]>();
  private readonly minLength: number;
  private readonly cache = new BoundedCache<NearMiss | null>();

  constructor(dictionary: readonly string[], minLength: number) {
    this.words = new Set(dictionary);
    this.minLength = minLength;
    for (const word of dictionary) {
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
    }
  }

  find(text: string): NearMiss | undefined {
    // Remittance texts are mostly unique (`INV 85265677`): caching them would only churn the cache.
    if (!mayHoldWord(text, this.minLength)) return undefined;
    const found = this.cache.peek(text);
    if (found !== undefined) return found ?? undefined;
    return this.cache.store(text, this.search(text) ?? null) ?? undefined;
  }

  /** `find` for a party name: names recur, and the answer is kept in the name's record. */
  findName(name: string): NearMiss | undefined {
    if (!mayHoldWord(name, this.minLength)) return undefined;
    const facts = factsOf(name);
    if (facts.nearOwner !== this) {
      facts.nearMiss = this.search(name);
      facts.nearOwner = this;
    }
    return facts.nearMiss;
  }

  /** The reading `find` caches, without cache or pre-check (public for the test that ties them). */
  search(text: string): NearMiss | undefined {
    for (const token of foldName(text).split(' ')) {
      if (token.length < this.minLength || this.words.has(token) || !/^[A-Z]+$/.test(token)) continue;
      const allowed = token.length >= 8 ? 2 : 1;
      for (let length = token.length - allowed; length <= token.length + allowed; length++) {
        for (const word of this.byLength.get(length) ?? []) {
          // the cheapest test first: a word starting with another letter is never compared
          if (word.charCodeAt(0) !== token.charCodeAt(0)) continue;
          // plural and similar suffix forms of a known word are spelling, not anomalies
          if (token.startsWith(word) || word.startsWith(token)) continue;
          const distance = osaDistance(token, word, allowed);
          if (distance <= allowed) return { token, word, distance };
        }
      }
    }
    return undefined;
  }
}

/**
 * False only when `search` can find nothing: the text is ASCII (so folding only uppercases and turns
 * other characters into spaces) and no run of letters and digits is all letters and `minLength` long.
 */
export function mayHoldWord(text: string, minLength: number): boolean {
  let letters = 0;
  let digits = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c >= 128) return true;
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (letter) letters++;
    else if (c >= 48 && c <= 57) digits = true;
    else {
      if (!digits && letters >= minLength) return true;
      letters = 0;
      digits = false;
    }
  }
  return false;
}
