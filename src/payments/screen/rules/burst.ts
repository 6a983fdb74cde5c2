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
    let keep = 0;
    for (const m of list) if (m > minute - windowMinutes && m <= minute) keep++;
    // drop what no later payment can count (inputs arrive roughly in time order)
    if (list.length > 4 * keep + 16)
      this.recent.set(
        originator,
        list.filter((m) => m > minute - windowMinutes),
      );
    return keep;
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
