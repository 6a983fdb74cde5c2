import { BulwarkError } from '../../errors/index.ts';
import { loadSigmaRules, loadSigmaText, type SigmaCorrelation, type SigmaRule } from '../sigma/index.ts';

/** A Sigma rule shared as a STIX indicator (`pattern_type: sigma`): its id and its YAML (the pattern). */
export interface SharedRule {
  readonly id: string;
  readonly text: string;
}

/**
 * Where a scan's Sigma rules come from: a directory (`--rules DIR`) and rules shared as indicators
 * (a bundle, the local store, a hub). Plain data, so scanning threads are handed it and load the same rules.
 */
export interface RuleSources {
  readonly dir?: string;
  readonly shared?: readonly SharedRule[];
}

export interface LoadedRules {
  readonly rules: SigmaRule[];
  readonly correlations: SigmaCorrelation[];
  /** Rules that did not load, each naming its file or, for a shared rule, its indicator's id. */
  readonly errors: BulwarkError[];
  /** Rules and correlations loaded from shared indicators, with the indicator's id (the id their sightings refer to). */
  readonly shared: Map<SigmaRule | SigmaCorrelation, string>;
}

/** Loads the directory's rules (in path order), then each shared rule (in the order given). */
export function loadRuleSources(sources: RuleSources | undefined): LoadedRules {
  const out: LoadedRules = { rules: [], correlations: [], errors: [], shared: new Map() };
  if (sources?.dir !== undefined) {
    const dir = loadSigmaRules(sources.dir);
    out.rules.push(...dir.rules);
    out.correlations.push(...dir.correlations);
    out.errors.push(...dir.errors);
  }
  for (const { id, text } of sources?.shared ?? []) {
    // the indicator's id is the rule's source, so a fault names the indicator to mend
    const loaded = loadSigmaText(text, id);
    if (loaded.rules.length + loaded.correlations.length + loaded.errors.length === 0)
      out.errors.push(
        new BulwarkError('SIGMA_INVALID', 'the indicator holds no Sigma rule', {
          source: id,
          path: 'pattern',
          hint: "Give a Sigma rule's YAML as the pattern of a pattern_type sigma indicator",
        }),
      );
    for (const rule of [...loaded.rules, ...loaded.correlations]) out.shared.set(rule, id);
    out.rules.push(...loaded.rules);
    out.correlations.push(...loaded.correlations);
    out.errors.push(...loaded.errors);
  }
  return out;
}
