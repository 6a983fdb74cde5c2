import type { Column } from './columns.ts';

/**
 * A test of a field's text; `i` is the event's index in the micro-batch for literal prefilters, or -1
 * when the text is not the column's own (an element of a list), so no prefilter applies.
 */
export type StringTest = (s: string, i: number) => boolean;

export function anyOf(tests: readonly StringTest[]): StringTest {
  if (tests.length === 1) return tests[0] as StringTest;
  return (s, i) => {
    for (let k = 0; k < tests.length; k++) if ((tests[k] as StringTest)(s, i)) return true;
    return false;
  };
}

export function allOf(tests: readonly StringTest[]): StringTest {
  if (tests.length === 1) return tests[0] as StringTest;
  return (s, i) => {
    for (let k = 0; k < tests.length; k++) if (!(tests[k] as StringTest)(s, i)) return false;
    return true;
  };
}

/** A test of one event (by its index in the micro-batch). */
export type EventTest = (i: number) => boolean;

/**
 * A literal the column's scan must have found (0: anywhere, 1: at the start, 2: at the end) for a
 * test to hold. A test's anchors are a necessary condition: it holds only if one of them is set, so
 * the engine evaluates a rule only on the events where one of its anchors is set.
 */
export interface Anchor {
  readonly column: Column;
  readonly kind: 0 | 1 | 2;
  readonly id: number;
}

const ANCHORS = new WeakMap<EventTest, readonly Anchor[]>();

export function withAnchors(test: EventTest, anchors: readonly Anchor[] | undefined): EventTest {
  if (anchors !== undefined && anchors.length > 0) ANCHORS.set(test, anchors);
  return test;
}

/** The test's anchors, or undefined when nothing short of evaluating it says whether it holds. */
export function anchorsOf(test: EventTest): readonly Anchor[] | undefined {
  return ANCHORS.get(test);
}

/** Under OR every part must be anchored, and any part's anchor may be the one. */
export function unionAnchors(tests: readonly EventTest[]): readonly Anchor[] | undefined {
  const out: Anchor[] = [];
  for (const t of tests) {
    const a = ANCHORS.get(t);
    if (a === undefined) return undefined;
    out.push(...a);
  }
  return out;
}

/** Under AND any part's anchors are necessary: the fewest. */
function fewestAnchors(tests: readonly EventTest[]): readonly Anchor[] | undefined {
  let best: readonly Anchor[] | undefined;
  for (const t of tests) {
    const a = ANCHORS.get(t);
    if (a !== undefined && (best === undefined || a.length < best.length)) best = a;
  }
  return best;
}

/**
 * Estimated cost of a test, so that AND and OR evaluate their cheaper parts first (Sigma logic has no
 * side effects, so the order is free): a bit test or hash look-up is 1, a substring search more.
 */
const COSTS = new WeakMap<EventTest, number>();

export function withCost(test: EventTest, cost: number): EventTest {
  COSTS.set(test, cost);
  return test;
}

export function costOf(test: EventTest): number {
  return COSTS.get(test) ?? 1;
}

function cheapestFirst(tests: readonly EventTest[]): EventTest[] {
  return [...tests].sort((a, b) => costOf(a) - costOf(b));
}

function totalCost(tests: readonly EventTest[]): number {
  return tests.reduce((sum, t) => sum + costOf(t), 0);
}

export function anyEvent(unordered: readonly EventTest[]): EventTest {
  const tests = cheapestFirst(unordered);
  if (tests.length === 1) return tests[0] as EventTest;
  const test = withCost((i) => {
    for (let k = 0; k < tests.length; k++) if ((tests[k] as EventTest)(i)) return true;
    return false;
  }, totalCost(tests));
  return withAnchors(test, unionAnchors(tests));
}

export function allEvent(unordered: readonly EventTest[]): EventTest {
  const tests = cheapestFirst(unordered);
  if (tests.length === 1) return tests[0] as EventTest;
  const test = withCost((i) => {
    for (let k = 0; k < tests.length; k++) if (!(tests[k] as EventTest)(i)) return false;
    return true;
  }, totalCost(tests));
  return withAnchors(test, fewestAnchors(tests));
}
