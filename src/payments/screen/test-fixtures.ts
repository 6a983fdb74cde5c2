import { formatMinorUnits } from '../currency.ts';
import type { Payment } from '../types.ts';
import { defaultConfig, type ScreeningConfig } from './config.ts';
import { createScreener, type Screener } from './screener.ts';

/** A payment of a Bangladeshi originator to a Singapore supplier, to vary field by field (tests only). */
export function payment(
  overrides: Partial<Payment> & { usd?: number; creditorName?: string; bank?: string } = {},
): Payment {
  const { usd = 100_000, creditorName = 'ORIENT TRADING PTE LTD', bank = 'SUPLSGSGXXX', ...rest } = overrides;
  const minor = BigInt(Math.round(usd * 100));
  return {
    format: 'mt103',
    reference: 'REF',
    valueDate: '2016-01-12',
    createdAt: '2016-01-12T11:00:00',
    amount: { value: formatMinorUnits(minor, 'USD'), currency: 'USD', minor },
    senderBic: 'ORIGBDDHXXX',
    receiverBic: 'CORRUS33XXX',
    debtor: { name: 'HARBOR TEXTILE MILLS LTD', addressLines: [], account: { kind: 'other', value: '111' } },
    creditor: { name: creditorName, addressLines: [], account: { kind: 'other', value: '222' } },
    creditorAgent: bank,
    intermediaries: [],
    source: { index: 0, line: 1 },
    ...rest,
  };
}

/** A screener that has learned 30 ordinary payments (amounts 80–120 k USD, Sunday to Thursday, 11:00). */
export function trainedScreener(config: ScreeningConfig = defaultConfig()): Screener {
  const screener = createScreener(config);
  for (let i = 0; i < 30; i++) {
    screener.learn(payment({ usd: 80_000 + ((i * 7919) % 40_000), createdAt: '2016-01-10T11:00:00' }));
  }
  return screener;
}

export function kinds(screener: Screener, p: Payment): string[] {
  return screener.screen(p).reasons.map((r) => r.kind);
}
