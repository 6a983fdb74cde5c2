import { isStixId } from './ids.ts';

function collect(value: unknown, key: string | undefined, out: Set<string>): void {
  if (Array.isArray(value)) {
    const isRefList = key?.endsWith('_refs') === true;
    for (const item of value) {
      if (isRefList && isStixId(item)) out.add(item);
      else if (typeof item === 'object' && item !== null) collect(item, undefined, out);
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const obj = value as Record<string, unknown>;
  for (const name in obj) {
    const child = obj[name];
    if (name.endsWith('_ref')) {
      if (isStixId(child)) out.add(child);
    } else if (typeof child === 'object' && child !== null) {
      collect(child, name, out);
    }
  }
}

/**
 * Every identifier an object references through `*_ref` and `*_refs` properties, at any depth
 * (extensions, granular markings, MIME parts, …), each once, in the order first met.
 */
export function refsOf(obj: Readonly<Record<string, unknown>>): string[] {
  const out = new Set<string>();
  collect(obj, undefined, out);
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
