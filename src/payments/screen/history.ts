import { BulwarkError } from '../../errors/index.ts';
import type { PaymentFeatures } from './features.ts';
import { type RobustSummary, summarise } from './robust-stats.ts';

/** log10 amounts of one corridor (or of one currency, all corridors), grown by doubling. */
class AmountSeries {
  values = new Float64Array(8);
  count = 0;
  private cached: RobustSummary | undefined;

  push(value: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = value;
    this.cached = undefined;
  }

  summary(): RobustSummary {
    this.cached ??= summarise(this.values, this.count);
    return this.cached;
  }
}

/** What one originator has done before. */
export class OriginatorHistory {
  payments = 0;
  persons = 0;
  institutions = 0;
  readonly beneficiaries = new Set<string>();
  readonly banks = new Set<string>();
  readonly countries = new Set<string>();
  readonly corridors = new Map<string, AmountSeries>();
  readonly currencies = new Map<string, AmountSeries>();

  learn(f: PaymentFeatures): void {
    this.payments++;
    if (f.creditorIsPerson === true) this.persons++;
    else if (f.creditorIsPerson === false) this.institutions++;
    this.beneficiaries.add(f.beneficiary);
    if (f.beneficiaryBank) this.banks.add(f.beneficiaryBank);
    if (f.beneficiaryCountry) this.countries.add(f.beneficiaryCountry);
    series(this.corridors, f.corridor).push(f.logAmount);
    series(this.currencies, f.currency).push(f.logAmount);
  }
}

function series(map: Map<string, AmountSeries>, key: string): AmountSeries {
  let s = map.get(key);
  if (!s) {
    s = new AmountSeries();
    map.set(key, s);
  }
  return s;
}

interface SerialisedOriginator {
  payments: number;
  persons: number;
  institutions: number;
  beneficiaries: string[];
  banks: string[];
  countries: string[];
  corridors: Record<string, number[]>;
  currencies: Record<string, number[]>;
}

export interface SerialisedHistory {
  version: 1;
  originators: Record<string, SerialisedOriginator>;
}

/** Per-originator, per-corridor history learned from past payments; serialisable to JSON. */
export class PaymentHistory {
  readonly originators = new Map<string, OriginatorHistory>();

  get(originator: string): OriginatorHistory | undefined {
    return this.originators.get(originator);
  }

  learn(f: PaymentFeatures): void {
    let h = this.originators.get(f.originator);
    if (!h) {
      h = new OriginatorHistory();
      this.originators.set(f.originator, h);
    }
    h.learn(f);
  }

  toJSON(): SerialisedHistory {
    const originators: Record<string, SerialisedOriginator> = {};
    for (const [key, h] of this.originators) {
      const dump = (m: Map<string, AmountSeries>) =>
        Object.fromEntries([...m].map(([k, s]) => [k, Array.from(s.values.subarray(0, s.count))]));
      originators[key] = {
        payments: h.payments,
        persons: h.persons,
        institutions: h.institutions,
        beneficiaries: [...h.beneficiaries],
        banks: [...h.banks],
        countries: [...h.countries],
        corridors: dump(h.corridors),
        currencies: dump(h.currencies),
      };
    }
    return { version: 1, originators };
  }

  static fromJSON(value: unknown, source = 'history'): PaymentHistory {
    const data = value as Partial<SerialisedHistory> | null;
    if (data?.version !== 1 || typeof data.originators !== 'object' || data.originators === null) {
      throw new BulwarkError('PAYMENT_HISTORY', `${source} is not a serialised payment history (version 1)`, {
        source,
      });
    }
    const history = new PaymentHistory();
    for (const [key, o] of Object.entries(data.originators)) {
      const h = new OriginatorHistory();
      h.payments = o.payments;
      h.persons = o.persons;
      h.institutions = o.institutions;
      for (const b of o.beneficiaries) h.beneficiaries.add(b);
      for (const b of o.banks) h.banks.add(b);
      for (const c of o.countries) h.countries.add(c);
      for (const [k, values] of Object.entries(o.corridors))
        for (const v of values) series(h.corridors, k).push(v);
      for (const [k, values] of Object.entries(o.currencies))
        for (const v of values) series(h.currencies, k).push(v);
      history.originators.set(key, h);
    }
    return history;
  }
}
