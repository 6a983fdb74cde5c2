import type { Party, VerdictReason } from '../../types.ts';
import type { ScreeningConfig } from '../config.ts';
import { NearMissFinder } from '../text-anomaly.ts';
import { Watchlist } from '../watchlist.ts';
import type { Rule } from './rule.ts';

/** Creditor (and debtor) names and accounts against the watch list. */
export function watchlistRule(config: ScreeningConfig): Rule {
  const list = new Watchlist(config.watchlist);
  // creditor then debtor, one call each: no per-payment array of roles
  return ({ payment, config: c }, out) => {
    const rule = c.rules.watchlist;
    if (!rule.enabled) return;
    matchParty(list, rule, 'creditor', payment.creditor, out);
    matchParty(list, rule, 'debtor', payment.debtor, out);
  };
}

function matchParty(
  list: Watchlist,
  rule: ScreeningConfig['rules']['watchlist'],
  role: 'creditor' | 'debtor',
  party: Party,
  out: VerdictReason[],
): void {
  const byAccount = party.account ? list.matchAccount(party.account.value) : undefined;
  const hit = byAccount ?? (party.name ? list.matchName(party.name, rule.threshold) : undefined);
  if (!hit) return;
  out.push({
    kind: 'watchlist',
    source: hit.entry.source,
    detail:
      hit.by === 'account'
        ? `${role} account ${hit.matched} is listed for ${hit.entry.name}`
        : `${role} name "${party.name}" matches "${hit.matched}" (${(hit.similarity * 100).toFixed(0)} %)`,
    weight: hit.by === 'account' ? rule.accountWeight : rule.weight,
    matched: hit.by === 'account' ? hit.entry.name : hit.matched,
  });
}

/** Misspelt institution words in the creditor's name and the remittance text. */
export function textAnomalyRule(config: ScreeningConfig): Rule {
  const finder = new NearMissFinder(config.dictionary, config.rules.textAnomaly.minLength);
  return ({ payment, config: c }, out) => {
    if (!c.rules.textAnomaly.enabled) return;
    // the first text with a near miss is reported, the creditor name before the remittance
    if (!nearMiss(finder, c, 'creditor name', payment.creditor.name, out, true)) {
      nearMiss(finder, c, 'remittance', payment.remittance, out);
    }
  };
}

function nearMiss(
  finder: NearMissFinder,
  c: ScreeningConfig,
  field: string,
  text: string | undefined,
  out: VerdictReason[],
  isName = false,
): boolean {
  const miss = text ? (isName ? finder.findName(text) : finder.find(text)) : undefined;
  if (!miss) return false;
  out.push({
    kind: 'text-anomaly',
    source: 'dictionary',
    detail: `${field}: "${miss.token}" is ${miss.distance} edit${miss.distance > 1 ? 's' : ''} from "${miss.word}"`,
    weight: c.rules.textAnomaly.weight,
  });
  return true;
}
