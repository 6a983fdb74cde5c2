import type { ObjectPath, PathStep } from '../../stix/index.ts';
import type { ObservedObjects } from './observation.ts';
import type { ValueTest } from './value-test.ts';

/** Does any value the path reaches from `value` pass the test? `[*]` fans out; `_ref(s)` follow the object map. */
export type Visit = (value: unknown, objects: ObservedObjects) => boolean;

/**
 * Compiles the path after the object type into a chain of closures built once; walking it allocates
 * nothing. A value that is a list only matches through an index step, never as a whole.
 */
export function compilePath(path: ObjectPath, test: ValueTest | 'exists'): Visit {
  let visit: Visit =
    test === 'exists'
      ? (value) => value !== undefined && value !== null
      : (value) => value !== undefined && !Array.isArray(value) && test(value);
  for (let i = path.steps.length - 1; i >= 0; i--) {
    visit = step(path.steps[i]!, visit, dereferences(path.steps, i));
  }
  return visit;
}

/** A string reached through `x_ref` or `x_refs[n]` names another object of the observation. */
function dereferences(steps: readonly PathStep[], i: number): boolean {
  const before = steps[i - 1];
  if (before === undefined) return false;
  if (before.kind === 'key') return before.name.endsWith('_ref');
  const keyBefore = steps[i - 2];
  return keyBefore?.kind === 'key' && keyBefore.name.endsWith('_refs');
}

function step(s: PathStep, next: Visit, deref: boolean): Visit {
  if (s.kind === 'key') {
    const name = s.name;
    return (value, objects) => {
      const target =
        deref && typeof value === 'string'
          ? Object.hasOwn(objects, value)
            ? objects[value]
            : undefined
          : value;
      if (target === null || typeof target !== 'object' || Array.isArray(target)) return false;
      return Object.hasOwn(target, name) && next((target as Record<string, unknown>)[name], objects);
    };
  }
  if (s.index === '*') {
    return (value, objects) => {
      if (!Array.isArray(value)) return false;
      for (let i = 0; i < value.length; i++) if (next(value[i], objects)) return true;
      return false;
    };
  }
  const index = s.index;
  return (value, objects) => {
    if (!Array.isArray(value)) return false;
    const at = index < 0 ? value.length + index : index;
    return at >= 0 && at < value.length && next(value[at], objects);
  };
}
