import { cidrContains, parseCidr } from './cidr.ts';
import { type Column, scalarText } from './columns.ts';
import { compileGlob } from './glob-matcher.ts';
import { alternationTest, literalSetTest } from './literal-set.ts';
import { type ModifierPlan, planModifiers } from './modifiers.ts';
import { expandPlaceholders } from './placeholders.ts';
import { compileSigmaRegex, requiredLiteral } from './regex.ts';
import { sigmaError } from './sigma-error.ts';
import {
  allEvent,
  allOf,
  anyEvent,
  anyOf,
  type EventTest,
  type StringTest,
  withAnchors,
  withCost,
} from './string-tests.ts';
import type { FieldClause } from './types.ts';
import { applyTransform, type Stage, stageTokens } from './value-transform.ts';
import { type GlobToken, lowerTokens, parseSigmaString, STAR, wrapStars } from './wildcard.ts';

/** Gives the compiler the shared column of a field, so each field is extracted once per batch. */
export interface ColumnSource {
  column(field: string): Column;
  keywords(): Column;
  readonly placeholders: Readonly<Record<string, readonly string[]>> | undefined;
}

/** Compiles one `field|modifiers: values` clause into a test of the event at a batch index. */
export function compileClause(clause: FieldClause, src: ColumnSource): EventTest {
  const plan = planModifiers(clause.modifiers);
  const keyword = clause.field === '';
  const col = keyword ? src.keywords() : src.column(clause.field);
  if (plan.kind === 'exists') return withCost(existsTest(clause, col), 1);
  const nulls = clause.values.some((v) => v === null);
  const values = clause.values.filter((v): v is string | number | boolean => v !== null);
  const parts: EventTest[] = [];
  if (values.length > 0) parts.push(valuesTest(values, plan, col, keyword, src));
  if (nulls) parts.push((i) => col.raw[i] === null || col.raw[i] === undefined);
  const test = plan.all ? allEvent(parts) : anyEvent(parts);
  // a negated clause holds where its literals are absent: it anchors nothing
  return withCost(plan.neq ? (i) => !test(i) : test, clauseCost(plan, values.length, col));
}

/** Rough cost per value: bit tests and hash look-ups are cheap, regular expressions dear. */
function clauseCost(plan: ModifierPlan, values: number, col: Column): number {
  if (plan.kind === 'exists') return 1;
  if (plan.kind === 're') return 12 * values;
  if (plan.kind !== 'glob') return 4 * values;
  if (col.name === '') return 20 * values;
  if (plan.position === 'exact' && !plan.all && plan.transforms.length === 0) return values > 1 ? 2 : 1.5;
  if (plan.position === 'contains' && !plan.cased) return 1 + 0.5 * values;
  return 3 * values;
}

function existsTest(clause: FieldClause, col: Column): EventTest {
  const v = clause.values[0];
  const want = v === true || String(v).toLowerCase() === 'true';
  if (clause.values.length !== 1 || (!want && v !== false && String(v).toLowerCase() !== 'false')) {
    throw sigmaError(`'exists' takes true or false, not ${JSON.stringify(clause.values)}`, {
      rule: 'exists',
    });
  }
  return (i) => (col.raw[i] !== undefined) === want;
}

function valuesTest(
  values: readonly (string | number | boolean)[],
  plan: ModifierPlan,
  col: Column,
  keyword: boolean,
  src: ColumnSource,
): EventTest {
  if (plan.kind === 'fieldref') return fieldrefTest(values, plan, col, src);
  const insensitive = plan.kind === 'glob' && !plan.cased;
  const exact = exactSet(values, plan, keyword);
  const fast = exact ? undefined : literalSetTest(values, plan, col, keyword);
  const alternation = exact || fast ? undefined : alternationTest(values, plan, keyword);
  const one = exact ?? alternation;
  const tests = one ? [one] : values.map((v) => valueTest(v, plan, keyword, src, col));
  const combined = plan.all ? allOf(tests) : anyOf(tests);
  // the bit test needs no lowercased copy of the column (the scan folds case itself)
  if (insensitive && fast === undefined) col.needLow = true;
  const text = insensitive ? col.low : col.str;
  if (fast !== undefined) {
    const bits = fast.test;
    const str = col.str;
    const test: EventTest = (i) =>
      str[i] !== undefined || (!plan.all && Array.isArray(col.raw[i]))
        ? bits(i)
        : anyElement(col.raw[i], combined, insensitive);
    return withAnchors(test, fast.anchors);
  }
  return (i) => {
    const s = text[i];
    if (s !== undefined) return combined(s, i);
    return anyElement(col.raw[i], combined, insensitive);
  };
}

/** Lists in the event (and keyword leaves): one element that passes is enough. */
function anyElement(raw: unknown, test: StringTest, lower: boolean): boolean {
  if (!Array.isArray(raw)) return false;
  for (const el of raw) {
    const s = scalarText(el);
    if (s !== undefined && test(lower ? s.toLowerCase() : s, -1)) return true;
  }
  return false;
}

function valueTest(
  v: string | number | boolean,
  plan: ModifierPlan,
  keyword: boolean,
  src: ColumnSource,
  col: Column,
): StringTest {
  const text = String(v);
  switch (plan.kind) {
    case 're': {
      const re = compileSigmaRegex(text, plan.reFlags);
      const literal = keyword ? undefined : requiredLiteral(text);
      const id = literal === undefined ? -1 : col.scanner.add(literal.toLowerCase());
      if (id < 0) return (s) => re.test(s);
      col.needLow = true;
      return (s, i) => (i < 0 || col.has(i, id)) && re.test(s);
    }
    case 'cidr': {
      const range = parseCidr(text);
      return (s) => cidrContains(range, s);
    }
    case 'compare':
      return compareTest(v, plan);
    default:
      return globTest(v, plan, keyword, src, col);
  }
}

function compareTest(v: string | number | boolean, plan: ModifierPlan): StringTest {
  const n = Number(v);
  if (typeof v === 'boolean' || !Number.isFinite(n)) {
    throw sigmaError(`'${plan.compare}' needs a number, not '${String(v)}'`, { rule: 'modifier' });
  }
  switch (plan.compare) {
    case 'gt':
      return (s) => s.trim() !== '' && Number(s) > n;
    case 'gte':
      return (s) => s.trim() !== '' && Number(s) >= n;
    case 'lt':
      return (s) => s.trim() !== '' && Number(s) < n;
    default:
      return (s) => s.trim() !== '' && Number(s) <= n;
  }
}

function globTest(
  v: string | number | boolean,
  plan: ModifierPlan,
  keyword: boolean,
  src: ColumnSource,
  col: Column,
): StringTest {
  const raws = typeof v === 'string' && plan.expand ? expandPlaceholders(v, src.placeholders) : [v];
  const tests: StringTest[] = [];
  for (const raw of raws) {
    let stages: Stage[] = [typeof raw === 'string' ? parseSigmaString(raw) : [String(raw)]];
    for (const t of plan.transforms) stages = stages.flatMap((s) => applyTransform(t, s));
    for (const stage of stages) {
      const pos = plan.position === 'exact' && keyword ? 'contains' : plan.position;
      const tokens = wrapStars(
        stageTokens(stage),
        pos === 'contains' || pos === 'endswith',
        pos !== 'exact' && pos !== 'endswith',
      );
      if (plan.cased || keyword) tests.push(plain(compileGlob(plan.cased ? tokens : lowerTokens(tokens))));
      else tests.push(prefiltered(lowerTokens(tokens), col));
    }
  }
  return anyOf(tests);
}

/** A list of plain values without wildcards is one hash look-up instead of a comparison each. */
function exactSet(
  values: readonly (string | number | boolean)[],
  plan: ModifierPlan,
  keyword: boolean,
): StringTest | undefined {
  const simple = plan.kind === 'glob' && plan.position === 'exact' && plan.transforms.length === 0;
  if (!simple || plan.all || plan.expand || keyword || values.length < 2) return undefined;
  const set = new Set<string>();
  for (const v of values) {
    const tokens = typeof v === 'string' ? parseSigmaString(v) : [String(v)];
    if (tokens.length > 1 || typeof tokens[0] === 'number') return undefined;
    const text = (tokens[0] as string | undefined) ?? '';
    set.add(plan.cased ? text : text.toLowerCase());
  }
  return (s) => set.has(s);
}

function plain(test: (s: string) => boolean): StringTest {
  return (s) => test(s);
}

/**
 * Every literal of a glob must occur in the text, so the column's one-pass literal scan decides
 * `*literal*` outright and lets other globs skip their full test when their longest literal is absent.
 */
function prefiltered(tokens: readonly GlobToken[], col: Column): StringTest {
  const full = compileGlob(tokens);
  const lits = tokens.filter((t): t is string => typeof t === 'string');
  const longest = lits.reduce((a, b) => (b.length > a.length ? b : a), '');
  const isContains = tokens.length === 3 && tokens[0] === STAR && tokens[2] === STAR;
  // Anchored globs (startswith, endswith, equality) cost no more than a bit test.
  if (!isContains && (tokens[0] !== STAR || tokens[tokens.length - 1] !== STAR)) return plain(full);
  const id = longest.length >= 2 ? col.scanner.add(longest) : -1;
  if (id < 0) return plain(full);
  if (isContains) return (s, i) => (i < 0 ? full(s) : col.has(i, id));
  return (s, i) => (i < 0 || col.has(i, id)) && full(s);
}

function fieldrefTest(
  values: readonly (string | number | boolean)[],
  plan: ModifierPlan,
  col: Column,
  src: ColumnSource,
): EventTest {
  const refs = values.map((v) => src.column(String(v)));
  if (!plan.cased) col.needLow = true;
  for (const r of refs) if (!plan.cased) r.needLow = true;
  const mine = plan.cased ? col.str : col.low;
  const tests = refs.map((ref): EventTest => {
    const theirs = plan.cased ? ref.str : ref.low;
    return (i) => {
      const a = mine[i];
      const b = theirs[i];
      if (a === undefined || b === undefined) return false;
      if (plan.position === 'contains') return a.includes(b);
      if (plan.position === 'startswith') return a.startsWith(b);
      if (plan.position === 'endswith') return a.endsWith(b);
      return a === b;
    };
  });
  return plan.all ? allEvent(tests) : anyEvent(tests);
}
