import { cidrContains, parseCidr } from './cidr.ts';
import { type Column, scalarText } from './columns.ts';
import { compileGlob, type StringTest } from './glob-matcher.ts';
import { type ModifierPlan, planModifiers } from './modifiers.ts';
import { expandPlaceholders } from './placeholders.ts';
import { compileSigmaRegex } from './regex.ts';
import { sigmaError } from './sigma-error.ts';
import { allEvent, allOf, anyEvent, anyOf, type EventTest } from './string-tests.ts';
import type { FieldClause } from './types.ts';
import { applyTransform, type Stage, stageTokens } from './value-transform.ts';
import { lowerTokens, parseSigmaString, wrapStars } from './wildcard.ts';

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
  if (plan.kind === 'exists') return existsTest(clause, col);
  const nulls = clause.values.some((v) => v === null);
  const values = clause.values.filter((v): v is string | number | boolean => v !== null);
  const parts: EventTest[] = [];
  if (values.length > 0) parts.push(valuesTest(values, plan, col, keyword, src));
  if (nulls) parts.push((i) => col.raw[i] === null || col.raw[i] === undefined);
  const test = plan.all ? allEvent(parts) : anyEvent(parts);
  return plan.neq ? (i) => !test(i) : test;
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
  const tests = values.map((v) => valueTest(v, plan, keyword, src));
  const combined = plan.all ? allOf(tests) : anyOf(tests);
  const insensitive = plan.kind === 'glob' && !plan.cased;
  if (insensitive) col.needLow = true;
  const text = insensitive ? col.low : col.str;
  return (i) => {
    const s = text[i];
    if (s !== undefined) return combined(s);
    return anyElement(col.raw[i], combined, insensitive);
  };
}

/** Lists in the event (and keyword leaves): one element that passes is enough. */
function anyElement(raw: unknown, test: StringTest, lower: boolean): boolean {
  if (!Array.isArray(raw)) return false;
  for (const el of raw) {
    const s = scalarText(el);
    if (s !== undefined && test(lower ? s.toLowerCase() : s)) return true;
  }
  return false;
}

function valueTest(
  v: string | number | boolean,
  plan: ModifierPlan,
  keyword: boolean,
  src: ColumnSource,
): StringTest {
  const text = String(v);
  switch (plan.kind) {
    case 're': {
      const re = compileSigmaRegex(text, plan.reFlags);
      return (s) => re.test(s);
    }
    case 'cidr': {
      const range = parseCidr(text);
      return (s) => cidrContains(range, s);
    }
    case 'compare':
      return compareTest(v, plan);
    default:
      return globTest(v, plan, keyword, src);
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
): StringTest {
  const raws = typeof v === 'string' && plan.expand ? expandPlaceholders(v, src.placeholders) : [v];
  const tests: StringTest[] = [];
  for (const raw of raws) {
    let stages: Stage[] = [typeof raw === 'string' ? parseSigmaString(raw) : [String(raw)]];
    for (const t of plan.transforms) stages = stages.flatMap((s) => applyTransform(t, s));
    for (const stage of stages) {
      const pos = plan.position === 'exact' && keyword ? 'contains' : plan.position;
      let tokens = wrapStars(
        stageTokens(stage),
        pos === 'contains' || pos === 'endswith',
        pos !== 'exact' && pos !== 'endswith',
      );
      if (!plan.cased) tokens = lowerTokens(tokens);
      tests.push(compileGlob(tokens));
    }
  }
  return anyOf(tests);
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
