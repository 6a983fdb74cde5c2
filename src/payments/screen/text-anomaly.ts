import { BoundedCache } from './bounded-cache.ts';
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
    return this.cache.get(text, () => this.search(text) ?? null) ?? undefined;
  }

  private search(text: string): NearMiss | undefined {
    for (const token of foldName(text).split(' ')) {
      if (token.length < this.minLength || this.words.has(token) || !/^[A-Z]+$/.test(token)) continue;
      const allowed = token.length >= 8 ? 2 : 1;
      for (let length = token.length - allowed; length <= token.length + allowed; length++) {
        for (const word of this.byLength.get(length) ?? []) {
          // plural and similar suffix forms of a known word are spelling, not anomalies
          if (token.startsWith(word) || word.startsWith(token)) continue;
          if (word.charCodeAt(0) !== token.charCodeAt(0)) continue;
          const distance = osaDistance(token, word);
          if (distance <= allowed) return { token, word, distance };
        }
      }
    }
    return undefined;
  }
}
