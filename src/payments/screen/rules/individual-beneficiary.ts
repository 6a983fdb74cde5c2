import type { Rule } from './rule.ts';

/** A natural person paid by an originator whose known beneficiaries are institutions. */
export const individualBeneficiary: Rule = ({ features: f, config, history }, out) => {
  const rule = config.rules.individualBeneficiary;
  if (!rule.enabled || !history || f.creditorIsPerson !== true) return;
  const known = history.persons + history.institutions;
  if (known === 0 || history.institutions / known < rule.institutionShare) return;
  out.push({
    kind: 'individual-beneficiary',
    source: 'history',
    detail: `beneficiary is a natural person; ${history.institutions} of ${known} past beneficiaries were institutions`,
    weight: rule.weight,
  });
};
