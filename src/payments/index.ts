/** Public surface of payments/: MT103 and ISO 20022 parsing, formatting and payment screening. */
export { bicCountry, isBic, isIban } from './bic.ts';
export { currencyDecimals, formatMinorUnits, toMinorUnits } from './currency.ts';
export { generateTraffic, type LabelledPayment, type TrafficOptions } from './generate/generate-traffic.ts';
export { formatPacs008 } from './iso20022/format-pacs.ts';
export { parsePacs } from './iso20022/parse-pacs.ts';
export { formatMt103 } from './mt103/format-mt103.ts';
export { parseMt103 } from './mt103/parse-mt103.ts';
export { type ParseOptions, type ParseResult, parseMessage, parsePayments } from './parse-payments.ts';
export { RjeSplitter, splitRje } from './rje-splitter.ts';
export { defaultConfig, loadConfig, type ScreeningConfig, type WatchlistEntry } from './screen/config.ts';
export { PaymentHistory, type SerialisedHistory } from './screen/history.ts';
export { createScreener, riskOf, type Screener } from './screen/screener.ts';
export type {
  Account,
  Agent,
  Money,
  Party,
  Payment,
  PaymentFormat,
  PaymentVerdict,
  RiskLevel,
  SourceLocation,
  VerdictReason,
} from './types.ts';
