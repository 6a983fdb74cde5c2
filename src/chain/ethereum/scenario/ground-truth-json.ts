/** The scenario's ground truth as a JSON document (amounts as decimal strings, as `trace --json` has them). */
import type { HeistScenario } from './heist-types.ts';

export function groundTruthJson(s: HeistScenario): string {
  return `${JSON.stringify(s, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 1)}\n`;
}
