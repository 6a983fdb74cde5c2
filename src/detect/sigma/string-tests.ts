import type { StringTest } from './glob-matcher.ts';

export function anyOf(tests: readonly StringTest[]): StringTest {
  if (tests.length === 1) return tests[0] as StringTest;
  return (s) => {
    for (let k = 0; k < tests.length; k++) if ((tests[k] as StringTest)(s)) return true;
    return false;
  };
}

export function allOf(tests: readonly StringTest[]): StringTest {
  if (tests.length === 1) return tests[0] as StringTest;
  return (s) => {
    for (let k = 0; k < tests.length; k++) if (!(tests[k] as StringTest)(s)) return false;
    return true;
  };
}

/** A test of one event (by its index in the micro-batch). */
export type EventTest = (i: number) => boolean;

export function anyEvent(tests: readonly EventTest[]): EventTest {
  if (tests.length === 1) return tests[0] as EventTest;
  return (i) => {
    for (let k = 0; k < tests.length; k++) if ((tests[k] as EventTest)(i)) return true;
    return false;
  };
}

export function allEvent(tests: readonly EventTest[]): EventTest {
  if (tests.length === 1) return tests[0] as EventTest;
  return (i) => {
    for (let k = 0; k < tests.length; k++) if (!(tests[k] as EventTest)(i)) return false;
    return true;
  };
}
