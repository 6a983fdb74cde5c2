import { compileRules } from './engine.ts';
import { loadSigmaRule } from './load-rule.ts';
import type { SigmaEvent, SigmaRule } from './types.ts';
import { type GlobToken, ONE, STAR } from './wildcard.ts';

/** A rule from the body of its `detection` map (indented by four spaces), for tests. */
export function ruleWith(
  detection: string,
  logsource = 'category: process_creation\n    product: windows',
  title = 'Test rule',
): SigmaRule {
  const text = `title: ${title}\nid: 00000000-0000-4000-8000-000000000001\nlevel: high\nauthor: Tester\nlogsource:\n    ${logsource}\ndetection:\n${detection}\n`;
  return loadSigmaRule(text, 'test.yml');
}

/** The indexes of `events` on which a rule with this detection fires (log source left to the rule). */
export function firesOn(detection: string, events: readonly SigmaEvent[]): number[] {
  const engine = compileRules([ruleWith(detection)]);
  return engine
    .matchBatch(events, { product: 'windows', category: 'process_creation' })
    .map((m) => m.eventIndex);
}

/** Whether a single-clause detection fires on one event. */
export function fires(detection: string, event: SigmaEvent): boolean {
  return firesOn(detection, [event]).length === 1;
}

/** Reference: backtracking over tokens, no shortcuts. */
export function naiveGlob(tokens: readonly GlobToken[], s: string): boolean {
  const go = (t: number, i: number): boolean => {
    if (t === tokens.length) return i === s.length;
    const tok = tokens[t] as GlobToken;
    if (tok === STAR) {
      for (let j = i; j <= s.length; j++) if (go(t + 1, j)) return true;
      return false;
    }
    if (tok === ONE) return i < s.length && go(t + 1, i + 1);
    return s.startsWith(tok, i) && go(t + 1, i + tok.length);
  };
  return go(0, 0);
}
