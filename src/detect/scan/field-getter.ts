/** Visits each scalar a dotted field name reaches in a parsed JSON event. */
export type FieldGetter = (event: unknown, sink: (value: string | number) => void) => void;

/**
 * `a.b.c` finds `{"a":{"b":{"c":…}}}`, a flat `{"a.b.c":…}` (Zeek, flattened ECS) and any mix;
 * arrays on the way (and at the end) fan out. The joined suffixes are computed once, so a look-up
 * allocates nothing.
 */
export function compileGetter(name: string): FieldGetter {
  const parts = name.split('.');
  const suffixes = parts.map((_, i) => parts.slice(i).join('.'));
  const walk = (value: unknown, i: number, sink: (value: string | number) => void): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (let k = 0; k < value.length; k++) walk(value[k], i, sink);
      return;
    }
    if (i === parts.length) {
      if (typeof value === 'string' || typeof value === 'number') sink(value);
      return;
    }
    if (typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const whole = record[suffixes[i]!];
    if (whole !== undefined) {
      walk(whole, parts.length, sink);
      return;
    }
    if (i < parts.length - 1) walk(record[parts[i]!], i + 1, sink);
  };
  return (event, sink) => walk(event, 0, sink);
}

/** Does the event hold the field at all? */
export function compileHas(name: string): (event: unknown) => boolean {
  const get = compileGetter(name);
  let found = false;
  const sink = (): void => {
    found = true;
  };
  return (event) => {
    found = false;
    get(event, sink);
    return found;
  };
}
