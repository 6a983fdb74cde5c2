import { robustZ } from '../robust-stats.ts';
import type { Rule } from './rule.ts';

// a tenth of a decade: amounts within ±26 % of a perfectly regular median are never outliers
const LOG_FLOOR = 0.1;

/** Amount far from the originator's usual amounts in the corridor, or in the currency when the corridor is new. */
export const amountOutlier: Rule = ({ features: f, config, history, payment }, out) => {
  const rule = config.rules.amountOutlier;
  if (!rule.enabled || !history) return;
  const corridor = history.corridors.get(f.corridor);
  const scope = corridor && corridor.count >= rule.minSamples ? 'corridor' : 'currency';
  const series = scope === 'corridor' ? corridor : history.currencies.get(f.currency);
  if (!series || series.count < rule.minSamples) return;
  const summary = series.summary();
  const z = robustZ(f.logAmount, summary, LOG_FLOOR);
  if (z < rule.robustZ) return;
  const typical = 10 ** summary.median;
  out.push({
    kind: 'amount-outlier',
    source: `history:${scope === 'corridor' ? f.corridor : f.currency}`,
    detail: `${payment.amount.currency} ${payment.amount.value} is ${z.toFixed(1)} robust deviations from the median ${typical.toFixed(0)} of ${summary.count} payments`,
    weight: rule.weight,
  });
};
