import type { ObjectPath } from '../../stix/index.ts';
import type { ObservedObjects } from '../pattern/observation.ts';
import { compilePath } from '../pattern/path.ts';
import { canonicalHashName, isHashStep } from './path-key.ts';

/** Hands every string an object path reaches from `object` to `sink`. */
export type Collector = (object: object, objects: ObservedObjects, sink: (value: string) => void) => void;

/**
 * Built on the evaluator's own path walker (same `_ref` and `[*]` rules) with a test that collects and
 * answers false, so every reachable value is visited. A trailing hash name matches any spelling of it.
 */
export function compileCollector(path: ObjectPath): Collector {
  let sink: (value: string) => void = () => {};
  const last = path.steps.length - 1;
  let visit: ReturnType<typeof compilePath>;
  if (isHashStep(path.steps, last)) {
    const step = path.steps[last] as { name: string };
    const wanted = canonicalHashName(step.name);
    visit = compilePath({ ...path, steps: path.steps.slice(0, last) }, (hashes) => {
      if (hashes === null || typeof hashes !== 'object') return false;
      for (const [name, value] of Object.entries(hashes))
        if (typeof value === 'string' && canonicalHashName(name) === wanted) sink(value);
      return false;
    });
  } else {
    visit = compilePath(path, (value) => {
      if (typeof value === 'string') sink(value);
      return false;
    });
  }
  return (object, objects, to) => {
    sink = to;
    visit(object, objects);
  };
}
