/**
 * `bulwark scan`'s Sigma side: rules from `--rules DIR` and rules shared as indicators built into the
 * scanner once, their faults reported with the file (or indicator) and line, and the STIX ids and
 * names their sightings are written under.
 */
import { statSync } from 'node:fs';
import {
  BatchScanner,
  type IndicatorInput,
  type Mapping,
  type RuleSources,
  type SharedRule,
  sigmaIndicator,
} from '../../detect/index.ts';
import { BulwarkError } from '../../errors/index.ts';

type StixObject = Record<string, unknown> & { type: string; id: string };

/** The rule sources of a scan: `--rules DIR` and the shared rules; undefined when there are none. */
export function ruleSources(dir: string | undefined, shared: readonly SharedRule[]): RuleSources | undefined {
  if (dir !== undefined) {
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch (error) {
      throw new BulwarkError('SCAN_INPUT', `Cannot read rules from ${dir}: ${(error as Error).message}`, {
        hint: 'Give a directory of Sigma rule YAML files',
      });
    }
    if (!isDir)
      throw new BulwarkError('SCAN_INPUT', `Cannot read rules from ${dir}: not a directory`, {
        hint: 'Give a directory of Sigma rule YAML files',
      });
  }
  if (dir === undefined && shared.length === 0) return undefined;
  return { ...(dir !== undefined ? { dir } : {}), ...(shared.length > 0 ? { shared } : {}) };
}

/**
 * The scanner of the indicators and rules. Each rule that does not load or compile is reported on
 * stderr with its file (or shared indicator's id), line and rule path, and skipped; the rest run.
 */
export function buildScanner(
  indicators: readonly IndicatorInput[],
  mapping: Mapping,
  rules: RuleSources | undefined,
): BatchScanner {
  const scanner = new BatchScanner(indicators, mapping, rules);
  for (const e of scanner.ruleErrors) process.stderr.write(`rule skipped: ${describe(e)}\n`);
  return scanner;
}

function describe(e: Error): string {
  return e instanceof BulwarkError ? e.describe() : e.message;
}

/** How many rules were skipped and why, for the summary; undefined when none were. */
export function skippedRules(scanner: BatchScanner): string | undefined {
  const total = scanner.ruleErrors.length;
  if (total === 0) return undefined;
  const compile = scanner.sigma?.errors.length ?? 0;
  const correlation = scanner.ruleErrors.filter((e) => (e as BulwarkError).rule === 'correlation').length;
  const parts = [
    [total - compile - correlation, 'did not load'],
    [compile, 'did not compile'],
    [correlation, 'correlations name rules that do not run'],
  ].filter(([n]) => (n as number) > 0);
  return `${total} rules skipped (${parts.map(([n, why]) => `${n} ${why}`).join(', ')})`;
}

export interface RuleIdentities {
  /** STIX id per ordinal: the indicators', then each rule's, then each correlation's. */
  readonly ids: string[];
  /** Name per ordinal, for the table. */
  readonly labels: string[];
  /** Indicators to write before their first sighting: rules from files (shared ones are on their hub already). */
  readonly written: Map<number, StixObject>;
}

/**
 * The ids sightings refer to: a shared rule's is the indicator it came with (so its hub links the
 * sighting), a rule from a file gets an indicator whose id derives from the rule's own id.
 */
export function ruleIdentities(
  scanner: BatchScanner,
  indicators: readonly IndicatorInput[],
  names: readonly string[],
  now: string,
): RuleIdentities {
  const ids = indicators.map((i) => i.id);
  const labels = [...names];
  const written = new Map<number, StixObject>();
  const entries = [
    ...(scanner.sigma?.rules ?? []).map((r) => ({ rule: r, label: `Sigma: ${r.title}` })),
    ...scanner.correlations.map((c) => ({ rule: c, label: `Sigma correlation: ${c.title}` })),
  ];
  for (const { rule, label } of entries) {
    const shared = scanner.sharedRules.get(rule);
    if (shared !== undefined) ids.push(shared);
    else {
      const indicator = sigmaIndicator(rule, now);
      written.set(ids.length, indicator);
      ids.push(indicator.id);
    }
    labels.push(label);
  }
  return { ids, labels, written };
}
