import { readFileSync } from 'node:fs';
import { v5 } from 'uuid';
import type { SigmaRule } from '../sigma/index.ts';

/** Namespace of the ids Bulwark gives Sigma rules as indicators: one rule id, one indicator id, everywhere. */
export const SIGMA_INDICATOR_NAMESPACE = '5b0f3c8e-2d7a-4e61-9c4b-8f1a6d2e7b30';

/** What the indicator of a Sigma rule or correlation rule is made of. */
export type SigmaRuleLike = Pick<SigmaRule, 'title' | 'id' | 'source'> & { readonly description?: string };

/**
 * The STIX indicator of a Sigma rule or correlation rule (`pattern_type: sigma`, the rule file's YAML
 * as the pattern).
 */
export function sigmaIndicator(
  rule: SigmaRuleLike,
  now: string,
): Record<string, unknown> & { type: string; id: string } {
  let pattern = rule.title;
  try {
    if (rule.source !== undefined) pattern = readFileSync(rule.source, 'utf8');
  } catch {
    // a rule loaded from text keeps its title as the pattern
  }
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${v5(rule.id ?? rule.title, SIGMA_INDICATOR_NAMESPACE)}`,
    created: now,
    modified: now,
    name: rule.title,
    ...(rule.description ? { description: rule.description } : {}),
    indicator_types: ['malicious-activity'],
    pattern,
    pattern_type: 'sigma',
    valid_from: now,
  };
}
