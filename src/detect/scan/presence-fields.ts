import type { ComparisonExpression, PatternExpression } from '../../stix/index.ts';
import {
  anchorPlan,
  type IndicatorInput,
  type IndicatorMatcher,
  KIND_MULTI,
  KIND_PURE,
  KIND_RESIDUAL,
} from '../matcher/index.ts';
import { compilePattern } from '../pattern/index.ts';
import { producedProperties } from './build-observation.ts';
import type { Mapping } from './mapping.ts';
import { parseTarget } from './targets.ts';

/**
 * The mapped field names (each under each of its format's prefixes) whose presence in an event the
 * byte prefilter must treat as a reason to keep the line, because the value filter cannot decide the
 * indicators that read them; undefined when some indicator can be true on an event the prefilter has
 * no way to pick out, which turns the prefilter off. An empty list: the value filter decides all.
 *
 * The rule, from the evaluator (compile-comparison.ts, path.ts): every comparison and every EXISTS
 * is true of an observation only through an object of its type that owns its first property
 * (`Object.hasOwn` before any test; a missing property fails `NOT =`, `!=`, `NOT LIKE` … as well,
 * and STIX has no NOT EXISTS nor a negation over observations). So a pattern can be true only if
 * some (type, first property) it reads is in the observation, which `buildObservation` makes only
 * from fields listed by `producedProperties`; and a field yields a value only from a key that is a
 * dotted suffix of its name (field-getter.ts), which the filter tests keys against. Per pattern:
 * - a single-observation pattern no anchor serves (residual): the properties of all its comparisons
 *   (under AND one side would do; the union is a superset, so also safe);
 * - a several-observation pattern the stream router follows: the properties of all its observations
 *   (the router tests each observation on its own, and any one passing makes the event a candidate);
 * - a LIKE / MATCHES anchor, or an exact value on a path whose normal form the filter does not fold
 *   to (`other`: MAC, AS numbers …): the anchor's property (every match hits one of its anchors).
 * A comparison whose path does not start with a property name cannot be placed: prefilter off.
 */
export function presenceFields(
  matcher: IndicatorMatcher,
  indicators: readonly IndicatorInput[],
  mapping: Mapping,
): string[] | undefined {
  const wanted = new Set<string>();
  const { kinds, compiled } = matcher;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    if (kind !== KIND_RESIDUAL && kind !== KIND_MULTI) continue;
    const c = compiled[i];
    if (c === undefined) continue;
    // a several-observation pattern with anchors on every observation is followed through them
    if (kind === KIND_MULTI && anchorPlan(c.pattern.expression, true).anchors !== null) continue;
    if (!expressionReads(c.pattern.expression, wanted)) return undefined;
  }
  if (matcher.hasRegex && !regexReads(matcher, indicators, wanted)) return undefined;
  const classes = matcher.pathFoldClasses;
  const keys = matcher.pathKeys;
  for (let p = 0; p < keys.length; p++) {
    if (classes[p] !== 'other') continue;
    const read = keyProperty(keys[p]!);
    if (read === undefined) return undefined;
    wanted.add(read);
  }
  if (wanted.size === 0) return [];
  const names = new Set<string>();
  for (const format of mapping.formats) {
    for (const [name, spec] of Object.entries(format.fields)) {
      const target = parseTarget(spec);
      // a field with no target is never mapped: it puts nothing in the observation
      if (target === undefined || !producedProperties(target).some((p) => wanted.has(p))) continue;
      for (const prefix of format.prefixes ?? ['']) names.add(prefix + name);
    }
  }
  return [...names];
}

/** Adds what every observation of `e` reads; false when one comparison cannot be placed. */
function expressionReads(e: PatternExpression, into: Set<string>): boolean {
  switch (e.kind) {
    case 'observation':
      return comparisonReads(e.comparison, into);
    case 'qualified':
      return expressionReads(e.expression, into);
    default:
      return expressionReads(e.left, into) && expressionReads(e.right, into);
  }
}

function comparisonReads(c: ComparisonExpression, into: Set<string>): boolean {
  if (c.kind === 'and' || c.kind === 'or')
    return comparisonReads(c.left, into) && comparisonReads(c.right, into);
  const first = c.path.steps[0];
  if (first?.kind !== 'key') return false;
  into.add(`${c.path.objectType}:${first.name}`);
  return true;
}

/**
 * The properties of the LIKE / MATCHES anchors. Pure patterns keep no compiled form, so the texts
 * that can hold such an operator are parsed again (one test of the text per indicator, most fail it).
 */
function regexReads(
  matcher: IndicatorMatcher,
  indicators: readonly IndicatorInput[],
  into: Set<string>,
): boolean {
  const { kinds, compiled } = matcher;
  for (let i = 0; i < kinds.length; i++) {
    const text = indicators[i]!.pattern;
    const c =
      compiled[i] ?? (kinds[i] === KIND_PURE && REGEX_OPERATOR.test(text) ? compilePattern(text) : undefined);
    if (c === undefined) continue;
    const anchors = anchorPlan(c.pattern.expression, kinds[i] === KIND_MULTI).anchors;
    for (const a of anchors ?? []) {
      if (a.kind !== 'regex') continue;
      if (!comparisonReads({ kind: 'exists', path: a.path, start: 0, end: 0 }, into)) return false;
    }
  }
  return true;
}

const REGEX_OPERATOR = /LIKE|MATCHES/i;

/** `mac-addr:value` → `mac-addr:value`; `file:hashes.'SHA-256'` → `file:hashes` (undefined if no property leads). */
function keyProperty(key: string): string | undefined {
  const m = /^([^:]+):([A-Za-z0-9_-]+)/.exec(key);
  return m === null ? undefined : `${m[1]}:${m[2]}`;
}
