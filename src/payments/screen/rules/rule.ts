import type { Payment, VerdictReason } from '../../types.ts';
import type { ScreeningConfig } from '../config.ts';
import type { PaymentFeatures } from '../features.ts';
import type { OriginatorHistory } from '../history.ts';

export interface RuleContext {
  payment: Payment;
  features: PaymentFeatures;
  config: ScreeningConfig;
  /** The originator's history when it has enough payments to judge by. */
  history: OriginatorHistory | undefined;
}

/** A rule adds the reasons it finds to `out`. */
export type Rule = (ctx: RuleContext, out: VerdictReason[]) => void;
