import type { Rule } from './rule.ts';

/** Beneficiary, beneficiary bank and beneficiary country never seen from this originator. */
export const novelty: Rule = ({ features: f, config, history }, out) => {
  if (!history) return;
  const r = config.rules;
  if (r.newBeneficiary.enabled && !history.beneficiaries.has(f.beneficiary)) {
    out.push({
      kind: 'new-beneficiary',
      source: 'history',
      detail: `never paid before by this originator (${history.beneficiaries.size} known beneficiaries)`,
      weight: r.newBeneficiary.weight,
    });
  }
  if (r.newBeneficiaryBank.enabled && f.beneficiaryBank && !history.banks.has(f.beneficiaryBank)) {
    out.push({
      kind: 'new-beneficiary-bank',
      source: 'history',
      detail: `beneficiary bank ${f.beneficiaryBank} never used by this originator`,
      weight: r.newBeneficiaryBank.weight,
    });
  }
  if (
    r.newBeneficiaryCountry.enabled &&
    f.beneficiaryCountry &&
    !history.countries.has(f.beneficiaryCountry)
  ) {
    out.push({
      kind: 'new-beneficiary-country',
      source: 'history',
      detail: `beneficiary country ${f.beneficiaryCountry} never paid to (known: ${[...history.countries].join(', ')})`,
      weight: r.newBeneficiaryCountry.weight,
    });
  }
};
