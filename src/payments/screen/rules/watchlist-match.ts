import type { ScreeningConfig } from '../config.ts';
import { NearMissFinder } from '../text-anomaly.ts';
import { Watchlist } from '../watchlist.ts';
import type { Rule } from './rule.ts';

/** Creditor (and debtor) names and accounts against the watch list. */
export function watchlistRule(config: ScreeningConfig): Rule {
  const list = new Watchlist(config.watchlist);
  return ({ payment, config: c }, out) => {
    const rule = c.rules.watchlist;
    if (!rule.enabled) return;
    for (const [role, party] of [
      ['creditor', payment.creditor],
      ['debtor', payment.debtor],
    ] as const) {
      const byAccount = party.account ? list.matchAccount(party.account.value) : undefined;
      const hit = byAccount ?? (party.name ? list.matchName(party.name, rule.threshold) : undefined);
      if (!hit) continue;
      out.push({
        kind: 'watchlist',
        source: hit.entry.source,
        detail:
          hit.by === 'account'
            ? `${role} account ${hit.matched} is listed for ${hit.entry.name}`
            : `${role} name "${party.name}" matches "${hit.matched}" (${(hit.similarity * 100).toFixed(0)} %)`,
        weight: hit.by === 'account' ? rule.accountWeight : rule.weight,
      });
    }
  };
}

/** Misspelt institution words in the creditor's name and the remittance text. */
export function textAnomalyRule(config: ScreeningConfig): Rule {
  const finder = new NearMissFinder(config.dictionary, config.rules.textAnomaly.minLength);
  return ({ payment, config: c }, out) => {
    if (!c.rules.textAnomaly.enabled) return;
    for (const [field, text] of [
      ['creditor name', payment.creditor.name],
      ['remittance', payment.remittance],
    ] as const) {
      const miss = text ? finder.find(text) : undefined;
      if (!miss) continue;
      out.push({
        kind: 'text-anomaly',
        source: 'dictionary',
        detail: `${field}: "${miss.token}" is ${miss.distance} edit${miss.distance > 1 ? 's' : ''} from "${miss.word}"`,
        weight: c.rules.textAnomaly.weight,
      });
      return;
    }
  };
}
