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
  return withCost((i) => {
    for (let k = 0; k < tests.length; k++) if ((tests[k] as EventTest)(i)) return true;
    return false;
  }, totalCost(tests));
}

export function allEvent(unordered: readonly EventTest[]): EventTest {
  const tests = cheapestFirst(unordered);
  if (tests.length === 1) return tests[0] as EventTest;
  return withCost((i) => {
    for (let k = 0; k < tests.length; k++) if (!(tests[k] as EventTest)(i)) return false;
    return true;
  }, totalCost(tests));
}
