import type { Payment, PaymentVerdict, RiskLevel, VerdictReason } from '../types.ts';
import { defaultConfig, type ScreeningConfig } from './config.ts';
import { featuresOf } from './features.ts';
import { PaymentHistory } from './history.ts';
import { amountOutlier } from './rules/amount-outlier.ts';
import { BurstTracker, burstRule } from './rules/burst.ts';
import { individualBeneficiary } from './rules/individual-beneficiary.ts';
import { novelty } from './rules/novelty.ts';
import { offHours } from './rules/off-hours.ts';
import type { Rule } from './rules/rule.ts';
import { textAnomalyRule, watchlistRule } from './rules/watchlist-match.ts';

export interface Screener {
  /** Scores a payment. It counts toward burst windows; it is not learned as normal history. */
  screen(payment: Payment): PaymentVerdict;
  /** Adds a payment released as normal to the originator's history. */
  learn(payment: Payment): void;
  readonly history: PaymentHistory;
  readonly config: ScreeningConfig;
}

const ORDER: readonly RiskLevel[] = ['none', 'low', 'medium', 'high', 'severe'];

function byWeight(a: VerdictReason, b: VerdictReason): number {
  return b.weight - a.weight;
}

export function riskOf(score: number, config: ScreeningConfig): RiskLevel {
  const r = config.risk;
  if (score >= r.severe) return 'severe';
  if (score >= r.high) return 'high';
  if (score >= r.medium) return 'medium';
  if (score >= r.low) return 'low';
  return 'none';
}

export function createScreener(
  config: ScreeningConfig = defaultConfig(),
  history = new PaymentHistory(),
): Screener {
  const rules: Rule[] = [
    novelty,
    amountOutlier,
    offHours,
    burstRule(new BurstTracker()),
    individualBeneficiary,
    watchlistRule(config),
    textAnomalyRule(config),
  ];
  return {
    history,
    config,
    screen(payment) {
      const features = featuresOf(payment);
      const known = history.get(features.originator);
      const ctx = {
        payment,
        features,
        config,
        history: known && known.payments >= config.history.minPayments ? known : undefined,
      };
      const reasons: VerdictReason[] = [];
      for (let i = 0; i < rules.length; i++) (rules[i] as Rule)(ctx, reasons);
      // one loop for the total and the watch-list floor, no callbacks (most payments raise no reason)
      let total = 0;
      let listed = false;
      for (let i = 0; i < reasons.length; i++) {
        const r = reasons[i] as VerdictReason;
        total += r.weight;
        if (r.kind === 'watchlist') listed = true;
      }
      const score = Math.min(100, total);
      let risk = riskOf(score, config);
      const floor = config.rules.watchlist.minRisk;
      if (listed && ORDER.indexOf(floor) > ORDER.indexOf(risk)) risk = floor;
      if (reasons.length > 1) reasons.sort(byWeight);
      return { reference: payment.reference, risk, score, reasons };
    },
    learn(payment) {
      history.learn(featuresOf(payment));
    },
  };
}
