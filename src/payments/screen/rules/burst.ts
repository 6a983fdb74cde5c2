import type { PaymentFeatures } from '../features.ts';
import type { OriginatorHistory } from '../history.ts';
import type { Rule } from './rule.ts';

/** Release minutes of each originator's recent large payments: the only state screening keeps between calls. */
export class BurstTracker {
  private readonly recent = new Map<string, number[]>();

  /** Records a large payment and returns how many fell within the window ending at it. */
  record(originator: string, minute: number, windowMinutes: number): number {
    let list = this.recent.get(originator);
    if (!list) {
      list = [];
      this.recent.set(originator, list);
    }
    list.push(minute);
    const from = minute - windowMinutes;
    // Drop, in place, what no later payment can count (inputs arrive roughly in time order), so a list
    // holds one window's payments, not an originator's whole past.
    if ((list[0] as number) <= from) {
      let kept = 0;
      for (let i = 0; i < list.length; i++) if ((list[i] as number) > from) list[kept++] = list[i] as number;
      list.length = kept;
    }
    let count = 0;
    for (let i = 0; i < list.length; i++) if ((list[i] as number) <= minute) count++;
    return count;
  }
}

export function isLarge(f: PaymentFeatures, history: OriginatorHistory | undefined, factor: number): boolean {
  const series = history?.currencies.get(f.currency);
  if (!series || series.count === 0) return true;
  return f.logAmount >= series.summary().median + Math.log10(factor);
}

/** Many large payments from one originator within minutes: the shape of a heist run. */
export function burstRule(tracker: BurstTracker): Rule {
  return ({ features: f, config, history }, out) => {
    const rule = config.rules.burst;
    if (!rule.enabled || f.releaseMinute === undefined || !isLarge(f, history, rule.largeFactor)) return;
    const count = tracker.record(f.originator, f.releaseMinute, rule.windowMinutes);
    if (count < rule.minCount) return;
    out.push({
      kind: 'burst',
      source: 'window',
      detail: `${count} large payments from this originator within ${rule.windowMinutes} minutes`,
      weight: rule.weight,
    });
  };
}
