import { BulwarkError } from '../../errors/index.ts';
import { type ColumnSource, compileClause } from './clause.ts';

export type { ColumnSource } from './clause.ts';

import type { Column } from './columns.ts';
import { type Condition, checkReferences, identifiersOf, parseCondition } from './condition.ts';
import {
  type Anchor,
  allEvent,
  anchorsOf,
  anyEvent,
  costOf,
  type EventTest,
  unionAnchors,
  withAnchors,
  withCost,
} from './string-tests.ts';
import type { Search, SigmaRule } from './types.ts';

/** A rule as closures over shared columns; `columns` lists what must be filled before `test` runs. */
export interface CompiledRule {
  readonly rule: SigmaRule;
  readonly test: EventTest;
  readonly columns: readonly Column[];
  /** Literals one of which every event the rule fires on holds; undefined: the rule sees every event. */
  readonly anchors: readonly Anchor[] | undefined;
}

/** Compiles a rule once; throws a SIGMA_INVALID BulwarkError if any part cannot be compiled. */
export function compileRule(rule: SigmaRule, src: ColumnSource): CompiledRule {
  const used = new Set<Column>();
  const tracking: ColumnSource = {
    placeholders: src.placeholders,
    column: (f) => track(used, src.column(f)),
    keywords: () => track(used, src.keywords()),
  };
  const searches = new Map<string, EventTest>();
  for (const [name, search] of rule.searches) {
    searches.set(
      name,
      at(`detection.${name}`, () => compileSearch(search, tracking)),
    );
  }
  const names = [...rule.searches.keys()];
  const conditions = rule.conditions.map((text, k) =>
    at(rule.conditions.length > 1 ? `detection.condition[${k}]` : 'detection.condition', () => {
      const c = parseCondition(text);
      checkReferences(c, names, text);
      return compileCondition(c, searches, names);
    }),
  );
  const test = anyEvent(conditions);
  return { rule, test, columns: [...used], anchors: anchorsOf(test) };
}

/** Runs `f`, giving a BulwarkError it throws the rule path it concerns. */
function at<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof BulwarkError) || e.place.path !== undefined) throw e;
    throw new BulwarkError('SIGMA_INVALID', e.message, {
      ...e.place,
      path,
      ...(e.rule ? { rule: e.rule } : {}),
      ...(e.hint ? { hint: e.hint } : {}),
      ...(e.details ? { details: e.details } : {}),
      cause: e,
    });
  }
}

function track(used: Set<Column>, c: Column): Column {
  used.add(c);
  return c;
}

function compileSearch(search: Search, src: ColumnSource): EventTest {
  if (search.kind === 'keywords') return compileClause(search.clause, src);
  return anyEvent(search.alternatives.map((clauses) => allEvent(clauses.map((c) => compileClause(c, src)))));
}

function compileCondition(
  c: Condition,
  searches: ReadonlyMap<string, EventTest>,
  names: readonly string[],
): EventTest {
  switch (c.t) {
    case 'id':
      return searches.get(c.name) as EventTest;
    case 'not': {
      const e = compileCondition(c.e, searches, names);
      return withCost((i) => !e(i), costOf(e));
    }
    case 'and': {
      return allEvent([compileCondition(c.l, searches, names), compileCondition(c.r, searches, names)]);
    }
    case 'or': {
      return anyEvent([compileCondition(c.l, searches, names), compileCondition(c.r, searches, names)]);
    }
    case 'of': {
      const tests = identifiersOf(c.pattern, names).map((n) => searches.get(n) as EventTest);
      if (c.quantity === 'all') return allEvent(tests);
      if (c.quantity === 1) return anyEvent(tests);
      const need = c.quantity;
      const cost = tests.reduce((sum, t) => sum + costOf(t), 0);
      const some = withCost((i) => {
        let n = 0;
        for (const t of tests) if (t(i) && ++n >= need) return true;
        return false;
      }, cost);
      return withAnchors(some, unionAnchors(tests));
    }
  }
}
