import { isStixId } from './ids.ts';

type Pending = { value: unknown; key: string | undefined };

/** Walks with an explicit stack, so hostile nesting depth cannot overflow the call stack. */
function collect(root: unknown, out: Set<string>): void {
  const stack: Pending[] = [{ value: root, key: undefined }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, key } = item;
    if (Array.isArray(value)) {
      const isRefList = key?.endsWith('_refs') === true;
      const nested: Pending[] = [];
      for (const element of value) {
        if (isRefList && isStixId(element)) out.add(element);
        else if (typeof element === 'object' && element !== null)
          nested.push({ value: element, key: undefined });
      }
      for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]!);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const obj = value as Record<string, unknown>;
    const nested: Pending[] = [];
    for (const name in obj) {
      const child = obj[name];
      if (name.endsWith('_ref')) {
        if (isStixId(child)) out.add(child);
      } else if (typeof child === 'object' && child !== null) {
        nested.push({ value: child, key: name });
      }
    }
    // Reversed onto the stack so that nested refs come out in the order they are written.
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]!);
  }
}

/**
 * Every identifier an object references through `*_ref` and `*_refs` properties, at any depth
 * (extensions, granular markings, MIME parts, …), each once, in the order first met.
 */
export function refsOf(obj: Readonly<Record<string, unknown>>): string[] {
  const out = new Set<string>();
  collect(obj, out);
  return [...out];
}

export interface VersionKey {
  created: string | null;
  modified: string | null;
}

/** What tells versions of an object apart: `created` and `modified`, null where the object has none (SCOs). */
export function versionKey(obj: Readonly<Record<string, unknown>>): VersionKey {
  return {
    created: typeof obj.created === 'string' ? obj.created : null,
    modified: typeof obj.modified === 'string' ? obj.modified : null,
  };
}
