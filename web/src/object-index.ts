/**
 * Every visible object of a type, fetched page by page once per session: relationships name only ids,
 * and an actor has a hundred of them, so names come from these indexes rather than a request per id.
 */
import { apiGet } from './api.ts';
import type { ObjectList, StixObject } from './types.ts';

const cache = new Map<string, Promise<Map<string, StixObject>>>();

async function fetchType(type: string): Promise<Map<string, StixObject>> {
  const byId = new Map<string, StixObject>();
  let cursor: string | undefined;
  do {
    const page = await apiGet<ObjectList>(
      `/objects?type=${encodeURIComponent(type)}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
    );
    for (const o of page.objects) byId.set(o.id, o);
    cursor = page.more ? page.next : undefined;
  } while (cursor !== undefined);
  return byId;
}

export function objectsOfType(type: string): Promise<Map<string, StixObject>> {
  let entry = cache.get(type);
  if (entry === undefined) {
    entry = fetchType(type);
    entry.catch(() => cache.delete(type));
    cache.set(type, entry);
  }
  return entry;
}

/** The objects behind these ids, as far as the caller may read them. */
export async function resolveIds(ids: readonly string[]): Promise<Map<string, StixObject>> {
  const types = [...new Set(ids.map(typeOfId))];
  const maps = await Promise.all(types.map(objectsOfType));
  const found = new Map<string, StixObject>();
  for (const id of ids) {
    for (const map of maps) {
      const o = map.get(id);
      if (o !== undefined) found.set(id, o);
    }
  }
  return found;
}

export function forgetObjects(): void {
  cache.clear();
}

export const typeOfId = (id: string): string => id.split('--')[0] ?? id;

/** A name a person can read: the name, else the value, else a hash, else the id. */
export function labelOf(o: StixObject | undefined, id?: string): string {
  if (o === undefined) return id ?? '';
  if (typeof o.name === 'string') return o.name;
  if (typeof o.value === 'string') return o.value;
  if (typeof o.abstract === 'string') return o.abstract;
  const hashes = o.hashes as Record<string, string> | undefined;
  if (hashes) {
    const first = Object.entries(hashes)[0];
    if (first) return `${first[0]} ${first[1]}`;
  }
  if (typeof o.pattern === 'string') return o.pattern;
  return o.id;
}

/** The ATT&CK id (T1566.001) of an attack pattern, if it has one. */
export function attackId(o: StixObject | undefined): string | undefined {
  return o?.external_references?.find((r) => r.source_name === 'mitre-attack')?.external_id;
}
