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
 * - a single-observation pattern no anchor serves (residual): under OR the fields of both sides,
 *   under AND those of one side (both are necessary: the one with fewer fields);
 * - a several-observation pattern the stream router follows: that for each of its observations
 *   (the router tests each on its own, and any one passing makes the event a candidate);
 * - a LIKE / MATCHES anchor, or an exact value on a path whose normal form the filter does not fold
 *   to (`other`: MAC, AS numbers …): the anchor's property (every match hits one of its anchors).
 * A comparison whose path does not start with a property name cannot be placed: prefilter off.
 */
export function presenceFields(
  matcher: IndicatorMatcher,
  indicators: readonly IndicatorInput[],
  mapping: Mapping,
): string[] | undefined {
  const producers = producersOf(mapping);
  const wanted = new Set<string>();
  const { kinds, compiled } = matcher;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    if (kind !== KIND_RESIDUAL && kind !== KIND_MULTI) continue;
    const c = compiled[i];
    if (c === undefined) continue;
    // a several-observation pattern with anchors on every observation is followed through them
    if (kind === KIND_MULTI && anchorPlan(c.pattern.expression, true).anchors !== null) continue;
    if (!expressionReads(c.pattern.expression, producers, wanted)) return undefined;
  }
  if (matcher.hasRegex && !regexReads(matcher, indicators, producers, wanted)) return undefined;
  const classes = matcher.pathFoldClasses;
  const keys = matcher.pathKeys;
  for (let p = 0; p < keys.length; p++) {
    if (classes[p] !== 'other') continue;
    const read = keyProperty(keys[p]!);
    if (read === undefined) return undefined;
    for (const name of producers.get(read) ?? []) wanted.add(name);
  }
  return [...wanted];
}

/** `type:property` → the field names (under each prefix) whose target produces it. */
function producersOf(mapping: Mapping): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const format of mapping.formats) {
    for (const [name, spec] of Object.entries(format.fields)) {
      const target = parseTarget(spec);
      // a field with no target is never mapped: it puts nothing in the observation
      if (target === undefined) continue;
      for (const property of producedProperties(target)) {
        const names = out.get(property) ?? new Set<string>();
        out.set(property, names);
        for (const prefix of format.prefixes ?? ['']) names.add(prefix + name);
      }
    }
  }
  return out;
}

type Producers = ReadonlyMap<string, ReadonlySet<string>>;

/** Adds fields for every observation of `e`; false when one comparison cannot be placed. */
function expressionReads(e: PatternExpression, producers: Producers, into: Set<string>): boolean {
  switch (e.kind) {
    case 'observation': {
      const fields = comparisonReads(e.comparison, producers);
      if (fields === undefined) return false;
      for (const f of fields) into.add(f);
      return true;
    }
    case 'qualified':
      return expressionReads(e.expression, producers, into);
    default:
      return expressionReads(e.left, producers, into) && expressionReads(e.right, producers, into);
  }
}

/** Fields one of which a true `c` needs present (a property nothing produces: none, it is never true). */
function comparisonReads(c: ComparisonExpression, producers: Producers): ReadonlySet<string> | undefined {
  if (c.kind === 'and' || c.kind === 'or') {
    const left = comparisonReads(c.left, producers);
    const right = comparisonReads(c.right, producers);
    if (left === undefined || right === undefined) return undefined;
    if (c.kind === 'and') return right.size < left.size ? right : left;
    return new Set([...left, ...right]);
  }
  const first = c.path.steps[0];
  if (first?.kind !== 'key') return undefined;
  return producers.get(`${c.path.objectType}:${first.name}`) ?? NONE;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The fields of the LIKE / MATCHES anchors. Pure patterns keep no compiled form, so the texts that
 * can hold such an operator are parsed again (one test of the text per indicator, most fail it).
 */
function regexReads(
  matcher: IndicatorMatcher,
  indicators: readonly IndicatorInput[],
  producers: Producers,
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
      const fields = comparisonReads({ kind: 'exists', path: a.path, start: 0, end: 0 }, producers);
      if (fields === undefined) return false;
      for (const f of fields) into.add(f);
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
